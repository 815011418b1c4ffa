package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.ArenaApplication;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServer.HttpResult;
import java.util.Map;
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
          .contains("carotene_tick_duration_seconds_bucket{loop=\"PhysicsTick\",world=\"Arena\",le=\"+Inf\"}")
          .contains("carotene_tick_interval_seconds_count{loop=\"PhysicsTick\",world=\"Arena\"}")
          .contains("carotene_ticks_skipped_total{loop=\"PhysicsTick\",world=\"Arena\"}")
          .contains("carotene_world_responding{world=\"Arena\"} 1")
          .contains("carotene_slow_clients_dropped_total{world=\"Arena\"} 0")
          .contains("jvm_memory_used_bytes");
      assertThat(metrics.text()).containsPattern("carotene_connections\\{world=\"Arena\"} [1-9]");
      assertThat(metrics.text()).containsPattern("carotene_ticks_total\\{loop=\"PhysicsTick\",world=\"Arena\"} [1-9]");
    }
  }}
