package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a seated session leaves its room, on the room's thread: closed, dropped past its
 * reconnection grace, kicked, the room ending, or the server stopping. The method may take, in any
 * order: {@code io.carotene.runtime.Session}, {@code io.carotene.runtime.Room}, {@code
 * io.carotene.runtime.LeaveReason} and the domain's store or view types.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnLeave {}
