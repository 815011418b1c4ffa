package io.carotene.runtime.store;

/**
 * A mutable, reusable stand-in for one model entry, generated per model ({@code MutablePlayer} for
 * {@code Player}). A store's in-place passes ({@code updateEach}, {@code update}) read each entry
 * into one flyweight and write it back, so a tick over the whole world allocates nothing per
 * entity.
 *
 * @param <M> the model record
 */
public interface Flyweight<M extends Record> {
  /** Copies every field of {@code model} into this flyweight. */
  void set(M model);

  /** A new record with this flyweight's current values. Allocates; keep it out of per-entity hot loops. */
  M toRecord();
}
