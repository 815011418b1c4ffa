package io.carotene.runtime.server;

import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.snapshot.Interest;
import io.carotene.runtime.snapshot.VisibleStores;
import io.carotene.runtime.world.DomainWorld;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What clients see of each store: the application's declarations ({@code @Visible}, {@code
 * @VisibleIf}), then the server's overrides of them. An override may change how a visible store is
 * seen, never make a private one visible: that is a decision for the store's declaration, where
 * the processor checks it and a reader of the domain sees it.
 */
final class StoreInterests {
  private StoreInterests() {}

  /**
   * @param overrides per store name, set on the builder
   * @param radius overrides every radius interest's radius; 0 or less: everything; null: keep
   */
  static Map<String, Interest<?>> resolve(
      CaroteneApplication application, DomainWorld world, Map<String, Interest<?>> overrides, Float radius) {
    Map<String, Interest<?>> declared =
        application instanceof VisibleStores visible ? visible.visibleStores() : Map.of();
    List<String> names = new ArrayList<>();
    world.stores().forEach(store -> names.add(store.name()));
    for (String store : overrides.keySet()) {
      if (!names.contains(store)) {
        throw new CaroteneConfigurationException(
            "An interest is set for store '" + store + "', but " + world.name() + " has only " + names);
      }
      if (!declared.containsKey(store)) {
        throw new CaroteneConfigurationException(
            "An interest is set for store '" + store + "', which is private: its entries never leave the"
                + " server. To send it to clients, declare it with @Visible (or a @VisibleIf method) on"
                + " its @Store interface.");
      }
    }
    Map<String, Interest<?>> resolved = new LinkedHashMap<>();
    for (String store : names) {
      Interest<?> interest = overrides.containsKey(store) ? overrides.get(store) : declared.get(store);
      if (interest == null) {
        continue;
      }
      if (radius != null) {
        interest = radius <= 0 ? Interest.everything() : interest.withRadius(radius);
      }
      resolved.put(store, interest);
    }
    return resolved;
  }
}
