package io.carotene.runtime.internal;

import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * One persisted store's undo log: the pre-images of what the current epoch changed, in a mapped
 * file. Before the first change of an entry in an epoch, its old bytes are appended; the {@link
 * TickJournal} commits the epoch, after which the log is reset. A store that opens over a log whose
 * epoch was not committed copies the pre-images back, which is the state at the end of the last
 * committed tick.
 *
 * <p>Order is everything: a record is complete before the count covers it, and the count covers it
 * before the entry changes; the header names the epoch before the first record. A killed process
 * leaves its stores in the page cache in the order it made them, so these fences are all a crash
 * of the process needs.
 *
 * <p>Layout: a 64-byte header (magic, epoch or 0, the store's entry count when the epoch opened,
 * the record count, the bytes used), then records of {@code [long tag][int length][bytes]}.
 */
final class UndoLog implements EpochWriter, AutoCloseable {
  private static final long MAGIC = 0x554e444f4c4f4731L; // "UNDOLOG1"
  private static final long EPOCH = 8;
  private static final long SIZE_AT_START = 16;
  private static final long RECORDS = 24;
  private static final long USED = 32;
  static final int HEADER = 64;
  static final int RECORD_HEADER = 12;

  private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;

  private final TickJournal journal;
  private final MappedRegion region;
  private long base;
  private boolean open;
  /** Whether its store has closed it: it is unmapped once the journal, which may still commit it, is closed too. */
  private boolean closed;
  private long used;
  private long records;

  private UndoLog(TickJournal journal, MappedRegion region) {
    this.journal = journal;
    this.region = region;
    this.base = region.address();
  }

  /** Maps the log of the store in {@code directory}, sized for {@code initialBytes} of records. */
  static UndoLog open(TickJournal journal, Path directory, long initialBytes) {
    MappedRegion region = MappedRegion.map(directory.resolve("undo.log"), HEADER + initialBytes);
    long length = MappedRegion.lengthOf(region);
    if (length > region.size()) {
      region.remap(length);
    }
    UndoLog log = new UndoLog(journal, region);
    if (MEMORY.readLong(log.base) != MAGIC) {
      MEMORY.writeLong(log.base + EPOCH, 0);
      VarHandle.releaseFence();
      MEMORY.writeLong(log.base, MAGIC);
    }
    journal.register(log);
    return log;
  }

  /**
   * Whether the log holds an epoch that was never committed: its records must be rolled back
   * before the store is used.
   */
  boolean needsRollback() {
    long epoch = MEMORY.readLong(base + EPOCH);
    return epoch != 0 && epoch > journal.committed();
  }

  /** The store's entry count when the uncommitted epoch opened. */
  long sizeAtStart() {
    return MEMORY.readLong(base + SIZE_AT_START);
  }

  /** The records of the uncommitted epoch, oldest first. */
  long recordCount() {
    return MEMORY.readLong(base + RECORDS);
  }

  /** The address of the first record; each next one follows {@link #next(long)}. */
  long firstRecord() {
    return base + HEADER;
  }

  static long next(long record) {
    return record + RECORD_HEADER + MEMORY.readInt(record + 8);
  }

  static long tag(long record) {
    return MEMORY.readLong(record);
  }

  static int length(long record) {
    return MEMORY.readInt(record + 8);
  }

  static long bytes(long record) {
    return record + RECORD_HEADER;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** Nothing to finish: the records were written before each change. */
  @Override
  public void beforeCommit() {}

  /** The epoch is committed: its pre-images are no longer needed. */
  @Override
  public void afterCommit() {
    reset();
  }

  /**
   * Opens the epoch if this is its first change: records the store's entry count, then names the
   * epoch. Called before every change.
   */
  void begin(long sizeAtStart) {
    if (open) {
      return;
    }
    MEMORY.writeLong(base + RECORDS, 0);
    MEMORY.writeLong(base + USED, 0);
    MEMORY.writeLong(base + SIZE_AT_START, sizeAtStart);
    VarHandle.releaseFence();
    MEMORY.writeLong(base + EPOCH, journal.epoch());
    VarHandle.releaseFence();
    open = true;
    used = 0;
    records = 0;
  }

  /** Appends {@code length} bytes at {@code from} under {@code tag}; call {@link #begin} first. */
  void append(long tag, long from, int length) {
    long at = reserve(length);
    MEMORY.writeLong(at, tag);
    MEMORY.writeInt(at + 8, length);
    MEMORY.copyMemory(from, at + RECORD_HEADER, length);
    commitRecord(length);
  }

  /** The address where a record of {@code length} bytes goes, growing the file if needed. */
  long reserve(int length) {
    long needed = HEADER + used + RECORD_HEADER + length;
    if (needed > region.size()) {
      region.remap(Math.max(needed, region.size() * 2));
      base = region.address();
    }
    return base + HEADER + used;
  }

  /** Makes the record just written at {@link #reserve} part of the log. */
  void commitRecord(int length) {
    used += RECORD_HEADER + length;
    records++;
    VarHandle.releaseFence(); // the record before the count that covers it
    MEMORY.writeLong(base + USED, used);
    MEMORY.writeLong(base + RECORDS, records);
    VarHandle.releaseFence(); // the count before the change it guards
  }

  /** After the journal's commit (or a rollback): the log holds no epoch. */
  void reset() {
    if (MEMORY.readLong(base + EPOCH) != 0) {
      MEMORY.writeLong(base + EPOCH, 0);
    }
    open = false;
  }

  void force() {
    region.force();
  }

  /**
   * The store is done with the log. Its file is unmapped now if the journal is closed, else when
   * the journal closes: the journal's last commit still resets the log's header.
   */
  @Override
  public void close() {
    closed = true;
    if (journal.isClosed()) {
      region.close();
    }
  }

  /** The journal closed: the log is unmapped if its store closed it already. */
  @Override
  public void journalClosed() {
    if (closed) {
      region.close();
    }
  }
}
