package io.carotene.runtime.internal;

import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.CaroteneConfigurationException;
import java.util.List;

/**
 * What a generated {@code <Domain>Application} gives the runtime beyond the public {@link
 * CaroteneApplication}: a fresh set of the domain's stores and backends.
 */
public interface GeneratedApplication extends CaroteneApplication {
  /**
   * Creates the domain's stores (sized by {@code options}) and its backends, each in its
   * dispatcher with the world's {@code services}. If that fails, what was already created is
   * closed before the failure propagates.
   */
  WorldParts createParts(StoreOptions options, WorldServices services);

  /**
   * The lifecycle hooks of a room made of {@code parts} (its backends are in the dispatchers);
   * {@link RoomHooks#NONE} for a domain without lifecycle methods.
   */
  default RoomHooks roomHooks(WorldParts parts) {
    return RoomHooks.NONE;
  }

  /**
   * The names of the domain's {@code @Store(engine = PERSISTED)} stores of {@code Scope.ROOM},
   * which a server of rooms refuses; none by default.
   */
  default List<String> persistedRoomStores() {
    return List.of();
  }

  /**
   * {@code application} as the generated code it must be.
   *
   * @throws CaroteneConfigurationException when it was written by hand
   */
  static GeneratedApplication of(CaroteneApplication application) {
    if (application instanceof GeneratedApplication generated) {
      return generated;
    }
    throw new CaroteneConfigurationException(
        application.getClass().getName() + " is not a generated application: pass the <Domain>Application"
            + " the Carotene processor writes for your @Domain interface");
  }
}
