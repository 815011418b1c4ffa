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
 */
final class SlabEntries<K, F extends Flyweight<?>> implements Entries<K, F> {
  private final ChronicleMap<K, Long> slots;
  private final FlyweightMarshaller<F> codec;
  private final Function<F, K> idOfFlyweight;
  private final int entrySize;
  private final long capacity;
  private final BytesStore<?, Void> slab;
  private final Bytes<Void> reader;
  private final Bytes<Void> writer;
  private final F moved;
  private int size;

  SlabEntries(
      ChronicleMap<K, Long> slots,
      FlyweightMarshaller<F> codec,
      Function<F, K> idOfFlyweight,
      long capacity) {
    this.slots = slots;
    this.codec = codec;
    this.idOfFlyweight = idOfFlyweight;
    this.entrySize = codec.fixedSize();
    this.capacity = capacity;
    this.slab = BytesStore.nativeStoreWithFixedCapacity(capacity * entrySize);
    // Slots are computed from the entry count and the fixed size, so every access is in bounds:
    // unchecked cursors skip Chronicle's per-call bounds checks, which dominate a tight pass.
    Bytes<Void> forRead = slab.bytesForRead();
    forRead.readLimit(capacity * entrySize);
    this.reader = forRead.unchecked(true);
    this.writer = slab.bytesForWrite().unchecked(true);
    // One world thread uses a store, but it is not the thread that created it.
    reader.singleThreadedCheckDisabled(true);
    writer.singleThreadedCheckDisabled(true);
    this.moved = codec.newFlyweight();
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
      size++;
      slots.put(id, slot);
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
      slab.move(last * entrySize, slot * entrySize, entrySize);
      decode(slot, moved);
      slots.put(idOfFlyweight.apply(moved), slot);
    }
    size--;
    return true;
  }

  @Override
  public void clear() {
    slots.clear();
    size = 0;
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

  private void decode(long slot, F into) {
    reader.readPosition(slot * entrySize);
    codec.readInto(reader, into);
  }

  private void encode(long slot, F from) {
    writer.writePosition(slot * entrySize);
    codec.writeFrom(writer, from);
  }

  @Override
  public void close() {
    slots.close();
    reader.releaseLast();
    writer.releaseLast();
    slab.releaseLast();
  }
}
