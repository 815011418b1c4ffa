package io.carotene.runtime.metrics;

import io.carotene.runtime.world.LoopStats;
import org.HdrHistogram.Histogram;

/** One loop's figures, summed over rooms (counters added, histograms merged); never changed once made. */
record LoopTotals(String name, long ticks, long skipped, long overruns, long failures, Histogram durations, Histogram intervals,
    Histogram afterTicks) {
  /** {@code stats} as they are now; on the loop's world thread (the histograms are copied there). */
  static LoopTotals of(LoopStats stats) {
    return new LoopTotals(stats.loopName(), stats.ticks(), stats.skipped(), stats.overruns(), stats.failures(),
        stats.durationHistogram(), stats.intervalHistogram(), stats.afterTickHistogram());
  }

  LoopTotals plus(LoopTotals other) {
    Histogram durationsSum = durations.copy();
    durationsSum.add(other.durations);
    Histogram intervalsSum = intervals.copy();
    intervalsSum.add(other.intervals);
    Histogram afterTicksSum = afterTicks.copy();
    afterTicksSum.add(other.afterTicks);
    return new LoopTotals(name, ticks + other.ticks, skipped + other.skipped, overruns + other.overruns,
        failures + other.failures, durationsSum, intervalsSum, afterTicksSum);
  }
}
