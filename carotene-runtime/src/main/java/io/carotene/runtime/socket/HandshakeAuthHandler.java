package io.carotene.runtime.socket;

import io.carotene.runtime.Session;
import io.carotene.runtime.auth.BearerToken;
import io.carotene.runtime.auth.InvalidTokenException;
import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.snapshot.SnapshotFormat;
import io.carotene.runtime.wire.HttpResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.logging.Logger;

/**
 * Stands before the WebSocket handshake: a request without a valid token is answered 401 and no
 * connection, session or player is created. A valid token's subject becomes the session, attached
 * to the exchange for {@link GameSocket}.
 */
public final class HandshakeAuthHandler implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(HandshakeAuthHandler.class.getName());

  private final Tokens tokens;
  private final HttpHandler next;

  public HandshakeAuthHandler(Tokens tokens, HttpHandler next) {
    this.tokens = tokens;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String token = BearerToken.of(exchange);
    if (token == null) {
      HttpResponses.unauthorized(exchange,
          "Missing token: send 'Authorization: Bearer <token>' or ?access_token=<token>");
      return;
    }
    Session session;
    Tokens.Verified verified;
    try {
      verified = tokens.verified(token);
      session = Session.authenticated(verified.subject());
    } catch (InvalidTokenException e) {
      LOG.fine(() -> "Handshake refused from " + exchange.getSourceAddress() + ": " + e.getMessage());
      HttpResponses.unauthorized(exchange, e.getMessage());
      return;
    }
    java.util.Deque<String> formats = exchange.getQueryParameters().get("format");
    if (formats != null && !formats.isEmpty()) {
      SnapshotFormat format = SnapshotFormat.ofParameter(formats.getFirst());
      if (format == null || formats.size() > 1) {
        HttpResponses.error(exchange, 400, "BAD_REQUEST",
            "format must be 'json' or 'binary' (once), got " + formats);
        return;
      }
      exchange.putAttachment(GameSocket.FORMAT, format);
    }
    java.util.Deque<String> replies = exchange.getQueryParameters().get("replies");
    if (replies != null && !replies.isEmpty()) {
      if (replies.size() > 1 || !(replies.getFirst().equals("all") || replies.getFirst().equals("errors"))) {
        HttpResponses.error(exchange, 400, "BAD_REQUEST",
            "replies must be 'all' or 'errors' (once), got " + replies);
        return;
      }
      exchange.putAttachment(GameSocket.ERROR_REPLIES_ONLY, replies.getFirst().equals("errors"));
    }
    exchange.putAttachment(GameSocket.SESSION, session);
    exchange.putAttachment(GameSocket.EXPIRES_AT, verified.expiresAt());
    next.handleRequest(exchange);
  }
}
