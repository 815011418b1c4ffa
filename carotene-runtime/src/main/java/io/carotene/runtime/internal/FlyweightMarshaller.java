package io.carotene.runtime.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.carotene.runtime.store.Flyweight;
import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.BytesReader;
import net.openhft.chronicle.hash.serialization.BytesWriter;

/**
 * The bridge between a generated model codec and Chronicle Map: reads an entry's off-heap bytes
 * into a reused {@link Flyweight} and writes a flyweight back, field by field, with no Java
 * serialization and no allocation. Generated codecs ({@code PlayerCodec}) extend it and are
 * stateless; each names its model's binary snapshot form ({@link #wire()}).
 */
public abstract class FlyweightMarshaller<F extends Flyweight<?>>
    implements BytesReader<F>, BytesWriter<F> {

  /** A new, zeroed flyweight. */
  public abstract F newFlyweight();

  /** The encoded size of one entry in bytes, or -1 when it varies (a model with a String). */
  public abstract int fixedSize();

  /** An encoded size to plan capacity with; equals {@link #fixedSize()} when that is known. */
  public abstract int averageSize();

  /** Reads one entry's fields, in declaration order, into {@code into}. */
  public abstract void readInto(Bytes<?> in, F into);

  /** Writes {@code from}'s fields, in declaration order. */
  public abstract void writeFrom(Bytes<?> out, F from);

  /** Writes {@code from} as a JSON object, fields named as the record's components. */
  public abstract void writeJson(JsonGenerator json, F from) throws IOException;

  /**
   * How entries travel in binary snapshots: the generated {@code <Model>Wire}, which differs from
   * this codec's own encoding where the model has {@code @Quantized} floats.
   */
  public abstract WireFormat<F> wire();

  @Override
  public final F read(Bytes<?> in, F using) {
    F target = using != null ? using : newFlyweight();
    readInto(in, target);
    return target;
  }

  @Override
  public final void write(Bytes<?> out, F toWrite) {
    writeFrom(out, toWrite);
  }
}
