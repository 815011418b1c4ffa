package io.carotene.runtime.internal;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.store.Flyweight;
import io.carotene.runtime.store.StoreMigration;
import java.io.IOException;
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

  private PersistedEntries() {}

  /**
   * Checks {@code layout} against the one recorded in {@code directory} (recording it the first
   * time); migrates a slab with the store's registered {@link StoreMigration}, or its appended
   * fields when the journal allows it.
   *
   * @return for a model with text whose fields were appended to, when the journal allows the
   *     migration: the recorded layout, which {@link PersistedMaps#open} migrates from; else null
   */
  static ModelLayout checkLayout(
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
      return null;
    }
    if (recorded.fields().equals(layout.fields()) && recorded.entrySize() == layout.entrySize()) {
      return null;
    }
    boolean slabs = recorded.entrySize() > 0 && layout.entrySize() > 0;
    boolean maps = recorded.entrySize() <= 0 && layout.entrySize() <= 0;
    StoreMigration<?> migration = journal.migration(store);
    if (slabs && migration != null) {
      migrateSlab(journal, directory, recorded, layout, new SlabMigration(store, recorded, migration, codec));
      return null;
    }
    if (maps && migration != null) {
      throw new CaroteneConfigurationException(
          store + ": a StoreMigration is registered for it, but " + layout.model() + " has text, and"
              + " a StoreMigration runs only over fixed-size models. Nothing on disk was changed."
              + (recorded.onlyAppendedTo(layout)
                  ? " Its change is fields appended at the end: remove the registration and start"
                      + " once with CAROTENE_MIGRATE=append-fields (see carotene-runtime/PERSISTENCE.md)."
                  : " Put the model back as it was, or move " + directory + " away to start this store"
                      + " empty."));
    }
    if (journal.migrateAppendedFields() && recorded.onlyAppendedTo(layout)) {
      if (slabs) {
        migrateSlab(journal, directory, recorded, layout, null);
        return null;
      }
      if (maps) {
        return recorded;
      }
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
    SlabHalves halves = SlabHalves.open(journal, directory, codec.fixedSize(), capacity);
    return new SlabEntries<>(slots, codec, idOfFlyweight, capacity, halves.store(), halves, halves.size());
  }

  /**
   * Rewrites the slab for {@code layout}: each entry converted by {@code migration}, or when that
   * is null copied with the appended bytes zero. First the committed image is put in the old
   * file's first half, then a new file is written beside the old one and renamed over it, then the
   * layout. A crash or a failed migration before the rename leaves the old store intact.
   */
  private static void migrateSlab(
      TickJournal journal, Path directory, ModelLayout recorded, ModelLayout layout, SlabMigration migration) {
    int oldSize = recorded.entrySize();
    int newSize = layout.entrySize();
    Path slabPath = directory.resolve("slab.dat");
    Path next = directory.resolve("slab.dat.migrating");
    try {
      MappedRegion old = SlabHalves.committedInHalfZero(journal, directory, oldSize, 0);
      long base = old.address() + SlabHalves.HEADER;
      long capacity = MEMORY.readLong(old.address() + 16);
      long count = MEMORY.readLong(old.address() + SlabHalves.COUNT);
      Files.deleteIfExists(next);
      MappedRegion migrated = MappedRegion.map(next, SlabHalves.HEADER + 2 * capacity * newSize);
      long to = migrated.address();
      try {
        if (migration == null) {
          for (long slot = 0; slot < count; slot++) {
            MEMORY.copyMemory(base + slot * oldSize, to + SlabHalves.HEADER + slot * newSize, oldSize);
          }
        } else {
          migration.run(base, count, migrated.store(), SlabHalves.HEADER, newSize);
        }
      } catch (RuntimeException e) {
        migrated.close();
        old.close();
        Files.deleteIfExists(next);
        throw e;
      }
      SlabHalves.writeHeader(to, newSize, capacity, count);
      migrated.force();
      migrated.close();
      old.close();
      Files.move(next, slabPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      layout.write(directory);
    } catch (IOException e) {
      throw TickJournal.failure("cannot migrate " + slabPath, e);
    }
  }
}
