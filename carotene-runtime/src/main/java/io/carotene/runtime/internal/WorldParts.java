package io.carotene.runtime.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A domain's stores and backends, freshly created by its generated application, before they
 * become a world.
 *
 * @param engines every store's off-heap engine, in declaration order
 * @param stores the generated stores game code is handed ({@code GameWorldStore}), in the same
 *     order, each holding its engine
 * @param dispatchers every backend in its generated dispatcher
 */
public record WorldParts(
    List<ChronicleStore<?, ?, ?>> engines, List<Object> stores, List<Dispatcher> dispatchers) {
  public WorldParts {
    engines = List.copyOf(engines);
    stores = List.copyOf(stores);
    dispatchers = List.copyOf(dispatchers);
    if (engines.size() != stores.size()) {
      throw new IllegalArgumentException(
          engines.size() + " engines for " + stores.size() + " stores: each store holds one");
    }
  }

  /** Frees every store's off-heap memory, newest first, keeping going past a failure. */
  public void close() {
    List<ChronicleStore<?, ?, ?>> reversed = new ArrayList<>(engines);
    Collections.reverse(reversed);
    RuntimeException first = null;
    for (ChronicleStore<?, ?, ?> engine : reversed) {
      try {
        engine.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "WorldParts" + Objects.toString(engines);
  }
}
