package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a room of the domain is created, on the room's thread, before anyone joins. The
 * method may take, in any order: {@code io.carotene.runtime.Room}, the domain's store or view
 * types, and one record: the creation options, decoded from the {@code options} of {@code POST
 * /matchmake/create} or {@code joinOrCreate} with the record's generated codec (a member the
 * client left out is an error the log names; send every member).
 *
 * <pre>{@code
 * record ArenaOptions(String mode) {}
 *
 * @OnCreate
 * void created(Room room, ArenaOptions options) { room.metadata().put("mode", options.mode()); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnCreate {}
