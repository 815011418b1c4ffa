package io.carotene.runtime.snapshot;

import io.carotene.runtime.internal.FlyweightMarshaller;
import io.carotene.runtime.store.Flyweight;
import java.util.Arrays;
import net.openhft.chronicle.bytes.Bytes;

/**
 * What a filter interest judges: each captured entry's codec bytes (exact, not quantized as on the
 * wire), per handle, read back into one reused flyweight. World thread only; grows only with the
 * store.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class ExactCopies {
  private final FlyweightMarshaller codec;
  private final int size;
  private final Bytes<byte[]> scratch;
  private final Flyweight<?> decoded;
  private byte[] copies = new byte[0];
  private byte[] wrapped;
  private Bytes<byte[]> in;

  ExactCopies(FlyweightMarshaller<?> codec) {
    this.codec = codec;
    this.size = codec.fixedSize();
    this.scratch = Bytes.wrapForWrite(new byte[size]);
    scratch.singleThreadedCheckDisabled(true);
    this.decoded = (Flyweight<?>) codec.newFlyweight();
  }

  void grow(int capacity) {
    copies = Arrays.copyOf(copies, capacity * size);
  }

  /** Keeps {@code entry}'s exact bytes as handle {@code h}'s. */
  void keep(int h, Flyweight<?> entry) {
    scratch.writePosition(0);
    codec.writeFrom(scratch, entry);
    System.arraycopy(scratch.underlyingObject(), 0, copies, h * size, size);
  }

  /** Handle {@code h}'s entry as kept, in a flyweight reused by the next call. */
  Object read(int h) {
    if (wrapped != copies) {
      wrapped = copies;
      in = Bytes.wrapForRead(copies);
      in.singleThreadedCheckDisabled(true);
    }
    in.readPositionRemaining(h * (long) size, size);
    codec.readInto(in, decoded);
    return decoded;
  }
}
