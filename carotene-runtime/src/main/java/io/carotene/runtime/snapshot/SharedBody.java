package io.carotene.runtime.snapshot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stores' part of one tick's snapshot, shared by every client: the world thread fills it, each
 * client's IO thread copies it behind that client's own {@code tick}/{@code ack} prefix into the
 * client's reused frame buffer. It is counted while IO threads still have to copy it, so the world
 * thread reuses it only once every copy is done (see {@link Ring}).
 */
public final class SharedBody {
  private static final byte[] TYPE_AND_TICK = "{\"type\":\"snapshot\",\"tick\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ACK = ",\"ack\":".getBytes(StandardCharsets.US_ASCII);
  /** The prefix's length with both numbers at their longest. */
  public static final int MAX_PREFIX = TYPE_AND_TICK.length + 20 + ACK.length + 20;

  private final AtomicInteger pendingCopies = new AtomicInteger();
  private byte[] bytes = new byte[4096];
  private int length;

  /** World thread: replaces the content with {@code source[0, length)}, a JSON object. */
  public void fill(byte[] source, int length) {
    if (bytes.length < length) {
      bytes = new byte[Math.max(length, bytes.length * 2)];
    }
    System.arraycopy(source, 0, bytes, 0, length);
    this.length = length;
  }

  public int length() {
    return length;
  }

  /** World thread: one more IO thread will copy this body. */
  public void retain() {
    pendingCopies.incrementAndGet();
  }

  /** IO thread: its copy is done (or will never be made). */
  public void release() {
    pendingCopies.decrementAndGet();
  }

  boolean inUse() {
    return pendingCopies.get() > 0;
  }

  /**
   * IO thread: writes {@code {"type":"snapshot","tick":N,"ack":A,} and this body minus its opening
   * '{' into {@code frame}, which is reused when large enough; returns the buffer written, flipped.
   */
  public ByteBuffer writeFrame(ByteBuffer frame, long tick, long ack) {
    int size = MAX_PREFIX + length;
    ByteBuffer out = frame != null && frame.capacity() >= size ? frame : ByteBuffer.allocate(Math.max(size, size + size / 4));
    out.clear();
    out.put(TYPE_AND_TICK);
    putDecimal(out, tick);
    out.put(ACK);
    putDecimal(out, ack);
    if (length == 2) { // "{}": no stores
      out.put((byte) '}');
    } else {
      out.put((byte) ',');
      out.put(bytes, 1, length - 1);
    }
    out.flip();
    return out;
  }

  public static void putDecimal(ByteBuffer out, long value) {
    if (value < 0) {
      out.put((byte) '-');
      value = -value;
    }
    long divisor = 1;
    while (value / divisor >= 10) {
      divisor *= 10;
    }
    while (divisor > 0) {
      out.put((byte) ('0' + value / divisor % 10));
      divisor /= 10;
    }
  }

  /**
   * A few bodies used in turn. A body whose copies are still pending when its turn comes is left to
   * the IO threads and replaced, so a stalled IO thread costs one allocation, never a wait.
   */
  public static final class Ring {
    private final SharedBody[] bodies = new SharedBody[4];
    private int next;

    public Ring() {
      Arrays.setAll(bodies, i -> new SharedBody());
    }

    /** World thread: the next body free to fill. */
    public SharedBody take() {
      SharedBody body = bodies[next];
      if (body.inUse()) {
        body = new SharedBody();
        bodies[next] = body;
      }
      next = (next + 1) % bodies.length;
      return body;
    }
  }
}
