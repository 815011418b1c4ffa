package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guard: the {@link Socket} handler runs only when the session's user id equals the named
 * parameter (compared as text, so a {@code UUID} parameter matches the token's subject {@code
 * "0b3f…"}). Any other call is answered {@code FORBIDDEN} before the handler runs. Implies
 * {@link Authenticated}. Naming a parameter that does not exist is a compile error.
 *
 * <pre>{@code
 * @Socket @SessionUserMatches("playerId")   // you can only move yourself
 * void handleInput(UUID playerId, Vector3 inputVector, GameWorldStore world) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface SessionUserMatches {
  /** The name of the handler parameter that must equal the session's user id. */
  String value();
}
