package io.carotene.runtime.store;

import java.util.function.Consumer;

/**
 * Read and write access to a store. The processor generates one final class per {@code @Store}
 * ({@code GameWorldStore} for {@code GameWorld}); a loop or handler that names it may write.
 *
 * @param <K> the id type
 * @param <M> the model record
 * @param <F> the model's generated {@link Flyweight}
 */
public interface WritableStore<K, M extends Record, F extends Flyweight<M>> extends StoreView<K, M> {
  /** Inserts or replaces the entry with the model's id. */
  void put(M model);

  /** Puts every model, as the seed's {@code batchUpdate(newStates)}. */
  void batchUpdate(Iterable<? extends M> models);

  /** Removes the entry with this id; returns whether there was one. */
  boolean remove(K id);

  /** Removes every entry. */
  void clear();

  /**
   * Runs {@code action} on the entry with this id, in place: changes made to the flyweight are
   * written back. Returns whether the entry existed. The flyweight is reused; do not keep it.
   */
  boolean update(K id, Consumer<? super F> action);

  /**
   * Runs {@code action} on every entry, in place, with one reused flyweight: the allocation-free
   * way for a tick to touch the whole world. Changes to the flyweight are written back; changing
   * its id is not allowed. Do not keep the flyweight past the call. Inside the action, {@link
   * #update} may change other entries and {@link #remove} takes effect when the pass ends;
   * another {@code updateEach} may not start.
   */
  void updateEach(Consumer<? super F> action);
}
