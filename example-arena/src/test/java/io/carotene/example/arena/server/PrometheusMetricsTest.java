package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.ArenaApplication;
import io.carotene.runtime.RoomType;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServer.HttpResult;
import io.carotene.test.server.TestServer.SeatReservation;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} in Prometheus text format, read from a real Arena server. */
class PrometheusMetricsTest {

  @Test
  void metricsAreServedInPrometheusTextFormatWithTheLoopsAndTheJvm() {
    // A server of its own: its player must not stand in the way of the shared server's tests.
    try (TestServer server = TestServer.start(new ArenaApplication())) {
      String playerId = server.post("/api/login", Map.of("name", "scraped")).body().get("playerId").asText();
      TestClient client = server.connect(server.tokens().issue(playerId));
      client.nextSnapshot();

      HttpResult metrics = server.getText("/metrics");

      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.text())
          .contains("# TYPE carotene_tick_duration_seconds histogram")
          .contains("carotene_tick_duration_seconds_bucket{loop=\"PhysicsTick\",room_type=\"Arena\",world=\"Arena\",le=\"+Inf\"}")
          .contains("carotene_tick_interval_seconds_count{loop=\"PhysicsTick\",room_type=\"Arena\",world=\"Arena\"}")
          .contains("# TYPE carotene_after_tick_duration_seconds histogram")
          .contains("carotene_ticks_skipped_total{loop=\"PhysicsTick\",room_type=\"Arena\",world=\"Arena\"}")
          .contains("carotene_world_responding{world=\"Arena\"} 1")
          .contains("carotene_slow_clients_dropped_total{world=\"Arena\"} 0")
          .contains("jvm_memory_used_bytes");
      assertThat(metrics.text()).containsPattern("carotene_connections\\{world=\"Arena\"} [1-9]");
      assertThat(metrics.text()).containsPattern("carotene_ticks_total\\{loop=\"PhysicsTick\",room_type=\"Arena\",world=\"Arena\"} [1-9]");
      // The snapshot publisher runs after every tick: its time is counted apart from the tick's.
      assertThat(metrics.text()).containsPattern("carotene_after_tick_duration_seconds_count\\{loop=\"PhysicsTick\",room_type=\"Arena\",world=\"Arena\"} [1-9]");
    }
  }

  @Test
  void roomsPlayersJoinsLeavesRejectionsAndBytesAreCountedPerRoomTypeWithoutASeriesPerRoom() {
    try (TestServer server = TestServer.builder(new ArenaApplication())
        .roomType(RoomType.of("arena").withMaxClients(1).withReconnectGrace(Duration.ZERO))
        .matchmakingRateLimit(null, null)
        .start()) {
      String ada = UUID.randomUUID().toString();
      String bob = UUID.randomUUID().toString();
      SeatReservation adaSeat = server.joinOrCreate(server.tokens().issue(ada), "arena", Map.of());
      TestClient adaClient = server.connect(server.tokens().issue(ada), adaSeat);
      TestClient bobClient = server.connect(server.tokens().issue(bob), server.joinOrCreate(server.tokens().issue(bob), "arena", Map.of()));
      adaClient.nextSnapshot();
      bobClient.nextSnapshot();
      assertThat(server.postAs(server.tokens().issue(bob), "/matchmake/join/no-such-room", Map.of()).status()).isEqualTo(404);
      assertThat(bobClient.call("noSuchOperation", Map.of()).isOk()).isFalse();
      String before = server.getText("/metrics").text();

      bobClient.close(); // bob's room ends
      awaitRooms(server, 1);
      adaClient.nextSnapshot(); // sent after `before` was read: the Arena sends every 2nd tick
      adaClient.nextSnapshot();
      String after = server.getText("/metrics").text();

      assertThat(value(before, "carotene_type_rooms{room_type=\"arena\",world=\"Arena\"}")).isEqualTo(2);
      assertThat(value(after, "carotene_type_rooms{room_type=\"arena\",world=\"Arena\"}")).isEqualTo(1);
      assertThat(value(after, "carotene_type_players{room_type=\"arena\",world=\"Arena\"}")).isEqualTo(1);
      assertThat(value(after, "carotene_rooms_created_total{room_type=\"arena\",world=\"Arena\"}")).isEqualTo(2);
      assertThat(value(after, "carotene_rooms_ended_total{room_type=\"arena\",world=\"Arena\"}")).isEqualTo(1);
      assertThat(value(after, "carotene_joins_total{room_type=\"arena\",world=\"Arena\"}")).isEqualTo(2);
      assertThat(value(after, "carotene_leaves_total{reason=\"CLOSED\",room_type=\"arena\",world=\"Arena\"}")).isEqualTo(1);
      assertThat(value(after, "carotene_rejections_total{code=\"ROOM_NOT_FOUND\",kind=\"join\",world=\"Arena\"}")).isEqualTo(1);
      assertThat(value(after, "carotene_rejections_total{code=\"BAD_REQUEST\",kind=\"call\",world=\"Arena\"}")).isEqualTo(1);
      assertThat(value(after, "carotene_sent_bytes_total{world=\"Arena\"}")).isGreaterThan(value(before, "carotene_sent_bytes_total{world=\"Arena\"}"));
      String ticks = "carotene_ticks_total{loop=\"PhysicsTick\",room_type=\"arena\",world=\"Arena\"}";
      assertThat(value(after, ticks)).as("the ended room's ticks stay counted").isGreaterThan(value(before, ticks));
      String durations = "carotene_tick_duration_seconds_count{loop=\"PhysicsTick\",room_type=\"arena\",world=\"Arena\"}";
      assertThat(value(after, durations)).isGreaterThan(value(before, durations));
      assertThat(after).doesNotContain(adaSeat.roomId()).doesNotContain(ada).doesNotContain(bob);
    }
  }

  /** The value of the one series {@code series} (name and labels as written) in {@code text}. */
  private static double value(String text, String series) {
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
      }
    }
    throw new AssertionError("No series " + series + " in:\n" + text);
  }

  private static void awaitRooms(TestServer server, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.server().roomsAlive() != count) {
      assertThat(System.nanoTime() - deadline).as("rooms alive: " + count).isNegative();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
