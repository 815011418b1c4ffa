package io.carotene.example.arena.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.ArenaApplication;
import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomListener;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.fleet.AgonesSettings;
import io.carotene.runtime.fleet.MatchEndPolicy;
import io.carotene.runtime.server.ServerDrain;
import io.carotene.test.agones.AgonesSidecarStandIn;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestClient.CloseStatus;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServer.HttpResult;
import io.carotene.test.server.TestServer.SeatReservation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM's drain ({@link ServerDrain}) on a real Arena server of rooms under the stand-in
 * sidecar: no new players, the matches under way play on, then the server stops.
 */
class ArenaDrainTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  final List<String> leaves = new CopyOnWriteArrayList<>();

  final RoomListener recorder = new RoomListener() {
    @Override
    public void playerLeft(Room room, String userId, LeaveReason reason) {
      leaves.add(userId + " " + reason);
    }
  };

  private TestServer arena(AgonesSidecarStandIn sidecar) {
    AgonesSettings agones = AgonesSettings.onPort(sidecar.port())
        .withHealthPeriod(Duration.ofMillis(100))
        .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200))
        .withMatchEnd(MatchEndPolicy.READY); // a drain must not make it Ready again
    return TestServer.builder(new ArenaApplication())
        .agones(agones)
        .roomType(RoomType.of("arena").withMaxClients(4).withReconnectGrace(Duration.ZERO))
        .roomListener(recorder)
        .matchmakingRateLimit(null, null)
        .start();
  }

  private static CompletableFuture<Boolean> drain(TestServer server, Duration deadline) {
    return CompletableFuture.supplyAsync(() -> ServerDrain.thenStop(server.server(), deadline));
  }

  @Test
  void aDrainRefusesNewPlayersLetsTheMatchFinishThenShutsDown() throws Exception {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start().counter("rooms", 100).counter("players", 100).list("players", 100);
        TestServer server = arena(sidecar)) {
      sidecar.awaitCount("POST", "/ready", 1, WAIT);
      sidecar.allocate(Map.of(), Map.of());
      String ada = UUID.randomUUID().toString();
      String bob = UUID.randomUUID().toString();
      TestClient adaClient = server.connect(server.tokens().issue(ada), server.joinOrCreate(server.tokens().issue(ada), "arena", Map.of()));
      String bobToken = server.tokens().issue(bob);
      SeatReservation bobSeat = server.joinOrCreate(bobToken, "arena", Map.of()); // not yet redeemed

      CompletableFuture<Boolean> drained = drain(server, Duration.ofSeconds(60));
      HttpResult again; // Bob asking again takes his own seat over: no seat is added while the drain starts
      while ((again = server.postAs(bobToken, "/matchmake/joinOrCreate", Map.of("type", "arena"))).status() == 200) {
        bobSeat = new SeatReservation(again.body().get("roomId").asText(), again.body().get("reservation").asText(),
            again.body().get("reconnectionToken").asText(), again.body().get("expiresInMillis").asLong());
      }
      HttpResult refused = server.postAs(server.tokens().issue(UUID.randomUUID().toString()), "/matchmake/joinOrCreate",
          Map.of("type", "arena"));
      TestClient bobClient = server.connect(bobToken, bobSeat); // a seat given before the drain is honoured
      adaClient.clearSnapshots();
      adaClient.nextSnapshot(); // the match goes on
      long health = sidecar.count("POST", "/health");
      sidecar.awaitCount("POST", "/health", health + 2, WAIT); // busy, not broken

      assertThat(again.status()).isEqualTo(503);
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body().path("error").path("code").asText()).isEqualTo("SERVER_STOPPING");
      assertThat(drained).isNotDone();
      assertThat(sidecar.count("POST", "/shutdown")).isZero();

      adaClient.close();
      bobClient.close(); // the match is over: its room ends
      assertThat(drained.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("every room ended in time").isTrue();

      assertThat(leaves).containsExactlyInAnyOrder(ada + " CLOSED", bob + " CLOSED");
      assertThat(sidecar.count("POST", "/shutdown")).isEqualTo(1);
      assertThat(sidecar.count("POST", "/ready")).as("not made Ready again by its last room").isEqualTo(1);
      assertThat(sidecar.violations()).isEmpty();
    }
  }

  @Test
  void roomsStillInPlayAtTheDeadlineEndWithTheServerStoppingReason() throws Exception {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start(); TestServer server = arena(sidecar)) {
      sidecar.awaitCount("POST", "/ready", 1, WAIT);
      String ada = UUID.randomUUID().toString();
      TestClient adaClient = server.connect(server.tokens().issue(ada), server.joinOrCreate(server.tokens().issue(ada), "arena", Map.of()));
      adaClient.nextSnapshot();

      boolean allEnded = drain(server, Duration.ofMillis(500)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      CloseStatus close = adaClient.awaitClose();

      assertThat(allEnded).isFalse();
      assertThat(close.code()).isEqualTo(1000);
      assertThat(close.reason()).contains("shutting down");
      assertThat(leaves).containsExactly(ada + " SERVER_STOPPING");
      assertThat(server.server().roomsAlive()).isZero();
      sidecar.awaitCount("POST", "/shutdown", 1, WAIT);
    }
  }
}
