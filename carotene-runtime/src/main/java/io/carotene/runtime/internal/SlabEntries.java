package io.carotene.runtime.internal;

import io.carotene.runtime.store.Flyweight;
import java.util.function.Consumer;
import java.util.function.Function;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Fixed-size entries packed back to back in one off-heap slab, with a Chronicle Map from id to
 * slot. A pass over the world walks the slab in order — decode into the flyweight, run, encode in
 * place — with no hashing, locking or per-entry context: the shape a tick wants. Removal moves the
 * last entry into the freed slot, so the slab stays dense.
 *
 * <p>Persisted, the slab is a mapped file of two {@link SlabHalves}: a slot is read where its
 * current image is and written to the epoch's writing half, so the committed half stays as the
 * last tick left it. The id-to-slot map is derived data, rebuilt from the slab on start.
 */
final class SlabEntries<K, F extends Flyweight<?>> implements Entries<K, F> {
  private final ChronicleMap<K, Long> slots;
  private final FlyweightMarshaller<F> codec;
  private final Function<F, K> idOfFlyweight;
  private final int entrySize;
  private final long capacity;
  private final BytesStore<?, ?> slab;
  private final Bytes<?> reader;
  private final Bytes<?> writer;
  private final F moved;
  private int size;
  /** Persisted only: the halves of the slab's file, which say where each slot is read and written. */
  private final SlabHalves halves;

  /** Ephemeral: a slab in native memory. */
  SlabEntries(
      ChronicleMap<K, Long> slots,
      FlyweightMarshaller<F> codec,
      Function<F, K> idOfFlyweight,
      long capacity) {
    this(slots, codec, idOfFlyweight, capacity,
        BytesStore.nativeStoreWithFixedCapacity(capacity * codec.fixedSize()), null, 0);
  }

  /**
   * Over {@code slab}, which holds {@code size} entries: in native memory, or persisted in the
   * file of {@code halves}. Indexes every entry.
   */
  SlabEntries(
      ChronicleMap<K, Long> slots,
      FlyweightMarshaller<F> codec,
      Function<F, K> idOfFlyweight,
      long capacity,
      BytesStore<?, ?> slab,
      SlabHalves halves,
      int size) {
    this.slots = slots;
    this.codec = codec;
    this.idOfFlyweight = idOfFlyweight;
    this.entrySize = codec.fixedSize();
    this.capacity = capacity;
    this.slab = slab;
    this.halves = halves;
    // Slots are computed from the entry count and the fixed size, so every access is in bounds:
    // unchecked cursors skip Chronicle's per-call bounds checks, which dominate a tight pass.
    Bytes<?> forRead = slab.bytesForRead();
    forRead.readLimit(halves == null ? capacity * entrySize : SlabHalves.HEADER + 2 * capacity * entrySize);
    this.reader = forRead.unchecked(true);
    this.writer = slab.bytesForWrite().unchecked(true);
    // One world thread uses a store, but it is not the thread that created it.
    reader.singleThreadedCheckDisabled(true);
    writer.singleThreadedCheckDisabled(true);
    this.moved = codec.newFlyweight();
    this.size = size;
    for (long slot = 0; slot < size; slot++) {
      decode(slot, moved);
      K id = idOfFlyweight.apply(moved);
      if (slots.put(id, slot) != null) {
        throw new IllegalStateException("the slab holds id " + id + " twice: its file is damaged");
      }
    }
  }

  /** Where {@code slot}'s current image is. */
  private long readOffset(long slot) {
    return halves == null ? slot * entrySize : halves.readOffset(slot);
  }

  /** Where a change of {@code slot} goes (persisted: the epoch's writing half). */
  private long writeOffset(long slot) {
    return halves == null ? slot * entrySize : halves.writeOffset(slot);
  }

  private void setSize(int newSize) {
    size = newSize;
    if (halves != null) {
      halves.count(newSize);
    }
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(K id) {
    return slots.containsKey(id);
  }

  @Override
  public boolean read(K id, F into) {
    Long slot = slots.get(id);
    if (slot == null) {
      return false;
    }
    decode(slot, into);
    return true;
  }

  @Override
  public void write(K id, F from) {
    Long slot = slots.get(id);
    if (slot == null) {
      if (size >= capacity) {
        throw new IllegalStateException("slab full"); // ChronicleStore checks capacity first
      }
      slot = (long) size;
      encode(slot, from);
      setSize(size + 1);
      slots.put(id, slot);
      return;
    }
    encode(slot, from);
  }

  @Override
  public boolean remove(K id) {
    Long slot = slots.remove(id);
    if (slot == null) {
      return false;
    }
    long last = size - 1L;
    if (slot != last) {
      slab.move(readOffset(last), writeOffset(slot), entrySize);
      decode(slot, moved);
      slots.put(idOfFlyweight.apply(moved), slot);
    }
    setSize(size - 1);
    return true;
  }

  @Override
  public void clear() {
    slots.clear();
    setSize(0);
  }

  @Override
  public boolean update(K id, F cursor, Consumer<? super F> action) {
    Long slot = slots.get(id);
    if (slot == null) {
      return false;
    }
    decode(slot, cursor);
    action.accept(cursor);
    encode(slot, cursor);
    return true;
  }

  @Override
  public void forEach(F cursor, Consumer<? super F> action, boolean writeBack) {
    if (halves != null && writeBack) {
      persistedPass(cursor, action);
      return;
    }
    // Entries added or removed by the action are not visited; the bound is read once.
    int count = size;
    for (long slot = 0; slot < count && slot < size; slot++) {
      decode(slot, cursor);
      action.accept(cursor);
      if (writeBack) {
        encode(slot, cursor);
      }
    }
  }

  /**
   * A writing pass over a persisted slab: the epoch is opened once, before the first entry, so
   * that no entity's write carries the fence that opening it needs ({@link
   * SlabHalves#passWriteOffset}). As in {@link #forEach}, entries the action adds or removes are
   * not visited.
   */
  private void persistedPass(F cursor, Consumer<? super F> action) {
    int count = size;
    if (count == 0) {
      return;
    }
    halves.beginPass();
    for (long slot = 0; slot < count && slot < size; slot++) {
      decode(slot, cursor);
      action.accept(cursor);
      writer.writePosition(halves.passWriteOffset(slot));
      codec.writeFrom(writer, cursor);
    }
  }

  private void decode(long slot, F into) {
    reader.readPosition(readOffset(slot));
    codec.readInto(reader, into);
  }

  private void encode(long slot, F from) {
    writer.writePosition(writeOffset(slot));
    codec.writeFrom(writer, from);
  }

  @Override
  public void close() {
    slots.close();
    reader.releaseLast();
    writer.releaseLast();
    if (halves != null) {
      halves.close(); // releases the slab when it unmaps the file
    } else {
      slab.releaseLast();
    }
  }
}
