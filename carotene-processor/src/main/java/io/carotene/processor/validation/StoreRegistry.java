package io.carotene.processor.validation;

import io.carotene.processor.model.DomainModel;
import io.carotene.processor.model.StoreModel;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The generated store and view types of every domain read so far, by qualified name: how a
 * backend's parameter {@code GameWorldStore} is recognised as the {@code GameWorld} store.
 */
public final class StoreRegistry {
  /**
   * A store type a parameter may name.
   *
   * @param store the store
   * @param domain the qualified name of its domain
   * @param index the store's position in its domain's declaration order
   * @param writable whether the type is the writable store (else the read-only view)
   */
  public record StoreType(StoreModel store, String domain, int index, boolean writable) {}

  private final Map<String, StoreType> byQualifiedName = new HashMap<>();

  public void register(DomainModel domain) {
    for (int index = 0; index < domain.stores().size(); index++) {
      StoreModel store = domain.stores().get(index);
      String domainName = domain.qualifiedName();
      byQualifiedName.put(
          store.storeName().canonicalName(), new StoreType(store, domainName, index, true));
      byQualifiedName.put(
          store.viewName().canonicalName(), new StoreType(store, domainName, index, false));
    }
  }

  public Optional<StoreType> find(String qualifiedName) {
    return Optional.ofNullable(byQualifiedName.get(qualifiedName));
  }
}
