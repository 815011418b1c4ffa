package io.carotene.runtime.snapshot;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer reused from tick to tick; grows (doubling) only when a tick needs more. */
public final class ByteSink extends OutputStream {
  private byte[] bytes = new byte[1024];
  private int size;

  public void reset() {
    size = 0;
  }

  public byte[] array() {
    return bytes;
  }

  public int size() {
    return size;
  }

  @Override
  public void write(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] source, int offset, int length) {
    ensure(length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  /** Writes {@code value} as an unsigned LEB128 varint (PROTOCOL.md, section 5.2). */
  public void writeVarint(long value) {
    ensure(Varint.MAX_BYTES);
    size = Varint.put(bytes, size, value);
  }

  /** Makes room for {@code more} bytes past {@link #size()}. */
  public void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  /** Counts {@code length} bytes written directly into {@link #array()} past {@link #size()}. */
  public void skip(int length) {
    size += length;
  }
}
