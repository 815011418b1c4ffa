package io.carotene.runtime.internal;

import io.carotene.runtime.store.Flyweight;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;

/**
 * How a store's entries travel in binary snapshots (PROTOCOL.md, section 5.2): the model's fields
 * in declaration order, nested records flattened, little-endian, with no padding or tags; {@code
 * @Quantized} floats as step counts, everything else as its codec encodes it. The processor
 * generates one per store model ({@code PlayerWire}), so the server needs no reflection to send or
 * describe an entry.
 *
 * @param <F> the model's flyweight
 */
public interface WireFormat<F extends Flyweight<?>> {
  /** Bytes per entry, or -1 when a field has no fixed size (a {@code String}). */
  int size();

  /** The {@code @Id}'s field: where a client finds an entry's key; null when {@link #size()} is -1. */
  WireField id();

  /** Every field, in wire order; empty when {@link #size()} is -1. */
  List<WireField> fields();

  /** Writes one entry's wire bytes at {@code out}'s write position; allocates nothing. */
  void write(Bytes<?> out, F from);
}
