package io.carotene.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.wire.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server of rooms' server world (its {@code Scope.SERVER} stores and the routes that take them,
 * on a thread of its own) is watched as its rooms are: a task stuck on it shows in {@code /health},
 * {@code /metrics.json} and {@code /metrics}, and a slow one in its tasks' run times.
 */
class ServerWorldHealthTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private CaroteneServer server;

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.close();
    }
  }

  /** A server of rooms whose one server-scoped route, GET /stall, holds the server world until released. */
  private void start() {
    HttpRoute stall = new HttpRoute("GET", "/stall", true, true, call -> {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return CallResult.ok("done", json -> json.writeString("done"));
    });
    server = CaroteneServer.builder(new RoutesApplication(List.of(stall)))
        .host("127.0.0.1").port(0).tokens(Tokens.withRandomSecret()).worldThreads(1)
        .roomType(RoomType.of("match")).matchmakingRateLimit(null, null)
        .start();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.httpUri() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.MAPPER.readTree(response.body());
  }

  /** Polls {@code path} until it answers {@code status} (10 s at most), and gives that answer. */
  private HttpResponse<String> awaitStatus(String path, int status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    HttpResponse<String> response;
    while ((response = get(path)).statusCode() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(path + " never answered " + status + "; last: " + response.statusCode() + " " + response.body());
      }
      Thread.sleep(100);
    }
    return response;
  }

  @Test
  void aServerWorldStuckInARouteMakesHealthStalledAndTheMetricsSayItIsNotRespondingUntilItReturns() throws Exception {
    start();
    JsonNode healthy = json(awaitStatus("/health", 200));
    assertThat(healthy.get("serverWorld").get("status").asText()).isEqualTo("ok");
    assertThat(json(get("/metrics.json")).get("serverWorld").get("responding").asBoolean()).isTrue();

    CompletableFuture<HttpResponse<String>> stalled = HTTP.sendAsync(
        HttpRequest.newBuilder(URI.create(server.httpUri() + "/stall")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    JsonNode health = json(awaitStatus("/health", 503));
    assertThat(health.get("status").asText()).isEqualTo("stalled");
    assertThat(health.get("serverWorld").get("status").asText()).isEqualTo("stalled");
    assertThat(health.get("serverWorld").get("msSinceProgress").asLong()).isGreaterThanOrEqualTo(2000);
    JsonNode serverWorld = json(get("/metrics.json")).get("serverWorld");
    assertThat(serverWorld.get("responding").asBoolean()).isFalse();
    assertThat(serverWorld.get("runningTaskMicros").asLong()).isGreaterThanOrEqualTo(2_000_000);
    assertThat(get("/metrics").body()).contains("carotene_world_responding{world=\"Routes\"} 0");

    release.countDown();
    stalled.get(10, TimeUnit.SECONDS); // 200, or 503 if the route's own 5 s wait ran out first
    JsonNode recovered = json(awaitStatus("/health", 200));
    assertThat(recovered.get("serverWorld").get("status").asText()).isEqualTo("ok");
    JsonNode after = json(get("/metrics.json")).get("serverWorld");
    assertThat(after.get("responding").asBoolean()).isTrue();
    assertThat(after.get("runningTaskMicros").asLong()).isZero();
    assertThat(after.get("tasks").asLong()).isPositive();
    assertThat(after.get("maxTaskMicros").asLong()).isGreaterThanOrEqualTo(2_000_000); // the slow task, in its run time
    String prometheus = get("/metrics").body();
    assertThat(prometheus)
        .contains("carotene_world_responding{world=\"Routes\"} 1")
        .contains("carotene_server_world_tasks_total{world=\"Routes\"}")
        .contains("carotene_server_world_task_duration_seconds_bucket{world=\"Routes\",le=\"2.5\"}")
        .contains("carotene_server_world_task_duration_seconds_count{world=\"Routes\"}");
  }

  @Test
  void aSingleWorldServerReportsNoServerWorld() throws Exception {
    server = CaroteneServer.builder(new RoutesApplication(List.of()))
        .host("127.0.0.1").port(0).tokens(Tokens.withRandomSecret()).start();

    assertThat(json(get("/health")).has("serverWorld")).isFalse();
    assertThat(json(get("/metrics.json")).has("serverWorld")).isFalse();
  }
}
