package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Decides whether a session may take a seat in a room: runs on the room's thread when a client
 * asks for a seat, before any reservation is given, so before its first snapshot. Throw {@code
 * io.carotene.runtime.Rejection("…")} to refuse: the client gets {@code 403 JOIN_REFUSED} with
 * that message. The method may take, in any order: {@code io.carotene.runtime.Session}, {@code
 * io.carotene.runtime.Room}, the domain's store or view types, and one record: the join's
 * options, decoded with its generated codec (options it cannot decode refuse the join).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnJoinAttempt {}
