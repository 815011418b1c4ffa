package io.carotene.runtime.world;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * How long each task of a world without loops took on its thread (a server of rooms' server world:
 * its tasks are the routes that take its stores), as {@link LoopStats} counts a room's ticks.
 * Recorded by the world thread; read from any thread (a scrape must see a stuck task's world too,
 * without asking its thread), so every access holds this object's lock, which only the world
 * thread and a scrape ever take.
 */
public final class TaskStats {
  private static final long MAX_TRACKED_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** 2 significant digits, up to a minute, as the loops' histograms. */
  private final Histogram durations = new Histogram(MAX_TRACKED_NANOS, 2);
  private long tasks;
  private long totalNanos;
  private long maxNanos;
  /** {@code System.nanoTime()} when the running task started; 0 between tasks. */
  private volatile long runningSinceNanos;

  void started(long nanos) {
    runningSinceNanos = nanos == 0 ? 1 : nanos;
  }

  synchronized void finished(long nanos) {
    long duration = Math.max(0, nanos - runningSinceNanos);
    runningSinceNanos = 0;
    tasks++;
    totalNanos += duration;
    maxNanos = Math.max(maxNanos, duration);
    durations.recordValue(Math.min(duration, MAX_TRACKED_NANOS));
  }

  /** Tasks that ran to their end. */
  public synchronized long tasks() {
    return tasks;
  }

  public synchronized long meanNanos() {
    return tasks == 0 ? 0 : totalNanos / tasks;
  }

  /** The longest task that ended so far. */
  public synchronized long maxNanos() {
    return maxNanos;
  }

  /** How long the task running now has run, at {@code nowNanos} ({@code System.nanoTime()}); 0 when none is. */
  public long runningNanos(long nowNanos) {
    long since = runningSinceNanos;
    return since == 0 ? 0 : Math.max(0, nowNanos - since);
  }

  /** A copy of every ended task's run time (nanoseconds), for a scrape; allocates. */
  public synchronized Histogram durationHistogram() {
    return durations.copy();
  }
}
