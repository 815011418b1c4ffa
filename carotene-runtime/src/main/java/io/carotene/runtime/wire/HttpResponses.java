package io.carotene.runtime.wire;

import io.carotene.runtime.CallResult;
import io.carotene.runtime.ErrorCode;
import io.carotene.runtime.Session;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Writes the server's JSON responses. */
public final class HttpResponses {
  static final String JSON = "application/json; charset=utf-8";

  private HttpResponses() {}

  public static void json(HttpServerExchange exchange, int status, byte[] body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }

  public static void error(HttpServerExchange exchange, int status, String code, String message) {
    json(exchange, status, Json.errorBody(code, message));
  }

  /** 401 with the challenge a client needs to see what to send. */
  public static void unauthorized(HttpServerExchange exchange, String message) {
    exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"carotene\"");
    error(exchange, 401, "UNAUTHORIZED", message);
  }

  /** A route's result: its value as JSON (200), nothing (204), or its error with a fitting status. */
  public static void result(HttpServerExchange exchange, Session session, CallResult result) throws IOException {
    if (result.isOk()) {
      if (result.json() == null) {
        exchange.setStatusCode(204);
        exchange.endExchange();
      } else {
        json(exchange, 200, Json.body(result.json()));
      }
      return;
    }
    if (result.error() == ErrorCode.FORBIDDEN && !session.isAuthenticated()) {
      unauthorized(exchange, result.message());
      return;
    }
    error(exchange, statusOf(result.error()), result.error().name(), result.message());
  }

  static int statusOf(ErrorCode code) {
    switch (code) {
      case BAD_REQUEST:
        return 400;
      case FORBIDDEN:
        return 403;
      case REJECTED:
        return 422;
      case RATE_LIMITED:
        return 429;
      case INTERNAL:
      default:
        return 500;
    }
  }
}
