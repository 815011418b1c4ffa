package io.carotene.runtime.store;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Read access to a store. The processor generates one sub-interface per {@code @Store} ({@code
 * GameWorldView} for {@code GameWorld}); a loop or handler whose parameter is the view type can
 * read the store but has no method to write it.
 *
 * @param <K> the id type
 * @param <M> the model record
 */
public interface StoreView<K, M extends Record> {
  /** The store's name, as declared ({@code GameWorld}). */
  String name();

  /** The entry with this id, or empty. */
  Optional<M> find(K id);

  /**
   * The entry with this id.
   *
   * @throws NoSuchElementException naming the store and the id, when there is none
   */
  M get(K id);

  boolean contains(K id);

  /** The number of entries. */
  int count();

  /** A copy of every entry, in no particular order. Allocates one record per entry. */
  List<M> all();
}
