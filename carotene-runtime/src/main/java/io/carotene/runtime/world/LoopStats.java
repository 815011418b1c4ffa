package io.carotene.runtime.world;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one loop's scheduler has counted. Read on the world thread, or through a snapshot taken
 * there; the fields are plain longs written only by the world thread.
 */
public final class LoopStats {
  private final String loopName;
  private final long periodNanos;
  long ticks;
  long skipped;
  long overruns;
  long failures;
  long lastDurationNanos;
  long maxDurationNanos;
  long totalDurationNanos;
  long lastLateNanos;
  long maxLateNanos;
  long lastStartNanos = Long.MIN_VALUE;
  /** Start-to-start times of consecutive ticks; 2 significant digits, up to a minute. */
  private final Histogram intervals = new Histogram(MAX_TRACKED_INTERVAL_NANOS, 2);
  /** How long each tick's run took; same precision and range. */
  private final Histogram durations = new Histogram(MAX_TRACKED_INTERVAL_NANOS, 2);
  /** How long the work after each tick took (snapshots, the journal's commit); same precision and range. */
  private final Histogram afterTicks = new Histogram(MAX_TRACKED_INTERVAL_NANOS, 2);
  long maxAfterTickNanos;
  long totalAfterTickNanos;

  private static final long MAX_TRACKED_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  LoopStats(String loopName, long periodNanos) {
    this.loopName = loopName;
    this.periodNanos = periodNanos;
  }

  public String loopName() {
    return loopName;
  }

  public long periodNanos() {
    return periodNanos;
  }

  /** Ticks that ran. */
  public long ticks() {
    return ticks;
  }

  /** Ticks dropped because the loop fell further behind than the catch-up bound. */
  public long skipped() {
    return skipped;
  }

  /** Ticks whose run took longer than the period. */
  public long overruns() {
    return overruns;
  }

  /** Ticks whose loop body threw. */
  public long failures() {
    return failures;
  }

  public long lastDurationNanos() {
    return lastDurationNanos;
  }

  public long maxDurationNanos() {
    return maxDurationNanos;
  }

  public long meanDurationNanos() {
    return ticks == 0 ? 0 : totalDurationNanos / ticks;
  }

  /**
   * The mean time the world thread spent after a tick on what follows it: encoding and handing
   * over the clients' snapshots and replies, committing the persisted stores' tick, writing a
   * recording's. Not part of the tick's duration (which is the game's loop body alone), but the
   * world thread's time all the same.
   */
  public long meanAfterTickNanos() {
    long count = afterTicks.getTotalCount();
    return count == 0 ? 0 : totalAfterTickNanos / count;
  }

  /** The longest time the work after a tick took (see {@link #meanAfterTickNanos}). */
  public long maxAfterTickNanos() {
    return maxAfterTickNanos;
  }

  /** How late the last tick started after its grid time. */
  public long lastLateNanos() {
    return lastLateNanos;
  }

  public long maxLateNanos() {
    return maxLateNanos;
  }

  void record(long durationNanos, long lateNanos) {
    ticks++;
    durations.recordValue(Math.min(Math.max(0, durationNanos), MAX_TRACKED_INTERVAL_NANOS));
    lastDurationNanos = durationNanos;
    totalDurationNanos += durationNanos;
    if (durationNanos > maxDurationNanos) {
      maxDurationNanos = durationNanos;
    }
    if (durationNanos > periodNanos) {
      overruns++;
    }
    lastLateNanos = lateNanos;
    if (lateNanos > maxLateNanos) {
      maxLateNanos = lateNanos;
    }
  }

  /** Records how long the work after a tick took (allocation-free). */
  void recordAfterTick(long durationNanos) {
    long nanos = Math.max(0, durationNanos);
    afterTicks.recordValue(Math.min(nanos, MAX_TRACKED_INTERVAL_NANOS));
    totalAfterTickNanos += nanos;
    if (nanos > maxAfterTickNanos) {
      maxAfterTickNanos = nanos;
    }
  }

  /** Records the time from the previous tick's start to this one's (allocation-free). */
  void recordStart(long startNanos) {
    if (lastStartNanos != Long.MIN_VALUE) {
      intervals.recordValue(Math.min(Math.max(0, startNanos - lastStartNanos), MAX_TRACKED_INTERVAL_NANOS));
    }
    lastStartNanos = startNanos;
  }

  /**
   * The given percentile (0–100) of the start-to-start interval between consecutive ticks, in
   * nanoseconds, to 2 significant digits; 0 before two ticks ran. On a steady grid it is the
   * period; jitter and stalls show in the high percentiles.
   */
  public long intervalPercentileNanos(double percentile) {
    return intervals.getValueAtPercentile(percentile);
  }

  /** The longest start-to-start interval between consecutive ticks, in nanoseconds. */
  public long maxIntervalNanos() {
    return intervals.getMaxValue();
  }

  /**
   * Every start-to-start interval recorded so far (nanoseconds), as HdrHistogram's compressed
   * encoding in base64. Counts only grow, so a reader can subtract an earlier reading from a later
   * one ({@code Histogram.subtract}) to get the intervals of the time between them. Allocates: for
   * the metrics endpoint, not the tick.
   */
  public String intervalHistogramBase64() {
    return base64(intervals);
  }

  private static String base64(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }

  /**
   * A copy of every start-to-start interval recorded so far (nanoseconds), for a reader off the
   * world thread. Allocates: take it on the world thread at scrape time, never per tick.
   */
  public Histogram intervalHistogram() {
    return intervals.copy();
  }

  /** A copy of every tick's run time recorded so far (nanoseconds); see {@link #intervalHistogram}. */
  public Histogram durationHistogram() {
    return durations.copy();
  }

  /**
   * A copy of the time the work after each tick took so far (nanoseconds; see {@link
   * #meanAfterTickNanos}); allocates, as {@link #intervalHistogram} does.
   */
  public Histogram afterTickHistogram() {
    return afterTicks.copy();
  }

  /** {@link #afterTickHistogram} in HdrHistogram's compressed encoding, base64; see {@link #intervalHistogramBase64}. */
  public String afterTickHistogramBase64() {
    return base64(afterTicks);
  }

  @Override
  public String toString() {
    return loopName
        + "[ticks="
        + ticks
        + ", skipped="
        + skipped
        + ", overruns="
        + overruns
        + ", maxDuration="
        + maxDurationNanos / 1000
        + "us, maxLate="
        + maxLateNanos / 1000
        + "us]";
  }
}
