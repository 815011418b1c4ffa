package io.carotene.runtime.snapshot;

import java.nio.ByteBuffer;

/**
 * The integers of a binary snapshot (PROTOCOL.md, section 5.2): unsigned LEB128 varints, seven
 * bits a byte, least significant first, the high bit set on every byte but the last; a signed
 * difference is zig-zagged first (0, -1, 1, -2 … as 0, 1, 2, 3 …).
 */
final class Varint {
  /** The most bytes a 64-bit value takes. */
  static final int MAX_BYTES = 10;

  private Varint() {}

  /** Writes {@code value} (taken as unsigned) at {@code at}; returns the position after it. */
  static int put(byte[] out, int at, long value) {
    while ((value & ~0x7FL) != 0) {
      out[at++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[at++] = (byte) value;
    return at;
  }

  static void put(ByteBuffer out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.put((byte) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.put((byte) value);
  }

  /** Zig-zag: small magnitudes of either sign become small unsigned values. */
  static long zigZag(long value) {
    return (value << 1) ^ (value >> 63);
  }
}
