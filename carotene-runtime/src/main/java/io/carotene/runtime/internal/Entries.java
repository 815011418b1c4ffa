package io.carotene.runtime.internal;

import java.util.function.Consumer;

/**
 * How a {@link ChronicleStore} lays out its entries off-heap. Every method takes or fills a
 * caller-owned flyweight, so none allocates per entry.
 */
interface Entries<K, F> extends AutoCloseable {
  int size();

  boolean containsKey(K id);

  /** Reads the entry with this id into {@code into}; false when there is none. */
  boolean read(K id, F into);

  /** Inserts or replaces the entry with this id by {@code from}'s bytes. */
  void write(K id, F from);

  boolean remove(K id);

  void clear();

  /** Reads the entry into {@code cursor}, runs {@code action}, writes it back; false when absent. */
  boolean update(K id, F cursor, Consumer<? super F> action);

  /** Runs {@code action} on each entry read into {@code cursor}, writing it back when asked. */
  void forEach(F cursor, Consumer<? super F> action, boolean writeBack);

  @Override
  void close();
}
