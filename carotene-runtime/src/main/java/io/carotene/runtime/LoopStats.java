package io.carotene.runtime;

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
  long lastDurationNanos;
  long maxDurationNanos;
  long totalDurationNanos;
  long lastLateNanos;
  long maxLateNanos;

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

  public long lastDurationNanos() {
    return lastDurationNanos;
  }

  public long maxDurationNanos() {
    return maxDurationNanos;
  }

  public long meanDurationNanos() {
    return ticks == 0 ? 0 : totalDurationNanos / ticks;
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
