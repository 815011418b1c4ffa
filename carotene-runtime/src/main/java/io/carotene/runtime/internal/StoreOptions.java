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
 * @param holds which of the domain's stores the world opens: every one (a single world), its
 *     room-scoped ones (a room) or its server-scoped ones (a server of rooms' process-wide world)
 */
public record StoreOptions(
    long capacityOverride,
    Path dataDirectory,
    boolean requireDataDirectory,
    boolean migrateAppendedFields,
    Map<String, StoreMigration<?>> migrations,
    TickJournal journal,
    Holds holds) {
  /** Which stores a world holds, by their {@code @Store(scope = ...)}. */
  public enum Holds {
    /** Every store: the one world of a single-world server, a sandbox. */
    EVERY_STORE,
    /** {@code Scope.ROOM} stores only: a room of a server of rooms. */
    ROOM_STORES,
    /** {@code Scope.SERVER} stores only: a server of rooms' one world outside every room. */
    SERVER_STORES
  }

  public StoreOptions {
    holds = holds == null ? Holds.EVERY_STORE : holds;
    migrations = migrations == null ? Map.of() : Map.copyOf(migrations);
  }

  /** Options of a world holding every store. */
  public StoreOptions(
      long capacityOverride, Path dataDirectory, boolean requireDataDirectory, boolean migrateAppendedFields,
      Map<String, StoreMigration<?>> migrations, TickJournal journal) {
    this(capacityOverride, dataDirectory, requireDataDirectory, migrateAppendedFields, migrations, journal,
        Holds.EVERY_STORE);
  }

  /** Options with no data directory: persisted stores run in memory, as in a test sandbox. */
  public StoreOptions(long capacityOverride) {
    this(capacityOverride, null, false, false, Map.of(), null, Holds.EVERY_STORE);
  }

  /** These options for a world that holds only {@code holds}' stores. */
  public StoreOptions holding(Holds holds) {
    return new StoreOptions(
        capacityOverride, dataDirectory, requireDataDirectory, migrateAppendedFields, migrations, journal, holds);
  }

  /** Whether the world opens its {@code Scope.ROOM} stores (generated code asks). */
  public boolean opensRoomStores() {
    return holds != Holds.SERVER_STORES;
  }

  /** Whether the world opens its {@code Scope.SERVER} stores (generated code asks). */
  public boolean opensServerStores() {
    return holds != Holds.ROOM_STORES;
  }

  public static StoreOptions defaults() {
    return new StoreOptions(0);
  }

  /** These options with every store's capacity replaced by {@code entries}. */
  public StoreOptions withCapacityOverride(long entries) {
    return new StoreOptions(
        entries, dataDirectory, requireDataDirectory, migrateAppendedFields, migrations, null, holds);
  }

  /**
   * These options with persisted stores' files in {@code directory}; null means that none was set
   * where one is required (a server whose {@code CAROTENE_DATA_DIR} is unset), so that a persisted
   * store refuses to start.
   */
  public StoreOptions persistedIn(Path directory, boolean migrateAppendedFields) {
    return new StoreOptions(
        capacityOverride, directory, directory == null, migrateAppendedFields, migrations, null, holds);
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
            TickJournal.in(dataDirectory, migrateAppendedFields, migrations),
            holds);
  }

  /** These options with {@code migration} registered for the persisted store {@code store}. */
  public StoreOptions withMigration(String store, StoreMigration<?> migration) {
    Map<String, StoreMigration<?>> all = new HashMap<>(migrations);
    all.put(store, migration);
    return new StoreOptions(
        capacityOverride, dataDirectory, requireDataDirectory, migrateAppendedFields, all, null, holds);
  }

  /** The capacity a store declared with {@code declared} gets. */
  public long capacityFor(long declared) {
    return capacityOverride > 0 ? capacityOverride : declared;
  }
}
