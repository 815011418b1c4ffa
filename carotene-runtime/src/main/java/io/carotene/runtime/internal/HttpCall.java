package io.carotene.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.Session;
import io.carotene.runtime.auth.Tokens;
import java.util.Objects;

/**
 * One HTTP request to an {@link HttpRoute}, as the generated handler sees it.
 *
 * @param session the caller: authenticated when the request carried a valid bearer token
 * @param args a JSON object: the path template's values, then the body's members (or the query
 *     string's values, as text, for a request without a body)
 * @param tokens the server's token service, for routes that issue tokens (a login)
 */
public record HttpCall(Session session, JsonNode args, Tokens tokens) {
  public HttpCall {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(tokens, "tokens");
  }
}
