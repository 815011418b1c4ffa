package io.carotene.runtime.socket;

import io.carotene.runtime.wire.CloseCodes;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.protocol.framed.FrameHeaderData;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;
import io.undertow.websockets.core.protocol.version13.WebSocket13Channel;
import io.undertow.websockets.extensions.CompositeExtensionFunction;
import io.undertow.websockets.extensions.ExtensionFunction;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.xnio.StreamConnection;

/**
 * The RFC 6455 handshake, whose channels check each frame's declared length as soon as its header
 * is read, before Undertow uses it.
 *
 * <p>Undertow (2.3.27 and 2.4.4 alike) reads a 64-bit payload length with {@code getLong()} and no
 * check: a length with its top bit set (RFC 6455 §5.2 says it MUST be 0) becomes a negative long,
 * and the channel's reader then fails with {@code IllegalArgumentException: newPosition > limit}
 * inside the read listener (XNIO logs it with a stack trace; no close frame; the socket stays
 * open). A declared length over the limit was only noticed once that many bytes had arrived, so a
 * header declaring 1 GB held the connection open forever. Both are refused here, at the header:
 * a negative length closes the connection with 1002, one over the limit with 1009.
 */
final class FrameGuardHandshake extends Hybi13Handshake {
  private final int maxFrameBytes;

  FrameGuardHandshake(Set<String> subprotocols, int maxFrameBytes) {
    super(subprotocols, false);
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public WebSocketChannel createChannel(WebSocketHttpExchange exchange, StreamConnection connection, ByteBufferPool pool) {
    List<ExtensionFunction> extensions = initExtensions(exchange);
    return new GuardedChannel(connection, pool, getWebSocketLocation(exchange),
        exchange.getResponseHeader("Sec-WebSocket-Protocol"), !extensions.isEmpty(),
        CompositeExtensionFunction.compose(extensions), exchange.getPeerConnections(), exchange, maxFrameBytes);
  }

  /** Why a connection was ended at a frame's header: its close code and what the client did. */
  static final class UnreadableFrame extends IOException {
    final int code;

    UnreadableFrame(int code, String message) {
      super(message);
      this.code = code;
    }

    /** The refusal behind {@code error} (a cause of it, or it), or null when it is another failure. */
    static UnreadableFrame in(Throwable error) {
      for (Throwable cause = error; cause != null; cause = cause.getCause()) {
        if (cause instanceof UnreadableFrame refused) {
          return refused;
        }
      }
      return null;
    }
  }

  private static final class GuardedChannel extends WebSocket13Channel {
    private final int maxFrameBytes;

    GuardedChannel(StreamConnection connection, ByteBufferPool pool, String url, String subprotocol,
        boolean extensionsSupported, ExtensionFunction extensions, Set<WebSocketChannel> peers,
        WebSocketHttpExchange exchange, int maxFrameBytes) {
      super(connection, pool, url, subprotocol, false, extensionsSupported, extensions, peers, exchange.getOptions());
      this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected FrameHeaderData parseFrame(ByteBuffer data) throws IOException {
      FrameHeaderData header = super.parseFrame(data);
      if (header == null) {
        return null; // the header is not complete yet
      }
      long length = header.getFrameLength();
      if (length < 0) {
        throw refuse(CloseCodes.PROTOCOL_ERROR, "Invalid frame length: the 64-bit payload length must not have its top bit set");
      }
      if (length > maxFrameBytes) {
        throw refuse(CloseCodes.TOO_BIG, "Frame too big: " + length + " bytes declared, at most " + maxFrameBytes);
      }
      return header;
    }

    /** Sends the close frame now; the exception then ends the reads (the receive listener's onError). */
    private UnreadableFrame refuse(int code, String reason) {
      WebSockets.sendClose(new CloseMessage(code, reason), this, null);
      return new UnreadableFrame(code, reason);
    }
  }
}
