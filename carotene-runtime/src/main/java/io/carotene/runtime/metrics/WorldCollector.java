package io.carotene.runtime.metrics;

import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.room.ServerRoom;
import io.carotene.runtime.socket.Traffic;
import io.carotene.runtime.world.LoopStats;
import io.carotene.runtime.world.TaskStats;
import io.carotene.runtime.world.WorldThread;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * The server's figures as Prometheus metrics, read at scrape time from the counters the scheduler,
 * the sockets, the publisher and {@link RoomCounters} already keep (nothing is recorded per tick for
 * Prometheus): the loops' counters and histograms are copied on the world thread between ticks; a
 * world thread that does not answer within 2 s leaves them out and reports {@code
 * carotene_world_responding 0}. Every series has the label {@code world} (the domain); the room
 * figures and the loops have {@code room_type} (a single world's type is the domain's name), the
 * loops {@code loop}. The rooms of a type are summed (counters, with the rooms that ended) and
 * merged (histograms), never labelled one by one, so the number of series does not grow with the
 * number of rooms. A server of rooms' server world, which runs no loop, has its tasks (the routes
 * that take its stores) as {@code carotene_server_world_tasks} and {@code
 * carotene_server_world_task_duration_seconds}, read without asking its thread; a server world
 * stuck in one task for 2 s makes {@code carotene_world_responding} 0 as a stuck room does.
 */
final class WorldCollector implements MultiCollector {
  /** Histogram bucket bounds, in seconds: around a 60 Hz tick, and the stalls. */
  private static final double[] BOUNDS = {
    0.0005, 0.001, 0.002, 0.004, 0.008, 0.012, 0.016, 0.020, 0.025, 0.033, 0.050, 0.100, 0.250, 0.5, 1, 2.5,
    Double.POSITIVE_INFINITY
  };

  private final String world;
  private final RoomManager rooms;
  private final WorldThread serverWorld;
  private final RoomCounters counters;

  WorldCollector(String world, RoomManager rooms, WorldThread serverWorld, RoomCounters counters) {
    this.world = world;
    this.rooms = rooms;
    this.serverWorld = serverWorld;
    this.counters = counters;
  }

  @Override
  public MetricSnapshots collect() {
    Map<String, Map<String, LoopTotals>> loops = counters.endedLoops(); // read first: a room ending now is never counted twice
    List<ServerRoom> all = rooms.rooms();
    Map<String, long[]> live = new TreeMap<>(); // room type -> [rooms, players]
    boolean responding = true;
    long connections = 0;
    long slowClientsDropped = 0;
    long snapshotBytes = 0;
    for (ServerRoom room : all) {
      List<LoopTotals> roomLoops = copyLoops(room);
      if (roomLoops == null) {
        responding = false;
      } else {
        Map<String, LoopTotals> ofType = loops.computeIfAbsent(room.type(), unused -> new TreeMap<>());
        roomLoops.forEach(loop -> ofType.merge(loop.name(), loop, LoopTotals::plus));
      }
      long[] figures = live.computeIfAbsent(room.type(), unused -> new long[2]);
      figures[0]++;
      figures[1] += room.clients();
      connections += room.socket().openConnections().size();
      slowClientsDropped += room.snapshots().slowClientsDropped();
      snapshotBytes = Math.max(snapshotBytes, room.snapshots().lastSnapshotBytes());
    }
    Traffic traffic = rooms.traffic();
    MetricSnapshots.Builder metrics = MetricSnapshots.builder();
    Labels worldLabel = Labels.of("world", world);
    if (serverWorld != null) {
      responding &= serverWorld.allProgressedWithin(HealthHandler.STALE_AFTER_NANOS);
      TaskStats tasks = serverWorld.taskStats();
      if (tasks != null) {
        Histogram durations = tasks.durationHistogram();
        metrics.metricSnapshot(counter("carotene_server_world_tasks", "Tasks the server world ran (the routes that take its stores)", worldLabel, durations.getTotalCount()));
        metrics.metricSnapshot(HistogramSnapshot.builder().name("carotene_server_world_task_duration_seconds")
            .help("How long each server world task took on its thread")
            .dataPoint(HistogramDataPointSnapshot.builder().labels(worldLabel).classicHistogramBuckets(buckets(durations))
                .sum(durations.getMean() * durations.getTotalCount() / 1e9).build())
            .build());
      }
    }
    metrics.metricSnapshot(gauge("carotene_world_responding", "1 when every room's world thread answered the scrape and the server world's is not stuck, 0 when one is", worldLabel, responding ? 1 : 0));
    metrics.metricSnapshot(gauge("carotene_rooms", "Rooms alive", worldLabel, all.size()));
    metrics.metricSnapshot(gauge("carotene_connections", "WebSocket clients connected", worldLabel, connections));
    metrics.metricSnapshot(counter("carotene_slow_clients_dropped", "Clients closed (1008) because they stopped reading their snapshots", worldLabel, slowClientsDropped));
    metrics.metricSnapshot(gauge("carotene_snapshot_bytes", "Bytes of the largest last snapshot of a room", worldLabel, snapshotBytes));
    metrics.metricSnapshot(counter("carotene_sent_bytes", "Payload bytes written to clients (snapshots, replies, errors)", worldLabel, traffic.bytesSent()));
    CounterSnapshot.Builder rejections = CounterSnapshot.builder().name("carotene_rejections")
        .help("Requests refused, by kind (call: a call on a connection; join: matchmaking or a seat's handshake) and error code");
    traffic.rejections().forEach((kind, codes) -> codes.forEach((code, count) -> rejections.dataPoint(
        CounterDataPointSnapshot.builder().labels(Labels.of("code", code, "kind", kind, "world", world)).value(count).build())));
    metrics.metricSnapshot(rejections.build());
    metrics.metricSnapshot(perType(GaugeSnapshot.builder().name("carotene_type_rooms").help("Rooms alive, by room type"), live, 0));
    metrics.metricSnapshot(perType(GaugeSnapshot.builder().name("carotene_type_players").help("Seats taken (connected, reserved or within their reconnection grace), by room type"), live, 1));
    metrics.metricSnapshot(typeCounter("carotene_rooms_created", "Rooms created, by room type", counters.created()));
    metrics.metricSnapshot(typeCounter("carotene_rooms_ended", "Rooms ended, by room type", counters.ended()));
    metrics.metricSnapshot(typeCounter("carotene_joins", "Players who joined a room, by room type", counters.joins()));
    CounterSnapshot.Builder leaves = CounterSnapshot.builder().name("carotene_leaves").help("Players who left a room, by room type and reason");
    counters.leaves().forEach((key, count) -> leaves.dataPoint(CounterDataPointSnapshot.builder()
        .labels(Labels.of("reason", key.get(1), "room_type", key.get(0), "world", world)).value(count).build()));
    metrics.metricSnapshot(leaves.build());
    if (!loops.isEmpty()) {
      metrics.metricSnapshot(loopCounter("carotene_ticks", "Ticks that ran", loops, LoopTotals::ticks));
      metrics.metricSnapshot(loopCounter("carotene_ticks_skipped", "Ticks dropped because the loop fell too far behind", loops, LoopTotals::skipped));
      metrics.metricSnapshot(loopCounter("carotene_tick_overruns", "Ticks whose run took longer than the period", loops, LoopTotals::overruns));
      metrics.metricSnapshot(loopCounter("carotene_tick_failures", "Ticks whose loop body threw", loops, LoopTotals::failures));
      metrics.metricSnapshot(histogram("carotene_tick_duration_seconds", "How long each tick's run took", loops, LoopTotals::durations));
      metrics.metricSnapshot(histogram("carotene_after_tick_duration_seconds",
          "How long the world thread's work after each tick took: snapshots encoded and handed over, persisted stores committed, a recording written",
          loops, LoopTotals::afterTicks));
      metrics.metricSnapshot(histogram("carotene_tick_interval_seconds", "Start-to-start time between consecutive ticks", loops, LoopTotals::intervals));
    }
    return metrics.build();
  }

  /** {@code room}'s loops, copied on its world thread; null when it did not answer in 2 s or ended. */
  private static List<LoopTotals> copyLoops(ServerRoom room) {
    WorldThread thread = room.thread();
    try {
      return thread.submit(() -> {
        List<LoopTotals> loops = new ArrayList<>();
        for (LoopStats stats : thread.world().scheduler().stats()) {
          loops.add(LoopTotals.of(stats));
        }
        return loops;
      }).get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return null; // stuck, stopped or ended: the scrape still answers, without its loops
    }
  }

  private GaugeSnapshot perType(GaugeSnapshot.Builder builder, Map<String, long[]> live, int figure) {
    live.forEach((type, figures) -> builder.dataPoint(GaugeDataPointSnapshot.builder()
        .labels(Labels.of("room_type", type, "world", world)).value(figures[figure]).build()));
    return builder.build();
  }

  private CounterSnapshot typeCounter(String name, String help, Map<String, Long> counts) {
    CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
    counts.forEach((type, count) -> builder.dataPoint(CounterDataPointSnapshot.builder()
        .labels(Labels.of("room_type", type, "world", world)).value(count).build()));
    return builder.build();
  }

  private static GaugeSnapshot gauge(String name, String help, Labels labels, double value) {
    return GaugeSnapshot.builder().name(name).help(help)
        .dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build()).build();
  }

  private static CounterSnapshot counter(String name, String help, Labels labels, double value) {
    return CounterSnapshot.builder().name(name).help(help)
        .dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value).build()).build();
  }

  private CounterSnapshot loopCounter(String name, String help, Map<String, Map<String, LoopTotals>> loops, ToLongFunction<LoopTotals> value) {
    CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
    loops.forEach((type, ofType) -> ofType.values().forEach(loop -> builder.dataPoint(CounterDataPointSnapshot.builder()
        .labels(loopLabels(type, loop)).value(value.applyAsLong(loop)).build())));
    return builder.build();
  }

  private HistogramSnapshot histogram(String name, String help, Map<String, Map<String, LoopTotals>> loops, Function<LoopTotals, Histogram> nanos) {
    HistogramSnapshot.Builder builder = HistogramSnapshot.builder().name(name).help(help);
    loops.forEach((type, ofType) -> ofType.values().forEach(loop -> {
      Histogram values = nanos.apply(loop);
      builder.dataPoint(HistogramDataPointSnapshot.builder()
          .labels(loopLabels(type, loop))
          .classicHistogramBuckets(buckets(values))
          .sum(values.getMean() * values.getTotalCount() / 1e9) // HdrHistogram's 2-digit precision
          .build());
    }));
    return builder.build();
  }

  private Labels loopLabels(String type, LoopTotals loop) {
    return Labels.of("loop", loop.name(), "room_type", type, "world", world);
  }

  /** Per-bucket (not cumulative) counts at {@link #BOUNDS}, from the nanosecond histogram. */
  static ClassicHistogramBuckets buckets(Histogram nanos) {
    long[] counts = new long[BOUNDS.length];
    long below = 0;
    for (int i = 0; i < BOUNDS.length; i++) {
      long upTo = Double.isInfinite(BOUNDS[i]) ? nanos.getTotalCount()
          : nanos.getCountBetweenValues(0, (long) (BOUNDS[i] * 1e9));
      counts[i] = upTo - below;
      below = upTo;
    }
    return ClassicHistogramBuckets.of(BOUNDS, counts);
  }
}
