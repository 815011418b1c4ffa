package io.carotene.example.customized;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.example.customized.Customized.Marker;
import io.carotene.runtime.snapshot.Interest;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A domain's {@code ServerCustomizer} applies to its every server, and the builder's settings win. */
class ServerCustomizerTest {
  static final UUID ALICE = new UUID(0xa1, 1);
  static final UUID BOB = new UUID(0xb0b, 2);

  private static void markers(TestServer server) {
    server.onWorld(world -> {
      world.store(MarkersStore.class).put(new Marker(ALICE, 1));
      world.store(MarkersStore.class).put(new Marker(BOB, 2));
      return null;
    });
  }

  @Test
  void theDomainsCustomizerOverridesTheDeclaredInterest() {
    try (TestServer server = TestServer.start(new CustomizedApplication())) {
      markers(server);
      try (TestClient alice = server.connect(server.tokens().issue(ALICE.toString()))) {
        JsonNode snapshot = alice.awaitSnapshot(s -> s.path("Markers").size() > 0);
        for (int i = 0; i < 3; i++) {
          assertThat(snapshot.get("Markers")).hasSize(1);
          assertThat(snapshot.get("Markers").get(0).get("value").asInt()).isEqualTo(1);
          snapshot = alice.nextSnapshot();
        }
      }
    }
  }

  @Test
  void settingsMadeOnTheBuilderAfterwardsWin() {
    try (TestServer server = TestServer.builder(new CustomizedApplication()).interest("Markers", Interest.everything()).start()) {
      markers(server);
      try (TestClient alice = server.connect(server.tokens().issue(ALICE.toString()))) {
        assertThat(alice.awaitSnapshot(s -> s.path("Markers").size() == 2).get("Markers")).hasSize(2);
      }
    }
  }
}
