package io.carotene.runtime.metrics;

import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.room.ServerRoom;
import io.carotene.runtime.snapshot.SnapshotPublisher;
import io.carotene.runtime.wire.HttpResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: 200 while every room ticks, 503 when one room's loop has not ticked for a
 * while (a stuck world thread: every room on it stalls). For load balancers and orchestrators'
 * liveness probes. The body names the stalest room.
 */
public final class HealthHandler implements HttpHandler {
  private final RoomManager rooms;

  public HealthHandler(RoomManager rooms) {
    this.rooms = rooms;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    long now = System.nanoTime();
    boolean ticking = true;
    String worstRoom = null;
    long worstSince = 0;
    long tick = 0;
    for (ServerRoom room : rooms.rooms()) {
      SnapshotPublisher ticks = room.snapshots();
      String loop = ticks.snapshotLoop();
      if (loop == null) {
        continue;
      }
      long period = room.domainWorld().scheduler().periodNanos(loop);
      long staleAfter = Math.max(TimeUnit.SECONDS.toNanos(2), 20 * period);
      long last = ticks.lastTickAtNanos();
      long since = now - (last == 0 ? room.createdAtNanos() : last);
      if (worstRoom == null || since > worstSince) {
        worstRoom = room.id();
        worstSince = since;
        tick = ticks.lastTickNumber();
      }
      ticking &= since <= staleAfter;
    }
    String body = "{\"status\":\"" + (ticking ? "ok" : "stalled") + "\",\"tick\":" + tick
        + ",\"msSinceTick\":" + TimeUnit.NANOSECONDS.toMillis(worstSince) + ",\"rooms\":" + rooms.roomCount()
        + (worstRoom == null ? "" : ",\"stalestRoom\":\"" + worstRoom + "\"") + "}";
    HttpResponses.json(exchange, ticking ? 200 : 503, body.getBytes(StandardCharsets.UTF_8));
  }
}
