package io.carotene.runtime.metrics;

import io.carotene.runtime.snapshot.SnapshotPublisher;
import io.carotene.runtime.socket.GameSocket;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * The world's figures as Prometheus metrics, read at scrape time from the counters the scheduler,
 * the socket and the publisher already keep (nothing is recorded per tick for Prometheus): the
 * loops' counters and histograms are copied on the world thread between ticks; a world thread
 * that does not answer within 2 s leaves them out and reports {@code carotene_world_responding 0}.
 * Every series has the label {@code world} (the domain; the room type once worlds are rooms) and,
 * for loops, {@code loop}.
 */
final class WorldCollector implements MultiCollector {
  /** Histogram bucket bounds, in seconds: around a 60 Hz tick, and the stalls. */
  private static final double[] BOUNDS = {
    0.0005, 0.001, 0.002, 0.004, 0.008, 0.012, 0.016, 0.020, 0.025, 0.033, 0.050, 0.100, 0.250, 0.5, 1, 2.5,
    Double.POSITIVE_INFINITY
  };

  private final WorldThread worldThread;
  private final GameSocket socket;
  private final SnapshotPublisher snapshots;

  WorldCollector(WorldThread worldThread, GameSocket socket, SnapshotPublisher snapshots) {
    this.worldThread = worldThread;
    this.socket = socket;
    this.snapshots = snapshots;
  }

  /** One loop's figures, copied on the world thread. */
  private record Loop(String name, long ticks, long skipped, long overruns, long failures, Histogram durations, Histogram intervals) {}

  @Override
  public MetricSnapshots collect() {
    String world = worldThread.world().name();
    List<Loop> loops = copyLoops();
    MetricSnapshots.Builder all = MetricSnapshots.builder();
    Labels worldLabel = Labels.of("world", world);
    all.metricSnapshot(gauge("carotene_world_responding", "1 when the world thread answered the scrape, 0 when it is stuck", worldLabel, loops == null ? 0 : 1));
    all.metricSnapshot(gauge("carotene_connections", "WebSocket clients connected", worldLabel, socket.openConnections().size()));
    all.metricSnapshot(counter("carotene_slow_clients_dropped", "Clients closed (1008) because they stopped reading their snapshots", worldLabel, snapshots.slowClientsDropped()));
    all.metricSnapshot(gauge("carotene_snapshot_bytes", "Bytes of the last snapshot sent", worldLabel, snapshots.lastSnapshotBytes()));
    if (loops != null) {
      all.metricSnapshot(loopCounter("carotene_ticks", "Ticks that ran", world, loops, Loop::ticks));
      all.metricSnapshot(loopCounter("carotene_ticks_skipped", "Ticks dropped because the loop fell too far behind", world, loops, Loop::skipped));
      all.metricSnapshot(loopCounter("carotene_tick_overruns", "Ticks whose run took longer than the period", world, loops, Loop::overruns));
      all.metricSnapshot(loopCounter("carotene_tick_failures", "Ticks whose loop body threw", world, loops, Loop::failures));
      all.metricSnapshot(histogram("carotene_tick_duration_seconds", "How long each tick's run took", world, loops, true));
      all.metricSnapshot(histogram("carotene_tick_interval_seconds", "Start-to-start time between consecutive ticks", world, loops, false));
    }
    return all.build();
  }

  private List<Loop> copyLoops() {
    try {
      return worldThread.submit(() -> {
        List<Loop> loops = new ArrayList<>();
        for (LoopStats stats : worldThread.world().scheduler().stats()) {
          loops.add(new Loop(stats.loopName(), stats.ticks(), stats.skipped(), stats.overruns(), stats.failures(),
              stats.durationHistogram(), stats.intervalHistogram()));
        }
        return loops;
      }).get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return null; // stuck or stopped: the scrape still answers, without the loops
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
