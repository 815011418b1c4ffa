package io.carotene.runtime.internal;

import io.carotene.runtime.store.StoreMigration;
import io.carotene.runtime.CaroteneConfigurationException;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.core.io.IOTools;

/**
 * The data directory of a world's persisted stores, and the one number that says which tick they
 * hold: the last committed epoch. Each persisted store writes the epoch apart from the last
 * committed state (a slab's writing half, a map's undo log: see PERSISTENCE.md); a tick ends by
 * writing the epoch here, one eight-byte store, which commits every store at once. A store whose
 * writing half or log names an epoch later than this one ignores or rolls it back when it opens.
 *
 * <p>Holds an exclusive lock on {@code carotene.lock} while open: a second server on the same
 * directory refuses to start. One thread (the world's) uses it.
 */
public final class TickJournal implements AutoCloseable {
  private static final long MAGIC = 0x4341524f54454e45L; // "CAROTENE"
  private static final int COMMITTED = 8;
  /** 1 after a clean close, 0 while a process has the directory open. */
  private static final int CLEAN = 16;

  private final Path directory;
  private final boolean migrateAppendedFields;
  private final Map<String, StoreMigration<?>> migrations;
  private final List<EpochWriter> logs = new ArrayList<>();
  private FileChannel lockChannel;
  private FileLock lock;
  private FileChannel epochChannel;
  private MappedByteBuffer epochFile;
  /** The epoch writes go to now: one more than the last committed. */
  private long epoch;
  private boolean openedAfterCleanClose;
  /** Closed (or released): no commit comes any more, so the stores' closed logs may be unmapped. */
  private boolean closed;

  private TickJournal(
      Path directory, boolean migrateAppendedFields, Map<String, StoreMigration<?>> migrations) {
    this.directory = directory;
    this.migrateAppendedFields = migrateAppendedFields;
    this.migrations = Map.copyOf(migrations);
  }

  /** A journal for {@code directory}, opened by the first persisted store that needs it. */
  public static TickJournal in(Path directory, boolean migrateAppendedFields) {
    return in(directory, migrateAppendedFields, Map.of());
  }

  /** The same, with the games' migrations of changed models, by store name. */
  public static TickJournal in(
      Path directory, boolean migrateAppendedFields, Map<String, StoreMigration<?>> migrations) {
    return new TickJournal(directory.toAbsolutePath().normalize(), migrateAppendedFields, migrations);
  }

  public Path directory() {
    return directory;
  }

  boolean migrateAppendedFields() {
    return migrateAppendedFields;
  }

  /** The migration registered for {@code store}, or null. */
  StoreMigration<?> migration(String store) {
    return migrations.get(store);
  }

  /** The directory of store {@code name}, opening the journal (and taking its lock) if needed. */
  Path storeDirectory(String name) {
    open();
    Path store = directory.resolve(name);
    try {
      Files.createDirectories(store);
    } catch (IOException e) {
      throw failure("cannot create " + store, e);
    }
    return store;
  }

  private void open() {
    if (lock != null) {
      return;
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw failure("cannot create the data directory " + directory, e);
    }
    if (!Files.isWritable(directory)) {
      throw new CaroteneConfigurationException(
          "The data directory " + directory + " is not writable by this process; give it write"
              + " access or set CAROTENE_DATA_DIR to another directory.");
    }
    try {
      lockChannel =
          FileChannel.open(
              directory.resolve("carotene.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        lockChannel.close();
        throw new CaroteneConfigurationException(
            "The data directory " + directory + " is in use by another server (it holds"
                + " carotene.lock). Stop that server first, or give this one its own"
                + " CAROTENE_DATA_DIR.");
      }
      Path epochPath = directory.resolve("epoch");
      boolean fresh = !Files.exists(epochPath);
      epochChannel =
          FileChannel.open(
              epochPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      epochFile = epochChannel.map(FileChannel.MapMode.READ_WRITE, 0, 64);
      if (fresh || epochFile.getLong(0) == 0) {
        epochFile.putLong(COMMITTED, 0);
        VarHandle.releaseFence();
        epochFile.putLong(0, MAGIC);
      } else if (epochFile.getLong(0) != MAGIC) {
        throw new CaroteneConfigurationException(
            epochPath + " is not a Carotene epoch file; CAROTENE_DATA_DIR must be a directory"
                + " only Carotene writes to.");
      }
      epoch = epochFile.getLong(COMMITTED) + 1;
      closed = false;
      openedAfterCleanClose = fresh || epochFile.getLong(CLEAN) == 1;
      epochFile.putLong(CLEAN, 0);
    } catch (IOException e) {
      closeQuietly();
      throw failure("cannot open the data directory " + directory, e);
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  static CaroteneConfigurationException failure(String what, IOException cause) {
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new CaroteneConfigurationException(
        "Persisted stores: " + what + " (" + reason + "). Check that CAROTENE_DATA_DIR is a"
            + " writable directory with free space.");
  }

  /**
   * Whether the last process to use the directory closed it cleanly: if not, Chronicle Map files
   * are opened by recovery.
   */
  boolean openedAfterCleanClose() {
    open();
    return openedAfterCleanClose;
  }

  /** The last committed epoch. */
  long committed() {
    return epochFile.getLong(COMMITTED);
  }

  /** The epoch being written: every write since the last commit belongs to it. */
  long epoch() {
    return epoch;
  }

  void register(EpochWriter log) {
    logs.add(log);
  }

  /**
   * Ends the epoch: if any store was written since the last commit, makes its writes the state
   * recovery returns to. The world calls this at the end of every tick, and on close; writes made
   * between ticks (calls) belong to the next tick's epoch.
   */
  public void commit() {
    boolean dirty = false;
    for (int i = 0; i < logs.size(); i++) {
      dirty |= logs.get(i).isOpen();
    }
    if (!dirty) {
      return;
    }
    for (int i = 0; i < logs.size(); i++) {
      logs.get(i).beforeCommit();
    }
    VarHandle.releaseFence(); // every store's writes before the commit mark
    epochFile.putLong(COMMITTED, epoch);
    VarHandle.releaseFence(); // the commit mark before any log is reset
    for (int i = 0; i < logs.size(); i++) {
      logs.get(i).afterCommit();
    }
    epoch++;
  }

  @Override
  public void close() {
    if (epochFile != null) {
      commit();
      VarHandle.releaseFence();
      epochFile.putLong(CLEAN, 1);
      epochFile.force();
    }
    closeQuietly();
  }

  /**
   * Releases the directory without committing or marking a clean close, as a killed process
   * would leave it: for tests of recovery.
   */
  void releaseWithoutCommit() {
    closeQuietly();
  }

  /** Whether the journal was closed or released: it commits nothing any more. */
  boolean isClosed() {
    return closed;
  }

  private void closeQuietly() {
    closed = true;
    for (EpochWriter log : logs) {
      log.journalClosed();
    }
    if (epochFile != null) {
      IOTools.clean(epochFile); // unmapped now, not when collected: a room's journal opens and closes often
    }
    try {
      if (epochChannel != null) {
        epochChannel.close();
      }
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException ignored) {
      // closing: nothing more to do
    }
    lock = null;
    epochFile = null;
  }

  @Override
  public String toString() {
    return "TickJournal[" + directory + ", epoch " + epoch + "]";
  }
}
