package io.carotene.runtime.http;

import io.carotene.runtime.wire.HttpResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Lets only the methods a route serves through to it: any other (PUT, TRACE, a made-up one) is
 * answered 405 {@code METHOD_NOT_ALLOWED} with an {@code Allow} header. A route that serves GET
 * serves HEAD too (Undertow sends the headers and drops the body).
 */
public final class AllowedMethods implements HttpHandler {
  private final Set<String> allowed;
  private final String allowHeader;
  private final HttpHandler next;

  private AllowedMethods(Set<String> allowed, HttpHandler next) {
    this.allowed = allowed;
    this.allowHeader = String.join(", ", allowed);
    this.next = next;
  }

  /** {@code next}, behind a check that the request's method is one of {@code methods} (GET brings HEAD). */
  public static AllowedMethods of(Collection<String> methods, HttpHandler next) {
    return new AllowedMethods(withHead(methods), next);
  }

  /** {@code next}, for {@code method} alone (the WebSocket handshake is a GET; a HEAD is not one). */
  public static AllowedMethods only(String method, HttpHandler next) {
    return new AllowedMethods(Set.of(method), next);
  }

  /** {@code methods} as an {@code Allow} header lists them, HEAD added where GET is. */
  public static Set<String> withHead(Collection<String> methods) {
    Set<String> allowed = new LinkedHashSet<>(methods);
    if (allowed.contains("GET")) {
      allowed.add("HEAD");
    }
    return allowed;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (allowed.contains(exchange.getRequestMethod().toString())) {
      next.handleRequest(exchange);
    } else {
      refuse(exchange, allowHeader);
    }
  }

  /** Answers 405 with {@code Allow: allowHeader}. */
  public static void refuse(HttpServerExchange exchange, String allowHeader) {
    exchange.getResponseHeaders().put(Headers.ALLOW, allowHeader);
    HttpResponses.error(exchange, 405, "METHOD_NOT_ALLOWED",
        exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath() + "; allowed: " + allowHeader);
  }
}
