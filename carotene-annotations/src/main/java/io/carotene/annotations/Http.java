package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves a backend method as an HTTP route beside the game's WebSocket: {@code method} and
 * {@code path} (a template, {@code /api/players/{id}}). Parameters of type {@code
 * io.carotene.runtime.Session}, {@code io.carotene.runtime.auth.Tokens} and the domain's store or
 * view types are supplied by the runtime; every other parameter is read by name from the request:
 * from the path template, then from the JSON body object ({@code POST}, {@code PUT}, {@code PATCH})
 * or the query string ({@code GET}, {@code DELETE}, as text). The return value is the JSON response
 * (200), {@code void} answers 204; throwing {@code io.carotene.runtime.Rejection} answers 422. A
 * route that takes a store or view runs on the world's thread, between ticks; the others run off
 * it. {@link Authenticated} on the method requires a valid {@code Authorization: Bearer} token.
 *
 * <pre>{@code
 * @Http(method = Http.Method.POST, path = "/api/login")
 * LoginResponse login(String name, GameWorldStore world, Tokens tokens) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Http {
  /** The HTTP method the route answers. */
  Method method() default Method.GET;

  /** The path template, starting with {@code /}; {@code {name}} segments become arguments. */
  String path();

  /** The HTTP methods a route may declare. */
  enum Method {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE
  }
}
