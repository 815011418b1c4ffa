package io.carotene.runtime.internal;

import io.carotene.runtime.store.Flyweight;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Fixed-size entries packed back to back in one off-heap slab, with a Chronicle Map from id to
 * slot. A pass over the world walks the slab in order — decode into the flyweight, run, encode in
 * place — with no hashing, locking or per-entry context: the shape a tick wants. Removal moves the
 * last entry into the freed slot, so the slab stays dense.
 *
 * <p>Persisted, the slab is a mapped file whose header holds the entry count, and every change goes
 * through {@link #beforeChange}: the first change of a slot in an epoch appends its pre-image to the
 * store's {@link UndoLog}. The id-to-slot map is derived data, rebuilt from the slab on start.
 */
final class SlabEntries<K, F extends Flyweight<?>> implements Entries<K, F> {
  /** How many slots ahead a persisted pass logs pre-images in one go ({@link #logAhead}). */
  private static final int LOG_AHEAD = 64;

  private final ChronicleMap<K, Long> slots;
  private final FlyweightMarshaller<F> codec;
  private final Function<F, K> idOfFlyweight;
  private final int entrySize;
  private final long capacity;
  private final BytesStore<?, ?> slab;
  /** Where entry 0 starts in {@link #slab}: after the header of a persisted slab. */
  private final long dataOffset;
  private final Bytes<?> reader;
  private final Bytes<?> writer;
  private final F moved;
  private int size;
  /** Persisted only: the pre-images of the epoch, and the count's place in the file. */
  private final UndoLog undo;
  /** Persisted: the slab's mapped file, closed (and unmapped) with the store. */
  private MappedRegion file;
  private final long sizeAddress;
  /** Persisted only: the epoch stamp of each slot's last logged pre-image, and the current one. */
  private final int[] loggedIn;
  private int stamp;
  private long sizeAtStart;

  /** Ephemeral: a slab in native memory. */
  SlabEntries(
      ChronicleMap<K, Long> slots,
      FlyweightMarshaller<F> codec,
      Function<F, K> idOfFlyweight,
      long capacity) {
    this(slots, codec, idOfFlyweight, capacity,
        BytesStore.nativeStoreWithFixedCapacity(capacity * codec.fixedSize()), 0, null, 0, 0);
  }

  /**
   * Over {@code slab}, whose entries start at {@code dataOffset} and number {@code size}; with an
   * {@code undo} log (and the count's {@code sizeAddress}) when persisted. Indexes every entry.
   */
  SlabEntries(
      ChronicleMap<K, Long> slots,
      FlyweightMarshaller<F> codec,
      Function<F, K> idOfFlyweight,
      long capacity,
      BytesStore<?, ?> slab,
      long dataOffset,
      UndoLog undo,
      long sizeAddress,
      int size) {
    this.slots = slots;
    this.codec = codec;
    this.idOfFlyweight = idOfFlyweight;
    this.entrySize = codec.fixedSize();
    this.capacity = capacity;
    this.slab = slab;
    this.dataOffset = dataOffset;
    this.undo = undo;
    this.sizeAddress = sizeAddress;
    this.loggedIn = undo == null ? null : new int[Math.toIntExact(capacity)];
    // Slots are computed from the entry count and the fixed size, so every access is in bounds:
    // unchecked cursors skip Chronicle's per-call bounds checks, which dominate a tight pass.
    Bytes<?> forRead = slab.bytesForRead();
    forRead.readLimit(dataOffset + capacity * entrySize);
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

  /**
   * Persisted: before {@code slot} changes (or, with -1, the count), opens the epoch and logs the
   * slot's pre-image if the epoch has not logged it yet. Slots past the epoch's starting count need
   * no pre-image: rolling back the count drops them.
   */
  private void beforeChange(long slot) {
    if (undo == null) {
      return;
    }
    if (!undo.isOpen()) {
      undo.begin(size);
      sizeAtStart = size;
      if (++stamp == 0) {
        Arrays.fill(loggedIn, 0);
        stamp = 1;
      }
    }
    if (slot >= 0 && slot < sizeAtStart && loggedIn[(int) slot] != stamp) {
      loggedIn[(int) slot] = stamp;
      undo.append(slot, slab.addressForRead(dataOffset + slot * entrySize), entrySize);
    }
  }

  /**
   * A pass that writes back logs the pre-images of the next {@link #LOG_AHEAD} slots at once: each
   * run of slots not yet logged in this epoch as one record (slot, run length × entry size). A slot
   * not logged yet has not changed since the epoch began, so its image now is its pre-image, even
   * if the pass changes it later; the stamps keep every slot logged at most once per epoch.
   */
  private void logAhead(long from, long to) {
    beforeChange(-1); // opens the epoch
    long end = Math.min(to, sizeAtStart);
    long run = -1;
    for (long slot = from; slot < end; slot++) {
      if (loggedIn[(int) slot] != stamp) {
        loggedIn[(int) slot] = stamp;
        run = run < 0 ? slot : run;
      } else if (run >= 0) {
        logRun(run, slot);
        run = -1;
      }
    }
    if (run >= 0) {
      logRun(run, end);
    }
  }

  private void logRun(long from, long to) {
    undo.append(from, slab.addressForRead(dataOffset + from * entrySize), (int) ((to - from) * entrySize));
  }

  private void setSize(int newSize) {
    size = newSize;
    if (undo != null) {
      UnsafeMemory.MEMORY.writeLong(sizeAddress, newSize);
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
      beforeChange(slot);
      encode(slot, from);
      setSize(size + 1);
      slots.put(id, slot);
      return;
    }
    beforeChange(slot);
    encode(slot, from);
  }

  @Override
  public boolean remove(K id) {
    Long slot = slots.remove(id);
    if (slot == null) {
      return false;
    }
    long last = size - 1L;
    beforeChange(slot);
    if (slot != last) {
      slab.move(dataOffset + last * entrySize, dataOffset + slot * entrySize, entrySize);
      decode(slot, moved);
      slots.put(idOfFlyweight.apply(moved), slot);
    }
    setSize(size - 1);
    return true;
  }

  @Override
  public void clear() {
    beforeChange(-1);
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
    beforeChange(slot);
    encode(slot, cursor);
    return true;
  }

  @Override
  public void forEach(F cursor, Consumer<? super F> action, boolean writeBack) {
    // Entries added or removed by the action are not visited; the bound is read once.
    int count = size;
    for (long slot = 0; slot < count && slot < size; slot++) {
      if (writeBack && undo != null && slot % LOG_AHEAD == 0) {
        logAhead(slot, slot + LOG_AHEAD);
      }
      decode(slot, cursor);
      action.accept(cursor);
      if (writeBack) {
        beforeChange(slot);
        encode(slot, cursor);
      }
    }
  }

  private void decode(long slot, F into) {
    reader.readPosition(dataOffset + slot * entrySize);
    codec.readInto(reader, into);
  }

  private void encode(long slot, F from) {
    writer.writePosition(dataOffset + slot * entrySize);
    codec.writeFrom(writer, from);
  }

  @Override
  public void close() {
    slots.close();
    reader.releaseLast();
    writer.releaseLast();
    slab.releaseLast();
    if (undo != null) {
      undo.close();
    }
    if (file != null) {
      file.close();
    }
  }

  /** This slab lives in {@code file}, which closes with it. */
  SlabEntries<K, F> over(MappedRegion file) {
    this.file = file;
    return this;
  }
}
