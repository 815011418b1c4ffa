package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a backend method callable by clients over the WebSocket, as operation {@link #value()}.
 * Parameters of type {@code io.carotene.runtime.Session} and of the domain's store or view types
 * are supplied by the runtime; every other parameter is an argument of the call, named as in the
 * source. Throwing {@code io.carotene.runtime.Rejection} answers the call with {@code REJECTED}
 * and the rejection's message.
 *
 * <pre>{@code
 * @Socket
 * void handleInput(@Id UUID playerId, Vector3 inputVector, GameWorldStore world) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Socket {
  /** The operation's name on the wire; defaults to the method name with its first letter upper case. */
  String value() default "";
}
