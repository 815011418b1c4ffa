package io.carotene.loadgen;

import java.nio.charset.StandardCharsets;

/** The first bytes of a frame seen as characters (the protocol's frame heads are ASCII), copy-free. */
final class AsciiView implements CharSequence {
  final byte[] bytes;
  int length;

  AsciiView(int capacity) {
    this.bytes = new byte[capacity];
  }

  static AsciiView of(String ascii) {
    byte[] b = ascii.getBytes(StandardCharsets.ISO_8859_1);
    AsciiView view = new AsciiView(b.length);
    System.arraycopy(b, 0, view.bytes, 0, b.length);
    view.length = b.length;
    return view;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    return (char) (bytes[index] & 0xff);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }
}
