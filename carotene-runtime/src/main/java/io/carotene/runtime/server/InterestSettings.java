package io.carotene.runtime.server;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.snapshot.Interest;
import io.carotene.runtime.world.DomainWorld;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The interests a builder was given, checked against the world's stores, with the radius override applied. */
final class InterestSettings {
  private InterestSettings() {}

  static Map<String, Interest<?>> resolve(Map<String, Interest<?>> interests, Float interestRadius, DomainWorld world) {
    Map<String, Interest<?>> resolved = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    world.stores().forEach(store -> names.add(store.name()));
    for (Map.Entry<String, Interest<?>> entry : interests.entrySet()) {
      if (!names.contains(entry.getKey())) {
        throw new CaroteneConfigurationException(
            "An interest is set for store '" + entry.getKey() + "', but " + world.name() + " has only " + names);
      }
      Interest<?> interest = entry.getValue();
      if (interestRadius != null) {
        interest = interestRadius <= 0 ? Interest.everything() : interest.withRadius(interestRadius);
      }
      resolved.put(entry.getKey(), interest);
    }
    return resolved;
  }
}
