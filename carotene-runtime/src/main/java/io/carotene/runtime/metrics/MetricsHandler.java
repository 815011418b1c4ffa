package io.carotene.runtime.metrics;

import io.carotene.runtime.wire.HttpResponses;
import io.carotene.runtime.socket.GameSocket;
import io.carotene.runtime.snapshot.SnapshotPublisher;
import io.carotene.runtime.wire.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carotene.runtime.world.LoopStats;
import io.carotene.runtime.world.WorldThread;
import io.carotene.runtime.http.WorldAnswer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code GET /metrics.json}: the world's loops as their scheduler counted them (ticks, skipped ticks,
 * overruns, durations, lateness and start-to-start interval percentiles), connections and slow clients dropped, as JSON. The counters
 * are copied on the world thread, between ticks.
 */
public final class MetricsHandler implements HttpHandler {
  private final WorldThread worldThread;
  private final GameSocket socket;
  private final SnapshotPublisher snapshots;

  public MetricsHandler(WorldThread worldThread, GameSocket socket, SnapshotPublisher snapshots) {
    this.worldThread = worldThread;
    this.socket = socket;
    this.snapshots = snapshots;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    CompletableFuture<ArrayNode> loops = worldThread.submit(() -> {
      ArrayNode all = Json.MAPPER.createArrayNode();
      for (LoopStats stats : worldThread.world().scheduler().stats()) {
        all.addObject()
            .put("name", stats.loopName())
            .put("periodMicros", stats.periodNanos() / 1000)
            .put("ticks", stats.ticks())
            .put("skipped", stats.skipped())
            .put("overruns", stats.overruns())
            .put("failures", stats.failures())
            .put("meanDurationMicros", stats.meanDurationNanos() / 1000)
            .put("meanDurationNanos", stats.meanDurationNanos())
            .put("maxDurationMicros", stats.maxDurationNanos() / 1000)
            .put("lastLateMicros", stats.lastLateNanos() / 1000)
            .put("maxLateMicros", stats.maxLateNanos() / 1000)
            .put("intervalP50Micros", stats.intervalPercentileNanos(50) / 1000)
            .put("intervalP99Micros", stats.intervalPercentileNanos(99) / 1000)
            .put("intervalMaxMicros", stats.maxIntervalNanos() / 1000)
            .put("intervalHistogram", stats.intervalHistogramBase64());
      }
      return all;
    });
    ObjectNode body = Json.MAPPER.createObjectNode()
        .put("world", worldThread.world().name())
        .put("connections", socket.openConnections().size())
        .put("slowClientsDropped", snapshots.slowClientsDropped())
        .put("lastSnapshotBytes", snapshots.lastSnapshotBytes());
    try {
      ArrayNode answered = WorldAnswer.await(exchange, loops, 2);
      if (answered == null) {
        return; // answered 503
      }
      body.set("loops", answered);
    } catch (ExecutionException e) {
      HttpResponses.error(exchange, 503, "INTERNAL", "The world could not list its loops");
      return;
    }
    HttpResponses.json(exchange, 200, Json.MAPPER.writeValueAsBytes(body));
  }
}
