package io.carotene.test.agones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.fleet.AgonesClient;
import io.carotene.runtime.fleet.AgonesException;
import io.carotene.runtime.fleet.AgonesSettings;
import io.carotene.runtime.fleet.GameServerInfo;
import io.carotene.test.agones.AgonesSidecarStandIn.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The client against the stand-in sidecar, which checks every request against the SDK's description. */
class AgonesClientTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void everyLifecycleAndMetadataRequestFitsTheSdkDescription() {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start()) {
      AgonesClient client = new AgonesClient(AgonesSettings.onPort(sidecar.port()));

      client.ready();
      client.health();
      client.setLabel("mode", "duel");
      client.setAnnotation("match", "m-42");
      client.reserve(Duration.ofSeconds(30));
      client.allocate();
      GameServerInfo info = client.gameServer();
      client.shutdown();

      assertThat(sidecar.violations()).isEmpty();
      assertThat(info.state()).isEqualTo("Allocated");
      assertThat(info.labels()).containsEntry("agones.dev/sdk-mode", "duel");
      assertThat(info.label("mode")).contains("duel");
      assertThat(info.annotation("match")).contains("m-42");
      Request reserve = sidecar.requests().stream().filter(r -> r.path().equals("/reserve")).findFirst().orElseThrow();
      assertThat(reserve.body().get("seconds").isTextual()).as("int64 travels as a JSON string").isTrue();
      assertThat(reserve.body().get("seconds").asText()).isEqualTo("30");
      assertThat(sidecar.stateName()).isEqualTo("Shutdown");
    }
  }

  @Test
  void countersAndListsAreReadAndUpdatedWithInt64AsStrings() {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start().counter("rooms", 10).list("players", 4)) {
      AgonesClient client = new AgonesClient(AgonesSettings.onPort(sidecar.port()));

      GameServerInfo.CounterStatus set = client.setCounter("rooms", 3L, 8L);
      GameServerInfo.CounterStatus added = client.addToCounter("rooms", 2);
      client.addListValue("players", "p1");
      GameServerInfo.ListStatus list = client.addListValue("players", "p2");
      GameServerInfo.ListStatus removed = client.removeListValue("players", "p1");

      assertThat(sidecar.violations()).isEmpty();
      assertThat(set).isEqualTo(new GameServerInfo.CounterStatus("rooms", 3, 8));
      assertThat(added.count()).isEqualTo(5);
      assertThat(client.counter("rooms")).isEqualTo(new GameServerInfo.CounterStatus("rooms", 5, 8));
      assertThat(list.values()).containsExactly("p1", "p2");
      assertThat(removed.values()).containsExactly("p2");
      assertThat(client.list("players").capacity()).isEqualTo(4);
      Request patch = sidecar.requests().stream().filter(r -> r.method().equals("PATCH")).findFirst().orElseThrow();
      assertThat(patch.body().get("count").asText()).isEqualTo("3");
      assertThat(patch.body().get("capacity").isTextual()).isTrue();
      assertThat(client.gameServer().counters().get("rooms").count()).isEqualTo(5);
    }
  }

  @Test
  void olderReleasesServeCountersAndListsUnderTheConfiguredPrefix() {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start("/v1beta1").counter("rooms", 10).list("players", 4)) {
      AgonesClient client = new AgonesClient(AgonesSettings.onPort(sidecar.port()).withCountersPrefix("/v1beta1"));

      client.setCounter("rooms", 1L, null);
      client.addListValue("players", "p1");

      assertThat(sidecar.violations()).isEmpty();
      assertThat(sidecar.count("PATCH", "/v1beta1/counters/rooms")).isEqualTo(1);
      assertThat(sidecar.count("POST", "/v1beta1/lists/players:addValue")).isEqualTo(1);
    }
  }

  @Test
  void theSidecarsErrorsCarryTheirStatus() {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start().list("players", 1)) {
      AgonesClient client = new AgonesClient(AgonesSettings.onPort(sidecar.port()));
      client.addListValue("players", "p1");

      assertThatThrownBy(() -> client.addListValue("players", "p1"))
          .isInstanceOfSatisfying(AgonesException.class, e -> assertThat(e.status()).isEqualTo(409));
      assertThatThrownBy(() -> client.counter("missing"))
          .isInstanceOfSatisfying(AgonesException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
  }

  @Test
  void aSidecarThatIsNotThereFailsWithoutAStatus() {
    AgonesSidecarStandIn gone = AgonesSidecarStandIn.start();
    int port = gone.port();
    gone.close();
    AgonesClient client = new AgonesClient(AgonesSettings.onPort(port));

    assertThatThrownBy(client::ready)
        .isInstanceOfSatisfying(AgonesException.class, e -> assertThat(e.status()).isZero())
        .hasMessageContaining("POST /ready");
  }

  @Test
  void theWatchStreamDeliversTheCurrentGameServerThenEachChange() throws Exception {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start()) {
      AgonesClient client = new AgonesClient(AgonesSettings.onPort(sidecar.port()));
      List<GameServerInfo> seen = new CopyOnWriteArrayList<>();
      Thread watching = new Thread(() -> {
        try {
          client.watchGameServer(seen::add);
        } catch (AgonesException e) {
          // ended by the stand-in's close
        }
      });
      watching.start();
      awaitSize(seen, 1);

      client.ready();
      awaitSize(seen, 2);
      sidecar.allocate(Map.of("mode", "duel"), Map.of("match", "m-7"));
      awaitSize(seen, 3);
      sidecar.stop();
      watching.join(WAIT.toMillis());

      assertThat(seen).extracting(GameServerInfo::state).containsExactly("Scheduled", "Ready", "Allocated");
      assertThat(seen.get(2).label("mode")).contains("duel");
      assertThat(seen.get(2).annotation("match")).contains("m-7");
      assertThat(watching.isAlive()).as("the watch returns when the stream ends").isFalse();
      assertThat(sidecar.violations()).isEmpty();
    }
  }

  private static void awaitSize(List<?> list, int size) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(list).hasSizeGreaterThanOrEqualTo(size);
  }
}
