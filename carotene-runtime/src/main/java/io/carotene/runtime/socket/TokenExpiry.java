package io.carotene.runtime.socket;

import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.wire.CloseCodes;
import io.undertow.websockets.core.WebSocketChannel;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;

/** The end of a connection whose token expires (PROTOCOL.md §2). */
final class TokenExpiry {
  private TokenExpiry() {}

  /**
   * A session lasts as long as its token: when the token expires (with the same clock skew the
   * handshake allowed), the connection is closed with 1008 and the client reconnects with a fresh
   * token. The timer goes when the connection does.
   */
  static void closeWhenExpired(Instant expiresAt, ClientConnection client, WebSocketChannel channel) {
    if (expiresAt == null) {
      return;
    }
    long delayMillis = Math.max(0,
        expiresAt.plus(Tokens.CLOCK_SKEW).toEpochMilli() - System.currentTimeMillis());
    XnioExecutor.Key timer = channel.getIoThread().executeAfter(
        () -> client.close(CloseCodes.POLICY_VIOLATION, "Token expired; reconnect with a fresh token"),
        delayMillis, TimeUnit.MILLISECONDS);
    channel.addCloseTask(ch -> timer.remove());
  }
}
