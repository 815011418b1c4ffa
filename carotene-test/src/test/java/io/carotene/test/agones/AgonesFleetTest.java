package io.carotene.test.agones;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.runtime.fleet.AgonesFleet;
import io.carotene.runtime.fleet.AgonesSettings;
import io.carotene.runtime.fleet.GameServerInfo;
import io.carotene.runtime.fleet.MatchEndPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The fleet's behaviour against the stand-in: capacity, health gating, retries, the end of a match. */
class AgonesFleetTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static AgonesSettings fast(int port) {
    return AgonesSettings.onPort(port)
        .withHealthPeriod(Duration.ofMillis(50))
        .withStallAfter(Duration.ofMillis(200))
        .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofMillis(100));
  }

  @Test
  void roomsAndPlayersAreReportedAsCountersAndAList() {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start().counter("rooms", 100).counter("players", 100).list("players", 100);
        AgonesFleet fleet = new AgonesFleet(fast(sidecar.port()))) {
      fleet.start(nanos -> true);

      fleet.roomsChanged(2, 8);
      fleet.playerJoined("alice");
      fleet.playerJoined("bob");
      fleet.playerJoined("alice"); // counted once
      fleet.playerLeft("bob");
      fleet.playerLeft("nobody");
      fleet.setLabel("after", "churn"); // sent in order: once it is in, so is every change before it
      sidecar.awaitCount("PUT", "/metadata/label", 1, WAIT);
      awaitCounter(sidecar, "players", 1);
      awaitCounter(sidecar, "rooms", 2);

      assertThat(sidecar.violations()).isEmpty();
      var status = sidecar.gameServer().path("status");
      assertThat(status.path("counters").path("rooms").path("capacity").asText()).isEqualTo("8");
      assertThat(status.path("lists").path("players").path("values")).extracting(n -> n.asText()).containsExactly("alice");
    }
  }

  @Test
  void joinsAndLeavesWhileTheSidecarIsAwayAreSentAsTheirNetResult() throws Exception {
    AgonesSidecarStandIn probe = AgonesSidecarStandIn.start();
    int port = probe.port();
    probe.close();
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.reserved(port).counter("rooms", 100).counter("players", 100).list("players", 100);
        AgonesFleet fleet = new AgonesFleet(fast(port))) {
      fleet.start(nanos -> true);
      fleet.playerJoined("alice");
      fleet.playerJoined("bob");
      fleet.playerLeft("bob");
      fleet.playerJoined("carol");
      fleet.playerLeft("alice");
      fleet.roomsChanged(1, 8);
      fleet.roomsChanged(2, 8);
      fleet.roomsChanged(1, 8);
      Thread.sleep(200); // Ready is being retried meanwhile; everything else waits behind it

      sidecar.restart();
      awaitCounter(sidecar, "players", 1);
      awaitCounter(sidecar, "rooms", 1);

      var status = sidecar.gameServer().path("status");
      assertThat(status.path("lists").path("players").path("values")).extracting(n -> n.asText()).containsExactly("carol");
      assertThat(sidecar.count("POST", "/lists/players:addValue")).as("only carol is added").isEqualTo(1);
      assertThat(sidecar.count("POST", "/lists/players:removeValue")).as("nobody listed left").isZero();
      assertThat(sidecar.count("PATCH", "/counters/rooms")).as("one update for three changes").isEqualTo(1);
      assertThat(sidecar.violations()).isEmpty();
    }
  }

  @Test
  void aRequestTheSidecarRefusesIsLoggedOnceAndDoesNotHoldUpTheOthers() {
    List<LogRecord> warnings = captureWarnings();
    // The Fleet declares the List and the rooms Counter but not the players Counter: 404 for it.
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start().counter("rooms", 100).list("players", 100);
        AgonesFleet fleet = new AgonesFleet(fast(sidecar.port()))) {
      fleet.start(nanos -> true);
      fleet.playerJoined("alice");
      sidecar.awaitCount("PATCH", "/counters/players", 1, WAIT);
      fleet.roomsChanged(3, 8);
      awaitCounter(sidecar, "rooms", 3);
      fleet.playerJoined("bob");
      sidecar.awaitCount("PATCH", "/counters/players", 2, WAIT);
      fleet.setLabel("mode", "duel");
      sidecar.awaitCount("PUT", "/metadata/label", 1, WAIT);

      assertThat(sidecar.gameServer().path("status").path("lists").path("players").path("values"))
          .extracting(n -> n.asText()).containsExactlyInAnyOrder("alice", "bob");
      assertThat(sidecar.count("PATCH", "/counters/players")).as("not retried").isEqualTo(2);
      assertThat(warnings).filteredOn(r -> r.getMessage().contains("refused")).hasSize(1);
      assertThat(warnings).filteredOn(r -> r.getMessage().contains("does not answer")).isEmpty();
    } finally {
      releaseWarnings();
    }
  }

  @Test
  void aDrainingServerDoesNotReturnToReadyAfterItsLastRoom() throws Exception {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start();
        AgonesFleet fleet = new AgonesFleet(fast(sidecar.port()).withMatchEnd(MatchEndPolicy.READY))) {
      fleet.start(nanos -> true);
      sidecar.awaitCount("POST", "/ready", 1, WAIT);
      sidecar.allocate(Map.of(), Map.of());
      await(fleet::allocated);

      fleet.draining();
      fleet.lastRoomDisposed();
      long healthBefore = sidecar.count("POST", "/health");
      sidecar.awaitCount("POST", "/health", healthBefore + 3, WAIT); // pings go on while it drains
      fleet.stopping();

      assertThat(sidecar.count("POST", "/ready")).as("not back to Ready").isEqualTo(1);
      assertThat(sidecar.stateName()).isEqualTo("Shutdown");
    }
  }

  @Test
  void healthPingsStopWhileAWorldThreadIsStuckAndResumeAfter() throws Exception {
    AtomicBoolean progressing = new AtomicBoolean(true);
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start();
        AgonesFleet fleet = new AgonesFleet(fast(sidecar.port()))) {
      fleet.start(nanos -> progressing.get());
      sidecar.awaitCount("POST", "/health", 3, WAIT);

      progressing.set(false);
      Thread.sleep(100); // a ping already under way may still land
      long whenStuck = sidecar.count("POST", "/health");
      Thread.sleep(500); // ten periods
      long afterStuck = sidecar.count("POST", "/health");
      progressing.set(true);
      sidecar.awaitCount("POST", "/health", afterStuck + 2, WAIT);

      assertThat(afterStuck).as("no Health while stuck").isEqualTo(whenStuck);
    }
  }

  @Test
  void aSidecarThatStartsLateGetsReadyAndTheOutageIsLoggedOnce() throws Exception {
    AgonesSidecarStandIn probe = AgonesSidecarStandIn.start();
    int port = probe.port();
    probe.close();
    List<LogRecord> warnings = captureWarnings();
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.reserved(port);
        AgonesFleet fleet = new AgonesFleet(fast(port))) {
      fleet.start(nanos -> true);
      Thread.sleep(500); // Ready and many Health pings fail meanwhile

      sidecar.restart();
      sidecar.awaitCount("POST", "/ready", 1, WAIT);
      sidecar.awaitCount("POST", "/health", 1, WAIT);

      assertThat(sidecar.stateName()).isEqualTo("Ready");
      assertThat(warnings).filteredOn(r -> r.getMessage().contains("does not answer")).hasSize(1);
    } finally {
      releaseWarnings();
    }
  }

  @Test
  void allocationIsSeenWithItsLabelsAndTheLastRoomShutsTheServerDown() {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start();
        AgonesFleet fleet = new AgonesFleet(fast(sidecar.port()))) {
      List<GameServerInfo> allocations = new CopyOnWriteArrayList<>();
      fleet.onAllocated(allocations::add);
      fleet.start(nanos -> true);
      sidecar.awaitCount("POST", "/ready", 1, WAIT);

      fleet.lastRoomDisposed(); // not allocated: stays Ready
      sidecar.allocate(Map.of("mode", "duel"), Map.of());
      await(() -> fleet.allocated());
      fleet.lastRoomDisposed();
      sidecar.awaitCount("POST", "/shutdown", 1, WAIT);

      assertThat(allocations).hasSize(1);
      assertThat(allocations.get(0).label("mode")).contains("duel");
      assertThat(sidecar.count("POST", "/shutdown")).isEqualTo(1);
    }
  }

  @Test
  void theReadyPolicyReturnsAnAllocatedServerToReady() {
    try (AgonesSidecarStandIn sidecar = AgonesSidecarStandIn.start();
        AgonesFleet fleet = new AgonesFleet(fast(sidecar.port()).withMatchEnd(MatchEndPolicy.READY))) {
      fleet.start(nanos -> true);
      sidecar.awaitCount("POST", "/ready", 1, WAIT);
      sidecar.allocate(Map.of(), Map.of());
      await(fleet::allocated);

      fleet.lastRoomDisposed();
      sidecar.awaitCount("POST", "/ready", 2, WAIT);
      await(() -> !fleet.allocated());

      assertThat(sidecar.stateName()).isEqualTo("Ready");
      assertThat(sidecar.count("POST", "/shutdown")).isZero();
    }
  }

  private static void awaitCounter(AgonesSidecarStandIn sidecar, String name, long count) {
    await(() -> sidecar.gameServer().path("status").path("counters").path(name).path("count").asLong(-1) == count);
  }

  private static void await(java.util.function.BooleanSupplier condition) {
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

  private static final Logger FLEET_LOG = Logger.getLogger(AgonesFleet.class.getName());
  private static Handler capture;

  private static List<LogRecord> captureWarnings() {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          records.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    FLEET_LOG.addHandler(capture);
    return records;
  }

  private static void releaseWarnings() {
    FLEET_LOG.removeHandler(capture);
  }
}
