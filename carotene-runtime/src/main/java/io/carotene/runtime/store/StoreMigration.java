package io.carotene.runtime.store;

/**
 * Converts the entries of a persisted store ({@code @Store(engine = PERSISTED)}) written by an
 * older model into the current model, when the model changed in a way Carotene cannot migrate by
 * itself (a field renamed, retyped, removed or moved). Register it for the store by name with
 * {@code CaroteneServer.Builder.migrate("Players", old -> ...)}; at start-up, a store whose files
 * record another layout then calls it once per entry and rewrites its files for the new model,
 * instead of refusing to start. A store whose layout did not change never calls it, so the
 * registration can stay in place after the migration ran.
 *
 * <p>Fixed-size models only (no {@code String} field, before or after); back up the data
 * directory first. See carotene-runtime/PERSISTENCE.md.
 *
 * @param <M> the store's current model
 */
@FunctionalInterface
public interface StoreMigration<M extends Record> {
  /**
   * The current model's entry for an old one. Called on the thread that starts the server, never
   * during a tick.
   *
   * @param old the entry as the store's files hold it, its fields read by their old names
   * @return the entry to store in its place, with the same id
   */
  M migrate(OldEntry old);
}
