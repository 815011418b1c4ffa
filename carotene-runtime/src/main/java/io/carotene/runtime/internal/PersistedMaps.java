package io.carotene.runtime.internal;

import io.carotene.runtime.store.Flyweight;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * A persisted store of a model with text: a Chronicle Map file ({@code entries.cm3}) and its undo
 * log, opened as the last committed tick left them, and migrated when fields were appended to the
 * model (PERSISTENCE.md, "Layout and schema evolution").
 */
final class PersistedMaps {
  static final String FILE = "entries.cm3";
  /** Zero bytes after an old entry: enough for any appended field (a UUID, the widest, takes 16). */
  private static final int ZEROS_PER_APPENDED_FIELD = 16;

  private PersistedMaps() {}

  /**
   * The map in {@code directory} as the last committed tick left it; first migrated from {@code
   * appendedTo} (the recorded layout, which {@code layout} extends at the end) when not null.
   */
  static <K, F extends Flyweight<?>> MapValueEntries<K, F> open(
      TickJournal journal,
      Path directory,
      ChronicleMapBuilder<K, F> builder,
      FlyweightMarshaller<F> codec,
      Function<F, K> idOfFlyweight,
      ModelLayout appendedTo,
      ModelLayout layout) {
    UndoLog undo = UndoLog.open(journal, directory, 1 << 16);
    if (appendedTo != null) {
      appendFields(journal, directory, builder, codec, idOfFlyweight, appendedTo, layout, undo);
    }
    ChronicleMap<K, F> map = openMap(journal, builder, directory.resolve(FILE), true);
    rollBack(undo, map, codec, idOfFlyweight, 0);
    undo.reset();
    return new MapValueEntries<>(map, codec, undo, codec.newFlyweight());
  }

  /**
   * Opens {@code file}. Chronicle's recovery repairs a map a killed process left locked or
   * half-written; after a clean close the file is opened as it is. {@code sameBuilder}: the file
   * was written by a builder configured as {@code builder} is, whose configuration recovery may
   * trust; else (a file of an older model) it reads the configuration the file records.
   */
  private static <K, F> ChronicleMap<K, F> openMap(
      TickJournal journal, ChronicleMapBuilder<K, F> builder, Path file, boolean sameBuilder) {
    try {
      return Files.exists(file) && !journal.openedAfterCleanClose()
          ? builder.recoverPersistedTo(file.toFile(), sameBuilder)
          : builder.createPersistedTo(file.toFile());
    } catch (IOException e) {
      throw TickJournal.failure("cannot open " + file, e);
    }
  }

  /**
   * Rolls back the epoch {@code undo} holds if it was not committed: its records put back newest
   * first (an old value put again, an inserted one removed), each read with {@code zeros} zero
   * bytes after it (records written before fields were appended). The log is left as it is.
   */
  private static <K, F extends Flyweight<?>> void rollBack(
      UndoLog undo, ChronicleMap<K, F> map, FlyweightMarshaller<F> codec, Function<F, K> idOfFlyweight, int zeros) {
    if (undo.needsRollback()) {
      long n = undo.recordCount();
      long[] records = new long[Math.toIntExact(n)];
      long record = undo.firstRecord();
      for (int i = 0; i < n; i++, record = UndoLog.next(record)) {
        records[i] = record;
      }
      F value = codec.newFlyweight();
      Bytes<?> buffer = Bytes.allocateElasticDirect(256);
      try {
        for (int i = records.length - 1; i >= 0; i--) {
          buffer.clear();
          for (long at = UndoLog.bytes(records[i]), end = at + UndoLog.length(records[i]); at < end; at++) {
            buffer.writeByte(UnsafeMemory.MEMORY.readByte(at));
          }
          decodeWithZeros(buffer, zeros, codec, value);
          K id = idOfFlyweight.apply(value);
          if (UndoLog.tag(records[i]) == MapValueEntries.WAS_PRESENT) {
            map.put(id, value);
          } else {
            map.remove(id);
          }
        }
      } finally {
        buffer.releaseLast();
      }
    }
  }

  /** Reads {@code buffer}'s entry, followed by {@code zeros} zero bytes, into {@code value}. */
  private static <F extends Flyweight<?>> void decodeWithZeros(
      Bytes<?> buffer, int zeros, FlyweightMarshaller<F> codec, F value) {
    for (int i = 0; i < zeros; i++) {
      buffer.writeByte((byte) 0);
    }
    buffer.readPosition(0);
    codec.readInto(buffer, value);
  }

  /**
   * Rewrites the map for a model whose fields were appended to: every entry's bytes followed by
   * zeros, read with the new codec (the appended fields start at 0, false, the first enum
   * constant, empty text), into {@code entries.cm3.migrating}; the uncommitted epoch, if any,
   * rolled back on the new map; then the new file renamed over the old, the undo log reset and
   * the new layout written. A crash before the rename leaves the old store intact. One after it
   * runs the migration again over the new file, which gives the same map (a new entry's bytes are
   * the old ones and the appended fields, which the zeros after them do not change; a rollback
   * twice is a rollback once).
   */
  private static <K, F extends Flyweight<?>> void appendFields(
      TickJournal journal,
      Path directory,
      ChronicleMapBuilder<K, F> builder,
      FlyweightMarshaller<F> codec,
      Function<F, K> idOfFlyweight,
      ModelLayout recorded,
      ModelLayout layout,
      UndoLog undo) {
    int zeros = ZEROS_PER_APPENDED_FIELD * (layout.fields().size() - recorded.fields().size());
    Path file = directory.resolve(FILE);
    Path next = directory.resolve(FILE + ".migrating");
    F value = codec.newFlyweight();
    Bytes<?> buffer = Bytes.allocateElasticDirect(256);
    try {
      Files.deleteIfExists(next);
      File nextFile = next.toFile();
      try (ChronicleMap<K, F> old = openMap(journal, builder, file, false);
          ChronicleMap<K, F> migrated = builder.createPersistedTo(nextFile)) {
        old.forEachEntry(entry -> {
          Data<F> data = entry.value();
          RandomDataInput bytes = data.bytes();
          buffer.clear();
          for (long at = data.offset(), end = at + data.size(); at < end; at++) {
            buffer.writeByte(bytes.readByte(at));
          }
          decodeWithZeros(buffer, zeros, codec, value);
          migrated.put(entry.key().get(), value);
        });
        rollBack(undo, migrated, codec, idOfFlyweight, zeros);
      }
      Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      undo.reset(); // only now: the old file's rollback is in the new one
      layout.write(directory);
    } catch (IOException e) {
      throw TickJournal.failure("cannot migrate " + file, e);
    } finally {
      buffer.releaseLast();
    }
  }
}
