package io.carotene.runtime.record;

import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.FlyweightMarshaller;
import io.carotene.runtime.store.Flyweight;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;

/**
 * A world's stores as a journal keeps them: a 64-bit checksum of every entry's encoded bytes, and
 * the entries themselves. The checksum adds up one hash per entry, so it does not depend on the
 * order a store walks its entries in. Walks the stores in place with their flyweights: nothing is
 * allocated per entry. One per world, on its thread. Not API.
 */
public final class StoreDigest {
  private final List<Part<?>> parts = new ArrayList<>();

  public StoreDigest(List<ChronicleStore<?, ?, ?>> stores) {
    for (ChronicleStore<?, ?, ?> store : stores) {
      parts.add(new Part<>(store));
    }
  }

  /** The checksum of every store's entries now. */
  public long checksum() {
    long sum = 0;
    for (Part<?> part : parts) {
      sum = sum * 31 + part.checksum();
    }
    return sum;
  }

  /**
   * Writes every store's entries: for each store its name and entry count, then each entry's
   * encoded bytes behind their length.
   */
  public void writeState(Bytes<?> out) {
    out.writeStopBit(parts.size());
    for (Part<?> part : parts) {
      part.writeState(out);
    }
  }

  /**
   * Reads what {@link #writeState} wrote as records, store by store in the same order as this
   * digest's stores.
   *
   * @throws IllegalStateException when the recording's stores are not this world's
   */
  public List<List<Record>> readState(Bytes<?> in) {
    int count = Math.toIntExact(in.readStopBit());
    if (count != parts.size()) {
      throw new IllegalStateException(
          "The recording has " + count + " stores; this world has " + parts.size());
    }
    List<List<Record>> stores = new ArrayList<>(count);
    for (Part<?> part : parts) {
      stores.add(part.readState(in));
    }
    return stores;
  }

  /** 64 bits of {@code length} bytes at {@code offset}, well mixed. */
  static long hash(Bytes<?> bytes, long offset, long length) {
    long h = 0x9E3779B97F4A7C15L ^ length;
    long i = 0;
    for (; i + 8 <= length; i += 8) {
      h = mix(h ^ bytes.readLong(offset + i));
    }
    for (; i < length; i++) {
      h = mix(h ^ (bytes.readByte(offset + i) & 0xFFL));
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  /** One store: its engine, a reused buffer and the passes over it, made once. */
  private static final class Part<F extends Flyweight<?>> {
    final ChronicleStore<?, ?, F> store;
    final FlyweightMarshaller<F> codec;
    final Bytes<?> scratch = Bytes.allocateElasticOnHeap(256);
    final Consumer<F> summing;
    final Consumer<F> writing;
    long sum;
    Bytes<?> out;

    @SuppressWarnings("unchecked")
    Part(ChronicleStore<?, ?, ?> store) {
      this.store = (ChronicleStore<?, ?, F>) store;
      this.codec = this.store.codec();
      this.summing = entry -> {
        scratch.clear();
        codec.writeFrom(scratch, entry);
        sum += hash(scratch, scratch.readPosition(), scratch.readRemaining());
      };
      this.writing = entry -> {
        long lengthAt = out.writePosition();
        out.writeInt(0);
        long start = out.writePosition();
        codec.writeFrom(out, entry);
        out.writeInt(lengthAt, Math.toIntExact(out.writePosition() - start));
      };
    }

    long checksum() {
      sum = 0;
      store.readEach(summing);
      return sum;
    }

    void writeState(Bytes<?> target) {
      target.writeUtf8(store.name());
      target.writeStopBit(store.count());
      out = target;
      try {
        store.readEach(writing);
      } finally {
        out = null;
      }
    }

    List<Record> readState(Bytes<?> in) {
      String name = in.readUtf8();
      if (!store.name().equals(name)) {
        throw new IllegalStateException(
            "The recording's store " + name + " is not this world's " + store.name());
      }
      int count = Math.toIntExact(in.readStopBit());
      List<Record> entries = new ArrayList<>(count);
      F flyweight = codec.newFlyweight();
      for (int i = 0; i < count; i++) {
        int length = in.readInt();
        long end = in.readPosition() + length;
        codec.readInto(in, flyweight);
        in.readPosition(end);
        entries.add(flyweight.toRecord());
      }
      return entries;
    }
  }
}
