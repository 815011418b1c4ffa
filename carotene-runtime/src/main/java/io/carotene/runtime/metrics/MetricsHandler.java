package io.carotene.runtime.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.room.ServerRoom;
import io.carotene.runtime.wire.HttpResponses;
import io.carotene.runtime.wire.Json;
import io.carotene.runtime.world.LoopStats;
import io.carotene.runtime.world.TaskStats;
import io.carotene.runtime.world.WorldThread;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * {@code GET /metrics.json}: the world's loops as their scheduler counted them (ticks, skipped ticks,
 * overruns, durations, lateness and start-to-start interval percentiles), connections and slow clients dropped, as JSON, per room
 * ({@code rooms[]}: id, type, world thread, clients, loops); a single-world server's loops are also
 * at the top level. The counters are copied on each room's thread, between its ticks. A server of
 * rooms also reports its server world ({@code serverWorld}: its thread, whether it is responding,
 * how long since it last came back to its loop, how long the task it runs now has run, and its
 * tasks' run times, the routes that take its stores, as a room reports its ticks); these are read
 * without asking its thread, so a stuck server world still shows.
 */
public final class MetricsHandler implements HttpHandler {
  private final String domain;
  private final RoomManager rooms;
  private final WorldThread serverWorld;

  /** The rooms of {@code rooms} and the server world's thread {@code serverWorld} (null on a single world). */
  public MetricsHandler(String domain, RoomManager rooms, WorldThread serverWorld) {
    this.domain = domain;
    this.rooms = rooms;
    this.serverWorld = serverWorld;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    List<ServerRoom> all = rooms.rooms();
    List<CompletableFuture<ArrayNode>> loops = new ArrayList<>();
    for (ServerRoom room : all) {
      loops.add(room.thread().submit(() -> loopsOf(room)));
    }
    ServerRoom single = rooms.defaultRoom();
    int connections = 0;
    long slow = 0;
    for (ServerRoom room : all) {
      connections += room.socket().openConnections().size();
      slow += room.snapshots().slowClientsDropped();
    }
    ObjectNode body = Json.MAPPER.createObjectNode()
        .put("world", domain)
        .put("connections", connections)
        .put("slowClientsDropped", slow)
        .put("lastSnapshotBytes", single == null ? 0 : single.snapshots().lastSnapshotBytes())
        .put("worldThreads", rooms.hosts().length);
    if (serverWorld != null) {
      putServerWorld(body.putObject("serverWorld"), serverWorld);
    }
    ArrayNode roomsJson = body.putArray("rooms");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    try {
      for (int i = 0; i < all.size(); i++) {
        ServerRoom room = all.get(i);
        ArrayNode roomLoops;
        try {
          roomLoops = loops.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException ended) {
          continue; // the room ended meanwhile
        }
        roomsJson.addObject()
            .put("id", room.id())
            .put("type", room.type())
            .put("thread", room.thread().host().name())
            .put("clients", room.clients())
            .put("connections", room.socket().openConnections().size())
            .put("lastSnapshotBytes", room.snapshots().lastSnapshotBytes())
            .set("loops", roomLoops);
        if (room == single) {
          body.set("loops", roomLoops); // a single-world server's loops, where they always were
        }
      }
    } catch (TimeoutException e) {
      loops.forEach(pending -> pending.cancel(false));
      HttpResponses.error(exchange, 503, "INTERNAL", "The world did not answer in time");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      HttpResponses.error(exchange, 503, "INTERNAL", "The server is stopping");
      return;
    }
    HttpResponses.json(exchange, 200, Json.MAPPER.writeValueAsBytes(body));
  }

  /** The server world's figures, read off its thread (its task figures are kept under a lock). */
  private static void putServerWorld(ObjectNode into, WorldThread thread) {
    into.put("thread", thread.host().name())
        .put("responding", thread.allProgressedWithin(HealthHandler.STALE_AFTER_NANOS))
        .put("msSinceProgress", TimeUnit.NANOSECONDS.toMillis(Math.max(0, thread.nanosSinceProgress())));
    TaskStats tasks = thread.taskStats();
    if (tasks == null) {
      return;
    }
    Histogram durations = tasks.durationHistogram();
    into.put("runningTaskMicros", tasks.runningNanos(System.nanoTime()) / 1000)
        .put("tasks", tasks.tasks())
        .put("meanTaskMicros", tasks.meanNanos() / 1000)
        .put("maxTaskMicros", tasks.maxNanos() / 1000)
        .put("taskP50Micros", durations.getValueAtPercentile(50) / 1000)
        .put("taskP99Micros", durations.getValueAtPercentile(99) / 1000)
        .put("taskHistogram", base64(durations));
  }

  private static String base64(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }

  /** On the room's thread: its loops' counters. */
  private static ArrayNode loopsOf(ServerRoom room) {
    ArrayNode all = Json.MAPPER.createArrayNode();
    for (LoopStats stats : room.domainWorld().scheduler().stats()) {
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
          .put("meanAfterTickMicros", stats.meanAfterTickNanos() / 1000)
          .put("maxAfterTickMicros", stats.maxAfterTickNanos() / 1000)
          .put("afterTickHistogram", stats.afterTickHistogramBase64())
          .put("lastLateMicros", stats.lastLateNanos() / 1000)
          .put("maxLateMicros", stats.maxLateNanos() / 1000)
          .put("intervalP50Micros", stats.intervalPercentileNanos(50) / 1000)
          .put("intervalP99Micros", stats.intervalPercentileNanos(99) / 1000)
          .put("intervalMaxMicros", stats.maxIntervalNanos() / 1000)
          .put("intervalHistogram", stats.intervalHistogramBase64());
    }
    return all;
  }
}
