package io.carotene.runtime.metrics;

import io.carotene.runtime.snapshot.SnapshotPublisher;
import io.carotene.runtime.wire.HttpResponses;
import io.carotene.runtime.world.WorldThread;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: 200 while the world ticks, 503 when its loop has not ticked for a while
 * (a stuck or stopped world). For load balancers and orchestrators' liveness probes.
 */
public final class HealthHandler implements HttpHandler {
  private final SnapshotPublisher ticks;
  private final long staleAfterNanos;
  private final long startedAtNanos = System.nanoTime();

  public HealthHandler(WorldThread worldThread, SnapshotPublisher ticks) {
    this.ticks = ticks;
    String loop = ticks.snapshotLoop();
    long period = loop == null ? 0 : worldThread.world().scheduler().periodNanos(loop);
    this.staleAfterNanos = Math.max(TimeUnit.SECONDS.toNanos(2), 20 * period);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    long last = ticks.lastTickAtNanos();
    long since = System.nanoTime() - (last == 0 ? startedAtNanos : last);
    boolean ticking = ticks.snapshotLoop() == null || since <= staleAfterNanos;
    String body =
        "{\"status\":\"" + (ticking ? "ok" : "stalled") + "\",\"tick\":" + ticks.lastTickNumber()
            + ",\"msSinceTick\":" + TimeUnit.NANOSECONDS.toMillis(since) + "}";
    HttpResponses.json(exchange, ticking ? 200 : 503, body.getBytes(StandardCharsets.UTF_8));
  }
}
