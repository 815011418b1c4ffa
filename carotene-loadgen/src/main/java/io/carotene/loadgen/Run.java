package io.carotene.loadgen;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What all bots share: the options, the measured window, and the histograms and counters they
 * record into from any thread. Latencies and intervals are recorded in microseconds.
 */
final class Run {
  private static final long MAX_MICROS = 60_000_000L;

  final Options options;
  /** Set when {@code --calls binary} finds the server's schema does not list the layout it writes. */
  volatile String schemaProblem;
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;
  private volatile boolean stopping;

  final Histogram ackLatencyMicros = new ConcurrentHistogram(MAX_MICROS, 3);
  final Histogram snapshotIntervalMicros = new ConcurrentHistogram(MAX_MICROS, 3);
  final Histogram sendLagMicros = new ConcurrentHistogram(MAX_MICROS, 3);
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> windowErrors = new ConcurrentHashMap<>();
  final LongAdder cheatsRejected = new LongAdder();
  final LongAdder cheatsAccepted = new LongAdder();

  Run(Options options) {
    this.options = options;
  }

  void openWindow(long start, long end) {
    windowEnd = end;
    windowStart = start;
  }

  boolean inWindow(long nanos) {
    return nanos >= windowStart && nanos < windowEnd;
  }

  void stop() {
    stopping = true;
  }

  boolean stopping() {
    return stopping;
  }

  void ackLatency(long nanos) {
    ackLatencyMicros.recordValue(Math.min(MAX_MICROS, nanos / 1000));
  }

  void snapshotInterval(long nanos) {
    snapshotIntervalMicros.recordValue(Math.min(MAX_MICROS, nanos / 1000));
  }

  /** The pacer sent a slot at {@code now}, {@code lagNanos} after the slot's grid time. */
  void sendLag(long now, long lagNanos) {
    if (inWindow(now)) {
      sendLagMicros.recordValue(Math.min(MAX_MICROS, lagNanos / 1000));
    }
  }

  void error(String code) {
    errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    if (inWindow(System.nanoTime())) {
      windowErrors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }
  }

  void cheatRejected() {
    cheatsRejected.increment();
  }

  void cheatAccepted() {
    cheatsAccepted.increment();
  }

  /** Every error of the run (warm-up and the end included), by code. */
  Map<String, Long> errors() {
    return sums(errors);
  }

  /** The errors of the measured window, by code. */
  Map<String, Long> windowErrors() {
    return sums(windowErrors);
  }

  private static Map<String, Long> sums(Map<String, LongAdder> counts) {
    Map<String, Long> all = new TreeMap<>();
    counts.forEach((code, count) -> all.put(code, count.sum()));
    return all;
  }
}
