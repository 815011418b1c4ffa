package io.carotene.runtime.metrics;

import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.room.ServerRoom;
import io.carotene.runtime.world.LoopStats;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * The world's figures as Prometheus metrics, read at scrape time from the counters the scheduler,
 * the socket and the publisher already keep (nothing is recorded per tick for Prometheus): the
 * loops' counters and histograms are copied on the world thread between ticks; a world thread
 * that does not answer within 2 s leaves them out and reports {@code carotene_world_responding 0}.
 * Every series has the label {@code world} (the domain) and, for loops, {@code loop}; the rooms of
 * a server are summed (counters) and merged (histograms), never labelled one by one, so the number
 * of series does not grow with the number of rooms.
 */
final class WorldCollector implements MultiCollector {
  /** Histogram bucket bounds, in seconds: around a 60 Hz tick, and the stalls. */
  private static final double[] BOUNDS = {
    0.0005, 0.001, 0.002, 0.004, 0.008, 0.012, 0.016, 0.020, 0.025, 0.033, 0.050, 0.100, 0.250, 0.5, 1, 2.5,
    Double.POSITIVE_INFINITY
  };

  private final String world;
  private final RoomManager rooms;

  WorldCollector(String world, RoomManager rooms) {
    this.world = world;
    this.rooms = rooms;
  }

  /** One loop's figures, summed over the rooms that run it; histograms merged. */
  private record Loop(String name, long ticks, long skipped, long overruns, long failures, Histogram durations, Histogram intervals) {
    Loop plus(Loop other) {
      Histogram durationsSum = durations.copy();
      durationsSum.add(other.durations);
      Histogram intervalsSum = intervals.copy();
      intervalsSum.add(other.intervals);
      return new Loop(name, ticks + other.ticks, skipped + other.skipped, overruns + other.overruns,
          failures + other.failures, durationsSum, intervalsSum);
    }
  }

  @Override
  public MetricSnapshots collect() {
    List<ServerRoom> all = rooms.rooms();
    Map<String, Loop> loops = new LinkedHashMap<>();
    boolean responding = true;
    long connections = 0;
    long slowClientsDropped = 0;
    long snapshotBytes = 0;
    for (ServerRoom room : all) {
      List<Loop> roomLoops = copyLoops(room);
      if (roomLoops == null) {
        responding = false;
      } else {
        roomLoops.forEach(loop -> loops.merge(loop.name(), loop, Loop::plus));
      }
      connections += room.socket().openConnections().size();
      slowClientsDropped += room.snapshots().slowClientsDropped();
      snapshotBytes = Math.max(snapshotBytes, room.snapshots().lastSnapshotBytes());
    }
    MetricSnapshots.Builder metrics = MetricSnapshots.builder();
    Labels worldLabel = Labels.of("world", world);
    metrics.metricSnapshot(gauge("carotene_world_responding", "1 when every room's world thread answered the scrape, 0 when one is stuck", worldLabel, responding ? 1 : 0));
    metrics.metricSnapshot(gauge("carotene_rooms", "Rooms alive", worldLabel, all.size()));
    metrics.metricSnapshot(gauge("carotene_connections", "WebSocket clients connected", worldLabel, connections));
    metrics.metricSnapshot(counter("carotene_slow_clients_dropped", "Clients closed (1008) because they stopped reading their snapshots", worldLabel, slowClientsDropped));
    metrics.metricSnapshot(gauge("carotene_snapshot_bytes", "Bytes of the largest last snapshot of a room", worldLabel, snapshotBytes));
    if (!loops.isEmpty()) {
      List<Loop> merged = new ArrayList<>(loops.values());
      metrics.metricSnapshot(loopCounter("carotene_ticks", "Ticks that ran", world, merged, Loop::ticks));
      metrics.metricSnapshot(loopCounter("carotene_ticks_skipped", "Ticks dropped because the loop fell too far behind", world, merged, Loop::skipped));
      metrics.metricSnapshot(loopCounter("carotene_tick_overruns", "Ticks whose run took longer than the period", world, merged, Loop::overruns));
      metrics.metricSnapshot(loopCounter("carotene_tick_failures", "Ticks whose loop body threw", world, merged, Loop::failures));
      metrics.metricSnapshot(histogram("carotene_tick_duration_seconds", "How long each tick's run took", world, merged, true));
      metrics.metricSnapshot(histogram("carotene_tick_interval_seconds", "Start-to-start time between consecutive ticks", world, merged, false));
    }
    return metrics.build();
  }

  /** {@code room}'s loops, copied on its world thread; null when it did not answer in 2 s or ended. */
  private static List<Loop> copyLoops(ServerRoom room) {
    WorldThread thread = room.thread();
    try {
      return thread.submit(() -> {
        List<Loop> loops = new ArrayList<>();
        for (LoopStats stats : thread.world().scheduler().stats()) {
          loops.add(new Loop(stats.loopName(), stats.ticks(), stats.skipped(), stats.overruns(), stats.failures(),
              stats.durationHistogram(), stats.intervalHistogram()));
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

  private static GaugeSnapshot gauge(String name, String help, Labels labels, double value) {
    return GaugeSnapshot.builder().name(name).help(help)
        .dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build()).build();
  }

  private static CounterSnapshot counter(String name, String help, Labels labels, double value) {
    return CounterSnapshot.builder().name(name).help(help)
        .dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value).build()).build();
  }

  private static CounterSnapshot loopCounter(String name, String help, String world, List<Loop> loops, ToLongFunction<Loop> value) {
    CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
    for (Loop loop : loops) {
      builder.dataPoint(CounterDataPointSnapshot.builder()
          .labels(Labels.of("loop", loop.name(), "world", world)).value(value.applyAsLong(loop)).build());
    }
    return builder.build();
  }

  private static HistogramSnapshot histogram(String name, String help, String world, List<Loop> loops, boolean durations) {
    HistogramSnapshot.Builder builder = HistogramSnapshot.builder().name(name).help(help);
    for (Loop loop : loops) {
      Histogram values = durations ? loop.durations() : loop.intervals();
      builder.dataPoint(HistogramDataPointSnapshot.builder()
          .labels(Labels.of("loop", loop.name(), "world", world))
          .classicHistogramBuckets(buckets(values))
          .sum(values.getMean() * values.getTotalCount() / 1e9) // HdrHistogram's 2-digit precision
          .build());
    }
    return builder.build();
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
