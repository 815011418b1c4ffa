package io.carotene.example.customized;

import io.carotene.annotations.Domain;
import io.carotene.annotations.Id;
import io.carotene.annotations.Store;
import io.carotene.annotations.Visible;
import java.util.UUID;

/** A test fixture: a domain whose {@link CustomizedSettings} narrow what its visible store shows. */
@Domain("Customized")
public interface Customized {
  record Marker(@Id UUID id, int value) {}

  @Store(model = Marker.class, capacity = 100)
  @Visible
  interface Markers {}
}
