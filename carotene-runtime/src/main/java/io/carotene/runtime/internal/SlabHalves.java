package io.carotene.runtime.internal;

import io.carotene.runtime.CaroteneConfigurationException;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * A persisted slab's two halves in {@code slab.dat} (PERSISTENCE.md, "Tick consistency"). One half,
 * the committed one, holds the store as the last committed tick left it and is never written; every
 * change of the epoch goes to the other, the writing half, which the file's header names as this
 * epoch's before its first change. At the commit, the writing half gets the slots the previous
 * epoch changed and this one did not, so that it holds the whole store; the journal's commit mark
 * then makes it the committed half, and the halves swap roles. Recovery is a choice: the half
 * whose epoch is the latest committed one.
 *
 * <p>Which half holds a slot's current image: the writing half if the epoch wrote the slot (a
 * prefix of slots that a pass wrote in order, and a stamp per slot for the rest), else the
 * committed half. A pass over every entry thus reads one half and writes the other, with no copy
 * and no log.
 *
 * <p>File layout: a 64-byte header (magic, entry size, capacity, then for each half its entry
 * count and its epoch), then half 0's {@code capacity} slots, then half 1's. A half whose epoch is
 * above the committed one holds an epoch that never committed; an epoch of -1 is a half in no use.
 */
final class SlabHalves implements EpochWriter {
  static final long MAGIC = 0x534c414232303030L; // "SLAB2000"
  /** The single-slab file of earlier versions (with an undo log), converted when opened. */
  static final long MAGIC_V1 = 0x534c414231303030L; // "SLAB1000"
  static final int HEADER = 64;
  private static final int ENTRY_SIZE = 8;
  private static final int CAPACITY = 16;
  /** Half 0's entry count, where version 1 kept its only one; half 1's is 16 bytes on. */
  static final int COUNT = 24;
  private static final int EPOCH = 32;

  private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;

  private final TickJournal journal;
  private final MappedRegion file;
  private final long base;
  private final int entrySize;
  /** Where each half's slots start, from the file's start. */
  private final long[] halfOffset;
  private int committedHalf;
  private long committed;
  private long writing;
  private boolean open;
  private boolean closed;
  private int size;
  /** Slots below this were written by the epoch (a pass writes in order). */
  private int prefix;
  /** The epoch's other written slots: stamped in {@link #written}, listed in {@link #list}. */
  private final int[] written;
  private int stamp = 1;
  private int[] list;
  private int listed;
  /** The slots the previous epoch that wrote here wrote: where the writing half is behind. */
  private int[] previousList;
  private int previousListed;
  private int previousPrefix;

  private SlabHalves(TickJournal journal, MappedRegion file, int entrySize, long capacity, int size) {
    this.journal = journal;
    this.file = file;
    this.base = file.address();
    this.entrySize = entrySize;
    this.halfOffset = new long[] {HEADER, HEADER + capacity * entrySize};
    this.committed = halfOffset[0];
    this.writing = halfOffset[1];
    this.size = size;
    int slots = Math.toIntExact(capacity);
    this.written = new int[slots];
    this.list = new int[slots];
    this.previousList = new int[slots];
  }

  /**
   * Opens {@code directory}'s slab as the last committed tick left it: in half 0, and copied into
   * half 1, so that the halves start equal.
   */
  static SlabHalves open(TickJournal journal, Path directory, int entrySize, long capacity) {
    MappedRegion file = committedInHalfZero(journal, directory, entrySize, capacity);
    long base = file.address();
    long size = MEMORY.readLong(base + COUNT);
    if (size < 0 || size > capacity) {
      file.close();
      throw new CaroteneConfigurationException(
          file.file() + " holds " + size + " entries, more than the capacity of " + capacity
              + ": raise @Store(capacity = ...) back, or move the store's directory away.");
    }
    if (MEMORY.readLong(base + CAPACITY) != capacity) {
      MEMORY.writeLong(base + CAPACITY, capacity); // half 1 is in no use: it may move
    }
    MEMORY.copyMemory(base + HEADER, base + HEADER + capacity * entrySize, size * entrySize);
    MEMORY.writeLong(base + COUNT + 16, size);
    SlabHalves halves = new SlabHalves(journal, file, entrySize, capacity, (int) size);
    journal.register(halves);
    return halves;
  }

  /**
   * Maps {@code directory}'s {@code slab.dat} (creating it, or converting a version-1 file) and
   * puts its committed image in half 0, with half 1 in no use (epoch -1). A crash at any point of
   * this leaves a file that opens to the same image.
   */
  static MappedRegion committedInHalfZero(TickJournal journal, Path directory, int entrySize, long capacity) {
    Path path = directory.resolve("slab.dat");
    long existing;
    try {
      existing = Files.exists(path) ? Files.size(path) : 0;
    } catch (IOException e) {
      throw TickJournal.failure("cannot read " + path, e);
    }
    MappedRegion file = MappedRegion.map(path, Math.max(existing, HEADER + 2 * capacity * entrySize));
    long base = file.address();
    long magic = MEMORY.readLong(base);
    if (magic == 0) {
      MEMORY.writeLong(base + ENTRY_SIZE, entrySize);
      MEMORY.writeLong(base + CAPACITY, capacity);
      writeHalf(base, 0, 0, 0);
      writeHalf(base, 1, 0, -1);
      VarHandle.releaseFence();
      MEMORY.writeLong(base, MAGIC);
    } else if ((magic != MAGIC && magic != MAGIC_V1) || MEMORY.readLong(base + ENTRY_SIZE) != entrySize) {
      file.close();
      throw new CaroteneConfigurationException(
          path + " is not a slab of " + entrySize + "-byte entries: the store's files are damaged"
              + " or from another model. Move the store's directory away to start it empty.");
    } else if (magic == MAGIC_V1) {
      convertVersion1(journal, directory, base, entrySize);
    }
    long recordedCapacity = MEMORY.readLong(base + CAPACITY);
    long last = journal.committed();
    long epoch0 = MEMORY.readLong(base + EPOCH);
    long epoch1 = MEMORY.readLong(base + EPOCH + 16);
    boolean zero = epoch0 >= 0 && epoch0 <= last && (epoch1 > last || epoch0 >= epoch1);
    if (!zero && (epoch1 < 0 || epoch1 > last)) {
      file.close();
      throw new CaroteneConfigurationException(
          path + " holds no committed tick (its halves are of epochs " + epoch0 + " and " + epoch1
              + ", the directory's last is " + last + "): its files were not written together."
              + " Restore the whole data directory from one backup, or move the store's directory away.");
    }
    if (zero) {
      MEMORY.writeLong(base + EPOCH + 16, -1); // an epoch that never committed must not become one
    } else {
      // Half 1 is the committed one: copied to half 0, which takes its epoch, then half 1 retires.
      long count = MEMORY.readLong(base + COUNT + 16);
      MEMORY.writeLong(base + EPOCH, -1);
      VarHandle.releaseFence();
      MEMORY.copyMemory(base + HEADER + recordedCapacity * entrySize, base + HEADER, count * entrySize);
      MEMORY.writeLong(base + COUNT, count);
      VarHandle.releaseFence();
      MEMORY.writeLong(base + EPOCH, epoch1);
      VarHandle.releaseFence();
      MEMORY.writeLong(base + EPOCH + 16, -1);
    }
    VarHandle.releaseFence();
    return file;
  }

  private static void writeHalf(long base, int half, long count, long epoch) {
    MEMORY.writeLong(base + COUNT + half * 16L, count);
    MEMORY.writeLong(base + EPOCH + half * 16L, epoch);
  }

  /**
   * A version-1 slab (one slab and an undo log): rolls back its uncommitted epoch, if any, into the
   * slab, which becomes half 0. Rolling back twice gives what once does, so a crash is harmless.
   */
  private static void convertVersion1(TickJournal journal, Path directory, long base, int entrySize) {
    UndoLog undo = UndoLog.open(journal, directory, 0);
    if (undo.needsRollback()) {
      long record = undo.firstRecord();
      for (long i = 0, n = undo.recordCount(); i < n; i++, record = UndoLog.next(record)) {
        // a record holds one slot's image, or a run of them
        MEMORY.copyMemory(
            UndoLog.bytes(record), base + HEADER + UndoLog.tag(record) * entrySize, UndoLog.length(record));
      }
      MEMORY.writeLong(base + COUNT, undo.sizeAtStart());
    }
    MEMORY.writeLong(base + EPOCH, 0);
    writeHalf(base, 1, 0, -1);
    VarHandle.releaseFence();
    MEMORY.writeLong(base, MAGIC);
    VarHandle.releaseFence();
    undo.reset();
    undo.close();
    try {
      Files.deleteIfExists(directory.resolve("undo.log"));
    } catch (IOException e) {
      throw TickJournal.failure("cannot delete " + directory.resolve("undo.log"), e);
    }
  }

  /** Writes a fresh slab file's header at {@code base}: {@code count} entries in half 0. */
  static void writeHeader(long base, int entrySize, long capacity, long count) {
    MEMORY.writeLong(base + ENTRY_SIZE, entrySize);
    MEMORY.writeLong(base + CAPACITY, capacity);
    writeHalf(base, 0, count, 0);
    writeHalf(base, 1, 0, -1);
    VarHandle.releaseFence();
    MEMORY.writeLong(base, MAGIC);
  }

  /** The whole file's bytes, which the slab's cursors read and write. */
  BytesStore<?, ?> store() {
    return file.store();
  }

  /** The entry count of the committed image it opened with. */
  int size() {
    return size;
  }

  /** Where the bytes of {@code slot}'s current image start, from the file's start. */
  long readOffset(long slot) {
    return (slot < prefix || (listed > 0 && written[(int) slot] == stamp) ? writing : committed)
        + slot * entrySize;
  }

  /**
   * Where a change of {@code slot} goes: the writing half. Opens the epoch if this is its first
   * change, and marks the slot written.
   */
  long writeOffset(long slot) {
    begin();
    return passWriteOffset(slot);
  }

  /**
   * Where a pass that began with {@link #beginPass()} writes {@code slot}: {@link #writeOffset}
   * without opening the epoch, which the pass did once. Opening it names the writing half behind
   * a fence; inlined into every entity's write, that fence's memory barrier kept the JIT from
   * keeping the pass's state in registers and made the persisted pass twice as long
   * (BENCHMARKS.md, "The fence in the pass").
   */
  long passWriteOffset(long slot) {
    if (slot == prefix) {
      prefix++;
    } else if (slot > prefix && written[(int) slot] != stamp) {
      written[(int) slot] = stamp;
      list[listed++] = (int) slot;
    }
    return writing + slot * entrySize;
  }

  /** Opens the epoch before a pass that writes every entry: see {@link #passWriteOffset}. */
  void beginPass() {
    begin();
  }

  /** The store's entry count changed to {@code count}. */
  void count(int count) {
    begin();
    size = count;
  }

  private void begin() {
    if (open) {
      return;
    }
    MEMORY.writeLong(base + EPOCH + (1 - committedHalf) * 16L, journal.epoch());
    VarHandle.releaseFence(); // the half is named as this epoch's before it changes
    open = true;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /**
   * Completes the writing half: the slots the previous epoch wrote (in the committed half) and
   * this one did not are copied over, and its count written.
   */
  @Override
  public void beforeCommit() {
    if (!open) {
      return;
    }
    for (int i = 0; i < previousListed; i++) {
      catchUp(previousList[i]);
    }
    for (int slot = prefix; slot < previousPrefix && slot < size; slot++) {
      catchUp(slot);
    }
    MEMORY.writeLong(base + COUNT + (1 - committedHalf) * 16L, size);
  }

  private void catchUp(int slot) {
    if (slot < size && slot >= prefix && (listed == 0 || written[slot] != stamp)) {
      long at = slot * (long) entrySize;
      MEMORY.copyMemory(base + committed + at, base + writing + at, entrySize);
    }
  }

  /** The writing half is the committed one now; the other is behind by what this epoch wrote. */
  @Override
  public void afterCommit() {
    if (!open) {
      return;
    }
    committedHalf = 1 - committedHalf;
    committed = halfOffset[committedHalf];
    writing = halfOffset[1 - committedHalf];
    int[] spare = previousList;
    previousList = list;
    previousListed = listed;
    previousPrefix = prefix;
    list = spare;
    listed = 0;
    prefix = 0;
    if (++stamp == 0) {
      Arrays.fill(written, 0);
      stamp = 1;
    }
    open = false;
  }

  /**
   * The store is done with its slab. The file is unmapped now if the journal is closed, else when
   * it closes: its last commit may still complete the writing half.
   */
  void close() {
    closed = true;
    if (journal.isClosed()) {
      unmap();
    }
  }

  @Override
  public void journalClosed() {
    if (closed) {
      unmap();
    }
  }

  private void unmap() {
    if (file.address() != 0) {
      file.store().releaseLast();
      file.close();
    }
  }
}
