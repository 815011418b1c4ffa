package io.carotene.runtime.internal;

import io.carotene.runtime.store.StoreMigration;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How a world's stores are created.
 *
 * @param capacityOverride when positive, replaces every store's declared capacity (tests use a
 *     small one so that a sandbox starts quickly)
 * @param dataDirectory where persisted stores keep their files, one sub-directory each; null when
 *     none is set
 * @param requireDataDirectory whether a persisted store without {@code dataDirectory} refuses to
 *     start (a server's launcher); if not (a test sandbox), it runs in memory only
 * @param migrateAppendedFields whether a persisted store whose model gained fields at the end
 *     rewrites its files for the new model ({@code CAROTENE_MIGRATE=append-fields}) rather than
 *     refusing to start
 * @param migrations the game's migrations of changed models, by store name ({@code
 *     CaroteneServer.Builder.migrate})
 * @param journal the open data directory of one world: set by the world as it creates its stores
 */
public record StoreOptions(
    long capacityOverride,
    Path dataDirectory,
    boolean requireDataDirectory,
    boolean migrateAppendedFields,
    Map<String, StoreMigration<?>> migrations,
    TickJournal journal) {
  /** Options with no data directory: persisted stores run in memory, as in a test sandbox. */
  public StoreOptions(long capacityOverride) {
    this(capacityOverride, null, false, false, Map.of(), null);
  }

  public static StoreOptions defaults() {
    return new StoreOptions(0);
  }

  /** These options with every store's capacity replaced by {@code entries}. */
  public StoreOptions withCapacityOverride(long entries) {
    return new StoreOptions(
        entries, dataDirectory, requireDataDirectory, migrateAppendedFields, migrations, null);
  }

  /**
   * These options with persisted stores' files in {@code directory}; null means that none was set
   * where one is required (a server whose {@code CAROTENE_DATA_DIR} is unset), so that a persisted
   * store refuses to start.
   */
  public StoreOptions persistedIn(Path directory, boolean migrateAppendedFields) {
    return new StoreOptions(
        capacityOverride, directory, directory == null, migrateAppendedFields, migrations, null);
  }

  /**
   * These options for one world: with a journal over the data directory, when one is set, which
   * the world commits at the end of each tick.
   */
  public StoreOptions forWorld() {
    return dataDirectory == null
        ? this
        : new StoreOptions(
            capacityOverride,
            dataDirectory,
            true,
            migrateAppendedFields,
            migrations,
            TickJournal.in(dataDirectory, migrateAppendedFields, migrations));
  }

  /** These options with {@code migration} registered for the persisted store {@code store}. */
  public StoreOptions withMigration(String store, StoreMigration<?> migration) {
    Map<String, StoreMigration<?>> all = new HashMap<>(migrations);
    all.put(store, migration);
    return new StoreOptions(
        capacityOverride, dataDirectory, requireDataDirectory, migrateAppendedFields, all, null);
  }

  /** The capacity a store declared with {@code declared} gets. */
  public long capacityFor(long declared) {
    return capacityOverride > 0 ? capacityOverride : declared;
  }
}
