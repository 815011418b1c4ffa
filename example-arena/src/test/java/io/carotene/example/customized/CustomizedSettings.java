package io.carotene.example.customized;

import io.carotene.runtime.server.CaroteneServer;
import io.carotene.runtime.server.ServerCustomizer;
import io.carotene.runtime.snapshot.Interest;

/** Registered in META-INF/services: a client of Customized sees only its own marker. */
public final class CustomizedSettings implements ServerCustomizer {
  @Override
  public String domain() {
    return "Customized";
  }

  @Override
  public void customize(CaroteneServer.Builder builder) {
    builder.interest("Markers", Interest.<MutableMarker>filter((viewer, marker) -> marker.id().toString().equals(viewer)));
  }
}
