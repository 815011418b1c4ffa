package io.carotene.runtime.metrics;

import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.room.ServerRoom;
import io.carotene.runtime.snapshot.SnapshotPublisher;
import io.carotene.runtime.wire.HttpResponses;
import io.carotene.runtime.world.WorldThread;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: 200 while every room ticks and the server world's thread keeps coming back
 * to its loop, 503 when one room's loop has not ticked for a while (a stuck world thread: every
 * room on it stalls) or the server world has been stuck in one task (a route that takes its
 * stores) for {@link #STALE_AFTER_NANOS}. For load balancers and orchestrators' liveness probes.
 * The body names the stalest room, and the server world's state.
 */
public final class HealthHandler implements HttpHandler {
  /** How long a world may go without a tick (or, without loops, without finishing a task): 2 s. */
  static final long STALE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final RoomManager rooms;
  private final WorldThread serverWorld;

  /** The rooms of {@code rooms} and the server world's thread {@code serverWorld} (null on a single world). */
  public HealthHandler(RoomManager rooms, WorldThread serverWorld) {
    this.rooms = rooms;
    this.serverWorld = serverWorld;
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
      long staleAfter = Math.max(STALE_AFTER_NANOS, 20 * period);
      long last = ticks.lastTickAtNanos();
      long since = now - (last == 0 ? room.createdAtNanos() : last);
      if (worstRoom == null || since > worstSince) {
        worstRoom = room.id();
        worstSince = since;
        tick = ticks.lastTickNumber();
      }
      ticking &= since <= staleAfter;
    }
    String server = "";
    if (serverWorld != null) {
      long since = serverWorld.nanosSinceProgress();
      boolean progressing = serverWorld.allProgressedWithin(STALE_AFTER_NANOS);
      ticking &= progressing;
      server = ",\"serverWorld\":{\"status\":\"" + (progressing ? "ok" : "stalled") + "\",\"msSinceProgress\":"
          + TimeUnit.NANOSECONDS.toMillis(Math.max(0, since)) + "}";
    }
    String body = "{\"status\":\"" + (ticking ? "ok" : "stalled") + "\",\"tick\":" + tick
        + ",\"msSinceTick\":" + TimeUnit.NANOSECONDS.toMillis(worstSince) + ",\"rooms\":" + rooms.roomCount()
        + (worstRoom == null ? "" : ",\"stalestRoom\":\"" + worstRoom + "\"") + server + "}";
    HttpResponses.json(exchange, ticking ? 200 : 503, body.getBytes(StandardCharsets.UTF_8));
  }
}
