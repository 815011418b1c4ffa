package io.carotene.runtime.socket;

import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketFrameType;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.xnio.ChannelListener;

/**
 * Reads one connection's data messages (text or binary, all their fragments) into one heap buffer
 * it keeps for the connection's life, and hands each whole message to its {@link Handler}; IO
 * thread only.
 *
 * <p>What Undertow's {@code BufferedBinaryMessage} does for a message, without its cost per message:
 * that takes a 16 KiB buffer from the pool for every message however small (a 20-byte input frame
 * too), wraps it in a pooled view and a callback, and under a few hundred clients kept the pool
 * dry, so most messages allocated and freed a direct buffer. Here a message is read into this
 * connection's buffer, which grows (doubling) only for a larger message, never past the
 * connection's limit, and is let go again after one over {@value #RETAINED_BYTES} bytes; nothing is
 * allocated for a message that fits.
 */
final class MessageReader implements ChannelListener<StreamSourceFrameChannel> {
  /** What happens to a whole message, or to a message that could not be read. */
  interface Handler {
    /**
     * A whole message of {@code type} ({@code TEXT} or {@code BINARY}): {@code bytes} from its
     * position to its limit, little-endian, valid until this returns.
     */
    void message(WebSocketFrameType type, ByteBuffer bytes);

    /** The message could not be read (a reset, or more than the limit: close 1009 was sent). */
    void failed(IOException error);
  }

  /** A new connection's buffer: an input call or an ack fits many times over. */
  static final int INITIAL_BYTES = 256;

  /** The largest buffer a JVM surely allocates: a limit above it still ends at about 1 GiB. */
  static final long MAX_BUFFER_BYTES = Integer.MAX_VALUE - 8;

  /** A buffer grown past this for a large message is let go once the message was handled. */
  static final int RETAINED_BYTES = 4096;

  private final int maxBytes;
  private final Handler handler;
  private ByteBuffer buffer;
  private WebSocketFrameType type;

  MessageReader(int maxBytes, Handler handler) {
    this.maxBytes = maxBytes;
    this.handler = handler;
    this.buffer = ByteBuffer.allocate((int) Math.min(INITIAL_BYTES, (long) maxBytes + 1)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The first frame of a message has arrived: reads what is there, and the rest as it comes. */
  void start(StreamSourceFrameChannel message) {
    type = message.getType();
    buffer.clear();
    if (!readAvailable(message)) {
      message.getReadSetter().set(this);
      message.resumeReads();
    }
  }

  /** More of a message that did not arrive whole. */
  @Override
  public void handleEvent(StreamSourceFrameChannel message) {
    if (readAvailable(message)) {
      message.suspendReads();
    }
  }

  /** Reads what has arrived; true once the message was handled (or failed), false to wait for more. */
  private boolean readAvailable(StreamSourceFrameChannel message) {
    try {
      for (;;) {
        if (!buffer.hasRemaining()) {
          grow(message);
        }
        int read = message.read(buffer);
        if (read == -1) {
          buffer.flip();
          try {
            handler.message(type, buffer);
          } finally {
            if (buffer.capacity() > RETAINED_BYTES) {
              buffer = ByteBuffer.allocate(INITIAL_BYTES).order(ByteOrder.LITTLE_ENDIAN); // a rare large message
            }
          }
          return true;
        }
        if (read == 0) {
          return false;
        }
      }
    } catch (IOException e) {
      handler.failed(e);
      return true;
    }
  }

  /**
   * Makes room for more of the message: doubles the buffer, up to one byte past the limit, so a
   * message of exactly {@code maxBytes} fits and one byte more is seen to be too big.
   */
  private void grow(StreamSourceFrameChannel message) throws IOException {
    long capacity = Math.min((long) buffer.capacity() * 2, (long) maxBytes + 1);
    if (buffer.capacity() > maxBytes || capacity > MAX_BUFFER_BYTES) {
      String reason = "Message too big: more than " + Math.min(maxBytes, buffer.capacity()) + " bytes";
      WebSockets.sendClose(new CloseMessage(CloseMessage.MSG_TOO_BIG, reason), message.getWebSocketChannel(), null);
      throw new IOException(reason);
    }
    ByteBuffer larger = ByteBuffer.allocate((int) capacity).order(ByteOrder.LITTLE_ENDIAN);
    buffer.flip();
    larger.put(buffer);
    buffer = larger;
  }
}
