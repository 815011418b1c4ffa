package io.carotene.runtime.auth;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Deque;
import java.util.Locale;

/** Where a request carries its token: {@code Authorization: Bearer …}, else {@code ?access_token=…}. */
public final class BearerToken {
  public static final String QUERY_PARAMETER = "access_token";

  private BearerToken() {}

  /** The token, or null when the request carries none. */
  public static String of(HttpServerExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (authorization != null) {
      String trimmed = authorization.trim();
      if (trimmed.length() > 7 && trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
        return trimmed.substring(7).trim();
      }
      return ""; // present but not a bearer token: refused as malformed, not treated as absent
    }
    Deque<String> values = exchange.getQueryParameters().get(QUERY_PARAMETER);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }
}
