package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a session redeems its seat, on the room's thread, just before its first snapshot: where
 * a game spawns the player. Runs once per seat (a reconnection within the grace resumes the seat
 * and does not run it again). The method may take, in any order: {@code
 * io.carotene.runtime.Session}, {@code io.carotene.runtime.Room} and the domain's store or view
 * types.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnJoin {}
