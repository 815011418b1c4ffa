package io.carotene.example.arena.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.ArenaApplication;
import io.carotene.runtime.fleet.AgonesFleet;
import io.carotene.runtime.fleet.AgonesSettings;
import io.carotene.runtime.fleet.GameServerInfo;
import io.carotene.test.agones.AgonesSidecarStandIn;
import io.carotene.runtime.RoomType;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A real Arena server as an Agones GameServer, against the stand-in sidecar. */
class ArenaOnAgonesTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static AgonesSettings fast(int port) {
    return AgonesSettings.onPort(port)
        .withHealthPeriod(Duration.ofMillis(100))
        .withStallAfter(Duration.ofMillis(500))
        .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200));
  }

  private static TestServer arena(int sidecarPort) {
    return TestServer.builder(new ArenaApplication()).agones(fast(sidecarPort)).start();
  }

  @Test
  void theServerIsReadyOnceItListensThenPingsHealthAndShutsDownOnStop() {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start()) {
      try (TestServer server = arena(sidecar.port())) {
        sidecar.awaitCount("POST", "/ready", 1, WAIT);
        sidecar.awaitCount("POST", "/health", 3, WAIT);

        assertThat(sidecar.stateName()).isEqualTo("Ready");
        assertThat(server.post("/api/login", Map.of("name", "ada")).status()).isEqualTo(200);
        assertThat(server.server().fleet().enabled()).isTrue();
      }
      sidecar.awaitCount("POST", "/shutdown", 1, WAIT);

      assertThat(sidecar.violations()).isEmpty();
      assertThat(sidecar.requests().get(0).path()).as("Ready is the first request").isIn("/ready", "/watch/gameserver");
    }
  }

  @Test
  void healthPingsStopWhileTheWorldThreadIsStuckInGameCode() throws Exception {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start(); TestServer server = arena(sidecar.port())) {
      sidecar.awaitCount("POST", "/health", 2, WAIT);
      CountDownLatch release = new CountDownLatch(1);
      server.server().onWorld(world -> {
        try {
          release.await(); // game code that never returns, until the test lets it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return null;
      });

      Thread.sleep(1_000); // past stallAfter: the pings have stopped
      long stuck = sidecar.count("POST", "/health");
      Thread.sleep(1_000); // ten periods without a ping
      long later = sidecar.count("POST", "/health");
      release.countDown();
      sidecar.awaitCount("POST", "/health", later + 2, WAIT);

      assertThat(later).as("no Health while the world thread is stuck").isEqualTo(stuck);
    }
  }

  @Test
  void gameCodeSeesTheAllocationWithItsLabelsAndAnnotations() {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start(); TestServer server = arena(sidecar.port())) {
      List<GameServerInfo> allocations = new CopyOnWriteArrayList<>();
      server.server().fleet().onAllocated(allocations::add);
      sidecar.awaitCount("POST", "/ready", 1, WAIT);

      sidecar.allocate(Map.of("mode", "duel"), Map.of("match", "m-1"));
      await(() -> !allocations.isEmpty());

      assertThat(server.server().fleet().allocated()).isTrue();
      assertThat(allocations.get(0).label("mode")).contains("duel");
      assertThat(allocations.get(0).annotation("match")).contains("m-1");
    }
  }

  @Test
  void aSidecarDownAtStartOrGoneForAWhileNeverStopsTheServer() throws Exception {
    AgonesSidecarStandIn probe = AgonesSidecarStandIn.start();
    int port = probe.port();
    probe.close();
    List<String> warnings = new CopyOnWriteArrayList<>();
    List<String> recoveries = new CopyOnWriteArrayList<>();
    Handler capture = captureFleetWarnings(warnings, recoveries);
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.reserved(port); TestServer server = arena(port)) {
      assertThat(server.post("/api/login", Map.of("name", "early")).status()).isEqualTo(200);

      sidecar.restart(); // the sidecar comes up after the server
      sidecar.awaitCount("POST", "/ready", 1, WAIT);
      sidecar.awaitCount("POST", "/health", 1, WAIT);
      // The server has had an answer (a request counted by the sidecar may still be unanswered if it
      // stops now, which would make one outage of the two).
      await(() -> !recoveries.isEmpty());
      sidecar.stop(); // and goes away for a while
      Thread.sleep(1_000);
      assertThat(server.post("/api/login", Map.of("name", "meanwhile")).status()).isEqualTo(200);
      long before = sidecar.count("POST", "/health");
      sidecar.restart();
      sidecar.awaitCount("POST", "/health", before + 2, WAIT);
      sidecar.allocate(Map.of("mode", "after-outage"), Map.of());
      await(() -> server.server().fleet().allocated());

      assertThat(server.server().fleet().gameServer().orElseThrow().label("mode")).contains("after-outage");
      assertThat(sidecar.violations()).isEmpty();
      assertThat(warnings).as("each outage is reported once, whatever failed during it")
          .filteredOn(message -> message.contains("does not answer")).hasSize(2);
    } finally {
      FLEET_LOG.removeHandler(capture);
    }
  }

  /**
   * Issue 13's outage: the sidecar goes away for 30 s under the default settings (a 5 s backoff
   * cap, 2 s requests): players keep playing, join and leave meanwhile; once it is back the
   * server reports Health again, the counters and the list hold the net result, and the outage
   * was logged once.
   */
  @Test
  void aSidecarGoneForThirtySecondsWithTheDefaultSettingsLeavesPlayersPlayingAndCatchesUpOnItsReturn() throws Exception {
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler capture = captureFleetWarnings(warnings, new CopyOnWriteArrayList<>());
    try (AgonesSidecarStandIn sidecar =
            AgonesSidecarStandIn.start().counter("rooms", 100).counter("players", 100).list("players", 100);
        TestServer server = TestServer.builder(new ArenaApplication())
            .agones(AgonesSettings.onPort(sidecar.port()))
            .roomType(RoomType.of("arena").withReconnectGrace(Duration.ZERO))
            .matchmakingRateLimit(null, null)
            .start()) {
      sidecar.awaitCount("POST", "/ready", 1, WAIT);
      String ada = UUID.randomUUID().toString();
      String bob = UUID.randomUUID().toString();
      TestClient adaClient = server.connect(server.tokens().issue(ada), server.joinOrCreate(server.tokens().issue(ada), "arena", Map.of()));
      await(() -> counter(sidecar, "players").equals("1/100"));

      sidecar.stop();
      long goneAt = System.nanoTime();
      TestClient bobClient = server.connect(server.tokens().issue(bob), server.joinOrCreate(server.tokens().issue(bob), "arena", Map.of()));
      adaClient.close();
      long lastTick = -1;
      while (System.nanoTime() - goneAt < Duration.ofSeconds(30).toNanos()) {
        bobClient.clearSnapshots(); // a fresh snapshot, not one queued before the last check
        long tick = bobClient.nextSnapshot().get("tick").asLong();
        assertThat(tick).as("the arena plays on without the sidecar").isGreaterThan(lastTick);
        lastTick = tick;
        Thread.sleep(1_000);
      }
      long before = sidecar.count("POST", "/health");
      sidecar.restart();

      sidecar.awaitCount("POST", "/health", before + 1, Duration.ofSeconds(20));
      await(() -> counter(sidecar, "players").equals("1/100") && listed(sidecar).equals(List.of(bob)));
      assertThat(counter(sidecar, "rooms")).as("one arena, still in play").startsWith("1/");
      bobClient.close();
      assertThat(sidecar.violations()).isEmpty();
      assertThat(warnings).as("one outage, reported once")
          .filteredOn(message -> message.contains("does not answer")).hasSize(1);
    } finally {
      FLEET_LOG.removeHandler(capture);
    }
  }

  @Test
  void countersAndThePlayerListFollowRoomsJoinsAndLeavesAndTheLastRoomShutsAnAllocatedServerDown() {
    try (AgonesSidecarStandIn sidecar =
            AgonesSidecarStandIn.start().counter("rooms", 100).counter("players", 100).list("players", 100);
        TestServer server = TestServer.builder(new ArenaApplication())
            .agones(fast(sidecar.port()))
            .roomType(RoomType.of("arena").withMaxClients(2).withReconnectGrace(Duration.ZERO))
            .maxRooms(4)
            .matchmakingRateLimit(null, null)
            .start()) {
      sidecar.awaitCount("POST", "/ready", 1, WAIT);
      String ada = UUID.randomUUID().toString();
      String bob = UUID.randomUUID().toString();
      String cy = UUID.randomUUID().toString();
      TestClient adaClient = server.connect(server.tokens().issue(ada), server.joinOrCreate(server.tokens().issue(ada), "arena", Map.of()));
      TestClient bobClient = server.connect(server.tokens().issue(bob), server.joinOrCreate(server.tokens().issue(bob), "arena", Map.of()));
      TestClient cyClient = server.connect(server.tokens().issue(cy), server.joinOrCreate(server.tokens().issue(cy), "arena", Map.of()));
      await(() -> counter(sidecar, "rooms").equals("2/4") && counter(sidecar, "players").equals("3/100"));
      assertThat(listed(sidecar)).containsExactlyInAnyOrder(ada, bob, cy);

      bobClient.close();
      await(() -> counter(sidecar, "players").equals("2/100"));
      assertThat(listed(sidecar)).containsExactlyInAnyOrder(ada, cy);
      cyClient.close(); // alone in the second room: it ends
      await(() -> counter(sidecar, "rooms").equals("1/4") && counter(sidecar, "players").equals("1/100"));
      assertThat(sidecar.count("POST", "/shutdown")).as("a room is left").isZero();

      sidecar.allocate(Map.of("mode", "duel"), Map.of());
      await(() -> server.server().fleet().allocated());
      adaClient.close(); // the last room ends
      sidecar.awaitCount("POST", "/shutdown", 1, WAIT);

      assertThat(counter(sidecar, "rooms")).isEqualTo("0/4");
      assertThat(listed(sidecar)).isEmpty();
      assertThat(sidecar.violations()).isEmpty();
    }
  }

  private static final Logger FLEET_LOG = Logger.getLogger(AgonesFleet.class.getName());

  /**
   * Collects the fleet's warnings into {@code warnings}, and its "answers again" lines (an outage
   * over, as the server saw it) into {@code recoveries}, until the handler returned is removed.
   */
  private static Handler captureFleetWarnings(List<String> warnings, List<String> recoveries) {
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          warnings.add(record.getMessage());
        } else if (record.getMessage().contains("answers again")) {
          recoveries.add(record.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    FLEET_LOG.addHandler(capture);
    return capture;
  }

  /** {@code count/capacity} of the Counter {@code name} as the sidecar has it. */
  private static String counter(AgonesSidecarStandIn sidecar, String name) {
    var counter = sidecar.gameServer().path("status").path("counters").path(name);
    return counter.path("count").asText() + "/" + counter.path("capacity").asText();
  }

  private static List<String> listed(AgonesSidecarStandIn sidecar) {
    List<String> ids = new java.util.ArrayList<>();
    sidecar.gameServer().path("status").path("lists").path("players").path("values").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + WAIT);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
