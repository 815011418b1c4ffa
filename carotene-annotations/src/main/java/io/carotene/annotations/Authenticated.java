package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guard: the {@link Socket} handler runs only for an authenticated session; any other call is
 * answered {@code FORBIDDEN} before the handler runs. The check is generated into the dispatcher.
 *
 * <pre>{@code
 * @Socket @Authenticated
 * void handleInput(UUID playerId, Vector3 inputVector, GameWorldStore world) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Authenticated {}
