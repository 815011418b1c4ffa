package io.carotene.runtime.internal;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.store.Flyweight;
import io.carotene.runtime.store.StoreMigration;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Runs a game's {@link StoreMigration} over a slab's entries: each one read with the layout its
 * files record, converted, and written with the current model's codec into the new slab.
 */
final class SlabMigration {
  private final String store;
  private final ModelLayout recorded;
  private final StoreMigration<?> migration;
  private final FlyweightMarshaller<?> codec;

  SlabMigration(String store, ModelLayout recorded, StoreMigration<?> migration, FlyweightMarshaller<?> codec) {
    this.store = store;
    this.recorded = recorded;
    this.migration = migration;
    this.codec = codec;
  }

  /** Converts {@code count} entries from {@code from} into {@code to}'s slots of {@code newSize}. */
  void run(long from, long count, BytesStore<?, ?> to, long dataOffset, int newSize) {
    write(codec, from, count, to, dataOffset, newSize);
  }

  private <F extends Flyweight<?>> void write(
      FlyweightMarshaller<F> codec, long from, long count, BytesStore<?, ?> to, long dataOffset, int newSize) {
    OldLayoutEntry old = new OldLayoutEntry(recorded);
    F flyweight = codec.newFlyweight();
    @SuppressWarnings("unchecked")
    Flyweight<Record> target = (Flyweight<Record>) flyweight;
    Bytes<?> writer = to.bytesForWrite();
    try {
      for (long slot = 0; slot < count; slot++) {
        old.readAt(store, from + slot * recorded.entrySize());
        Record entry;
        try {
          entry = migration.migrate(old);
          if (entry == null) {
            throw new IllegalStateException("it returned null");
          }
          target.set(entry);
        } catch (RuntimeException e) {
          throw new CaroteneConfigurationException(
              store + ": its StoreMigration failed on entry " + (slot + 1) + " of " + count + " ("
                  + e.getMessage() + "). Nothing on disk was changed: fix the migration, or remove"
                  + " it and put the model back.");
        }
        writer.writePosition(dataOffset + slot * newSize);
        codec.writeFrom(writer, flyweight);
      }
    } finally {
      writer.releaseLast();
    }
  }
}
