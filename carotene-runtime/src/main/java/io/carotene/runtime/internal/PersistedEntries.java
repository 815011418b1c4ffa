package io.carotene.runtime.internal;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.store.Flyweight;
import io.carotene.runtime.store.StoreMigration;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Opens a persisted store's files in its directory: checks the recorded layout, rolls back an
 * epoch that was not committed, migrates appended fields when asked, and hands back the {@link
 * Entries} over them. See PERSISTENCE.md for the design.
 */
final class PersistedEntries {
  private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;
  private static final long SLAB_MAGIC = 0x534c414231303030L; // "SLAB1000"
  /** Slab header: magic, entry size, capacity, entry count; entries start at {@link #SLAB_HEADER}. */
  static final int SLAB_HEADER = 64;
  private static final int ENTRY_SIZE = 8;
  private static final int COUNT = 24;

  private PersistedEntries() {}

  /**
   * Checks {@code layout} against the one recorded in {@code directory} (recording it the first
   * time); migrates a slab with the store's registered {@link StoreMigration}, or its appended
   * fields when the journal allows it.
   */
  static void checkLayout(
      TickJournal journal, String store, Path directory, ModelLayout layout, FlyweightMarshaller<?> codec) {
    ModelLayout recorded = ModelLayout.read(directory);
    if (recorded == null) {
      try (var files = Files.list(directory)) {
        if (files.anyMatch(file -> !file.getFileName().toString().startsWith("layout.txt"))) {
          throw new CaroteneConfigurationException(
              store + ": " + directory + " holds files but no layout.txt: it was not written by"
                  + " this store. Move it away, or point CAROTENE_DATA_DIR elsewhere.");
        }
      } catch (IOException e) {
        throw TickJournal.failure("cannot list " + directory, e);
      }
      layout.write(directory);
      return;
    }
    if (recorded.fields().equals(layout.fields()) && recorded.entrySize() == layout.entrySize()) {
      return;
    }
    boolean slabs = recorded.entrySize() > 0 && layout.entrySize() > 0;
    StoreMigration<?> migration = journal.migration(store);
    if (slabs && migration != null) {
      migrateSlab(journal, directory, recorded, layout, new SlabMigration(store, recorded, migration, codec));
      return;
    }
    if (slabs && journal.migrateAppendedFields() && recorded.onlyAppendedTo(layout)) {
      migrateSlab(journal, directory, recorded, layout, null);
      return;
    }
    throw recorded.mismatch(store, directory, layout);
  }

  /** A slab in {@code directory}'s {@code slab.dat}, as the last committed tick left it. */
  static <K, F extends Flyweight<?>> SlabEntries<K, F> slab(
      TickJournal journal,
      Path directory,
      ChronicleMap<K, Long> slots,
      FlyweightMarshaller<F> codec,
      Function<F, K> idOfFlyweight,
      long capacity) {
    int entrySize = codec.fixedSize();
    MappedRegion file = openSlab(directory.resolve("slab.dat"), entrySize, capacity);
    UndoLog undo = UndoLog.open(journal, directory, capacity * (UndoLog.RECORD_HEADER + entrySize));
    long base = file.address();
    if (undo.needsRollback()) {
      long record = undo.firstRecord();
      for (long i = 0, n = undo.recordCount(); i < n; i++, record = UndoLog.next(record)) {
        long slot = UndoLog.tag(record);
        // a record holds one slot's image, or a run of them (a pass logs ahead)
        MEMORY.copyMemory(UndoLog.bytes(record), base + SLAB_HEADER + slot * entrySize, UndoLog.length(record));
      }
      MEMORY.writeLong(base + COUNT, undo.sizeAtStart());
    }
    undo.reset();
    long size = MEMORY.readLong(base + COUNT);
    if (size < 0 || size > capacity) {
      throw new CaroteneConfigurationException(
          file.file() + " holds " + size + " entries, more than the capacity of " + capacity
              + ": raise @Store(capacity = ...) back, or move the store's directory away.");
    }
    return new SlabEntries<>(
        slots, codec, idOfFlyweight, capacity, file.store(), SLAB_HEADER, undo, base + COUNT,
        (int) size).over(file);
  }

  private static MappedRegion openSlab(Path path, int entrySize, long capacity) {
    boolean fresh = !Files.exists(path);
    long existing = 0;
    if (!fresh) {
      try {
        existing = Files.size(path);
      } catch (IOException e) {
        throw TickJournal.failure("cannot read " + path, e);
      }
    }
    MappedRegion file = MappedRegion.map(path, Math.max(existing, SLAB_HEADER + capacity * entrySize));
    long base = file.address();
    if (fresh || MEMORY.readLong(base) == 0) {
      MEMORY.writeLong(base + ENTRY_SIZE, entrySize);
      MEMORY.writeLong(base + 16, capacity);
      MEMORY.writeLong(base + COUNT, 0);
      VarHandle.releaseFence();
      MEMORY.writeLong(base, SLAB_MAGIC);
    } else if (MEMORY.readLong(base) != SLAB_MAGIC || MEMORY.readLong(base + ENTRY_SIZE) != entrySize) {
      file.close();
      throw new CaroteneConfigurationException(
          path + " is not a slab of " + entrySize + "-byte entries: the store's files are damaged"
              + " or from another model. Move the store's directory away to start it empty.");
    }
    return file;
  }

  /**
   * Rewrites the slab for {@code layout}: each entry converted by {@code migration}, or when that
   * is null copied with the appended bytes zero. First the pending epoch is rolled back with the
   * old size, then a new file is written beside the old one and renamed over it, then the layout.
   * A crash or a failed migration before the rename leaves the old store intact.
   */
  private static void migrateSlab(
      TickJournal journal, Path directory, ModelLayout recorded, ModelLayout layout, SlabMigration migration) {
    int oldSize = recorded.entrySize();
    Path slabPath = directory.resolve("slab.dat");
    Path next = directory.resolve("slab.dat.migrating");
    try {
      long oldCapacity;
      long count;
      {
        MappedRegion old = MappedRegion.map(slabPath, Files.size(slabPath));
        long base = old.address();
        oldCapacity = MEMORY.readLong(base + 16);
        UndoLog undo = UndoLog.open(journal, directory, 0);
        if (undo.needsRollback()) {
          long record = undo.firstRecord();
          for (long i = 0, n = undo.recordCount(); i < n; i++, record = UndoLog.next(record)) {
            MEMORY.copyMemory(
                UndoLog.bytes(record), base + SLAB_HEADER + UndoLog.tag(record) * oldSize,
                UndoLog.length(record));
          }
          MEMORY.writeLong(base + COUNT, undo.sizeAtStart());
        }
        undo.reset();
        count = MEMORY.readLong(base + COUNT);
        int newSize = layout.entrySize();
        Files.deleteIfExists(next);
        MappedRegion migrated = MappedRegion.map(next, SLAB_HEADER + oldCapacity * newSize);
        long to = migrated.address();
        try {
          if (migration == null) {
            for (long slot = 0; slot < count; slot++) {
              MEMORY.copyMemory(base + SLAB_HEADER + slot * oldSize, to + SLAB_HEADER + slot * newSize, oldSize);
            }
          } else {
            migration.run(base + SLAB_HEADER, count, migrated.store(), SLAB_HEADER, newSize);
          }
        } catch (RuntimeException e) {
          migrated.close();
          old.close();
          undo.close();
          Files.deleteIfExists(next);
          throw e;
        }
        MEMORY.writeLong(to + ENTRY_SIZE, newSize);
        MEMORY.writeLong(to + 16, oldCapacity);
        MEMORY.writeLong(to + COUNT, count);
        MEMORY.writeLong(to, SLAB_MAGIC);
        migrated.force();
        migrated.close();
        old.close();
        undo.close();
      }
      Files.move(next, slabPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(directory.resolve("undo.log"));
      layout.write(directory);
    } catch (IOException e) {
      throw TickJournal.failure("cannot migrate " + slabPath, e);
    }
  }

  /** A Chronicle Map file, recovered if it exists, as the last committed tick left it. */
  static <K, F extends Flyweight<?>> MapValueEntries<K, F> map(
      TickJournal journal,
      Path directory,
      ChronicleMapBuilder<K, F> builder,
      FlyweightMarshaller<F> codec,
      Function<F, K> idOfFlyweight) {
    Path file = directory.resolve("entries.cm3");
    ChronicleMap<K, F> map;
    try {
      // Chronicle's recovery repairs a map a killed process left locked or half-written; after a
      // clean close the file is opened as it is.
      map = Files.exists(file) && !journal.openedAfterCleanClose()
          ? builder.recoverPersistedTo(file.toFile(), true)
          : builder.createPersistedTo(file.toFile());
    } catch (IOException e) {
      throw TickJournal.failure("cannot open " + file, e);
    }
    UndoLog undo = UndoLog.open(journal, directory, 1 << 16);
    if (undo.needsRollback()) {
      long n = undo.recordCount();
      long[] records = new long[Math.toIntExact(n)];
      long record = undo.firstRecord();
      for (int i = 0; i < n; i++, record = UndoLog.next(record)) {
        records[i] = record;
      }
      F value = codec.newFlyweight();
      for (int i = records.length - 1; i >= 0; i--) {
        BytesStore<?, ?> bytes = BytesStore.wrap(UndoLog.bytes(records[i]), UndoLog.length(records[i]));
        Bytes<?> in = bytes.bytesForRead();
        codec.readInto(in, value);
        K id = idOfFlyweight.apply(value);
        if (UndoLog.tag(records[i]) == MapValueEntries.WAS_PRESENT) {
          map.put(id, value);
        } else {
          map.remove(id);
        }
        in.releaseLast();
      }
    }
    undo.reset();
    return new MapValueEntries<>(map, codec, undo, codec.newFlyweight());
  }
}
