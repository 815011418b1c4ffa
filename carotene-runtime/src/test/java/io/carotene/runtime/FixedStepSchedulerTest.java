package io.carotene.runtime;

import io.carotene.runtime.world.FixedStepScheduler;
import io.carotene.runtime.world.LoopStats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.internal.LoopRegistration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FixedStepSchedulerTest {
  static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  /** A clock the test sets by hand; a loop body may move it to simulate a slow tick. */
  static final class ManualClock implements Clock {
    long now;

    @Override
    public long nanoTime() {
      return now;
    }
  }

  final ManualClock clock = new ManualClock();
  final List<String> runs = new ArrayList<>();

  LoopRegistration recording(String name, long periodNanos) {
    return new LoopRegistration(name, periodNanos, tick -> runs.add(name + "#" + tick.number() + "@" + tick.scheduledNanos() / MS));
  }

  @Test
  void ticksFallOnTheGridEvenWhenEachRunStartsLate() {
    FixedStepScheduler scheduler = new FixedStepScheduler(clock, List.of(recording("A", 16 * MS)), 4);
    scheduler.start();

    // Wake up 3 ms late every time: the grid must not slide by 3 ms per tick.
    for (int i = 1; i <= 5; i++) {
      clock.now = i * 16 * MS + 3 * MS;
      scheduler.runDue();
    }

    assertThat(runs).containsExactly("A#1@16", "A#2@32", "A#3@48", "A#4@64", "A#5@80");
    assertThat(scheduler.nextDueNanos()).isEqualTo(96 * MS);
    assertThat(scheduler.stats("A").intervalPercentileNanos(99)).isBetween(15_900_000L, 16_100_000L);
    assertThat(scheduler.stats("A").maxLateNanos()).isEqualTo(3 * MS);
  }

  @Test
  void aLateLoopCatchesUpToTheBoundAndSkipsTheRest() {
    FixedStepScheduler scheduler = new FixedStepScheduler(clock, List.of(recording("A", 10 * MS)), 2);
    scheduler.start();

    // 100 ms pass with no run: ticks at 10..100 are due, ten of them.
    clock.now = 100 * MS;
    int ran = scheduler.runDue();

    assertThat(ran).isEqualTo(3); // the bound: one tick plus two caught up
    assertThat(runs).containsExactly("A#8@80", "A#9@90", "A#10@100");
    assertThat(scheduler.stats("A").skipped()).isEqualTo(7);
    assertThat(scheduler.nextDueNanos()).isEqualTo(110 * MS);
  }

  @Test
  void loopsDueAtTheSameTimeRunEarliestFirstThenInDeclarationOrder() {
    FixedStepScheduler scheduler =
        new FixedStepScheduler(clock, List.of(recording("Slow", 20 * MS), recording("Fast", 10 * MS)), 4);
    scheduler.start();

    clock.now = 40 * MS;
    scheduler.runDue();

    assertThat(runs).containsExactly("Fast#1@10", "Slow#1@20", "Fast#2@20", "Fast#3@30", "Slow#2@40", "Fast#4@40");
  }

  @Test
  void aTickLongerThanItsPeriodIsCountedAsAnOverrunAndRunDueStillReturns() {
    FixedStepScheduler scheduler =
        new FixedStepScheduler(clock, List.of(new LoopRegistration("Heavy", 10 * MS, tick -> clock.now += 15 * MS)), 4);
    scheduler.start();

    clock.now = 10 * MS;
    int ran = scheduler.runDue(); // only the tick due at 10 ms: the one due at 20 ms fell due while it ran
    LoopStats stats = scheduler.stats("Heavy");

    assertThat(ran).isEqualTo(1);
    assertThat(stats.overruns()).isEqualTo(1);
    assertThat(stats.maxDurationNanos()).isEqualTo(15 * MS);
    assertThat(scheduler.runDue()).isEqualTo(1); // at 25 ms: the tick due at 20 ms, which ends at 40 ms
    assertThat(scheduler.stats("Heavy").lastLateNanos()).isEqualTo(5 * MS);
  }

  @Test
  void aStallShowsInTheIntervalMaximumNotInTheMedian() {
    FixedStepScheduler scheduler = new FixedStepScheduler(clock, List.of(recording("A", 10 * MS)), 100);
    scheduler.start();

    for (int i = 1; i <= 20; i++) {
      clock.now = i * 10 * MS;
      scheduler.runDue();
    }
    clock.now = 250 * MS; // a 50 ms stall: ticks 21..25 run back to back at 250 ms
    scheduler.runDue();
    LoopStats stats = scheduler.stats("A");

    assertThat(stats.intervalPercentileNanos(50)).isBetween(9_900_000L, 10_100_000L);
    assertThat(stats.maxIntervalNanos()).isBetween(49_000_000L, 51_000_000L);
  }

  @Test
  void twoReadingsOfTheIntervalHistogramGiveTheIntervalsBetweenThem() throws Exception {
    FixedStepScheduler scheduler = new FixedStepScheduler(clock, List.of(recording("A", 10 * MS)), 100);
    scheduler.start();
    clock.now = 10 * MS;
    scheduler.runDue();
    clock.now = 60 * MS; // a 50 ms stall before the reading
    scheduler.runDue();
    String earlier = scheduler.stats("A").intervalHistogramBase64();
    for (int i = 7; i <= 16; i++) { // ten steady ticks after it
      clock.now = i * 10 * MS;
      scheduler.runDue();
    }
    String later = scheduler.stats("A").intervalHistogramBase64();

    org.HdrHistogram.Histogram window = decode(later);
    window.subtract(decode(earlier));

    assertThat(window.getTotalCount()).isEqualTo(10);
    assertThat(window.getMaxValue()).isBetween(9_900_000L, 10_100_000L); // the stall is not in it
    assertThat(decode(later).getMaxValue()).isBetween(49_000_000L, 51_000_000L);
  }

  private static org.HdrHistogram.Histogram decode(String base64) throws java.util.zip.DataFormatException {
    return org.HdrHistogram.Histogram.decodeFromCompressedByteBuffer(
        java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(base64)), 0);
  }

  @Test
  void runOnceRunsOnlyTheNamedLoopAndMovesItsGridByOnePeriod() {
    FixedStepScheduler scheduler =
        new FixedStepScheduler(clock, List.of(recording("A", 16 * MS), recording("B", 16 * MS)), 4);
    scheduler.start();

    clock.now = 16 * MS;
    scheduler.runOnce("B");

    assertThat(runs).containsExactly("B#1@16");
    assertThat(scheduler.stats("A").ticks()).isZero();
  }

  @Test
  void listenersRunAfterEveryTickWithThatTick() {
    FixedStepScheduler scheduler = new FixedStepScheduler(clock, List.of(recording("A", 5 * MS)), 4);
    List<Long> seen = new ArrayList<>();
    scheduler.afterEachTick(tick -> seen.add(tick.number()));
    scheduler.start();

    clock.now = 15 * MS;
    scheduler.runDue();

    assertThat(seen).containsExactly(1L, 2L, 3L);
  }

  @Test
  void theWorkAfterEachTickIsTimedApartFromTheTicksOwnRun() {
    FixedStepScheduler scheduler =
        new FixedStepScheduler(clock, List.of(new LoopRegistration("A", 10 * MS, tick -> clock.now += MS)), 4);
    scheduler.afterEachTick(tick -> clock.now += (tick.number() == 1 ? 3 : 5) * MS); // a snapshot's encoding
    scheduler.start();

    clock.now = 10 * MS;
    scheduler.runDue();
    clock.now = 20 * MS;
    scheduler.runDue();

    LoopStats stats = scheduler.stats("A");
    assertThat(stats.meanDurationNanos()).as("the loop body alone").isEqualTo(MS);
    assertThat(stats.meanAfterTickNanos()).isEqualTo(4 * MS);
    assertThat(stats.maxAfterTickNanos()).isEqualTo(5 * MS);
    assertThat(stats.afterTickHistogram().getTotalCount()).isEqualTo(2);
  }

  @Test
  void aListenerFailureThatReachesTheCallerIsStillTimed() {
    FixedStepScheduler scheduler = new FixedStepScheduler(clock, List.of(recording("A", 10 * MS)), 4);
    scheduler.afterEachTick(tick -> {
      clock.now += 2 * MS;
      throw new IllegalStateException("encoding failed");
    });
    scheduler.start(); // no failure handler: the failure propagates, as in a test

    clock.now = 10 * MS;
    assertThatThrownBy(scheduler::runDue).hasMessage("encoding failed");

    assertThat(scheduler.stats("A").maxAfterTickNanos()).isEqualTo(2 * MS);
    assertThat(scheduler.stats("A").afterTickHistogram().getTotalCount()).isEqualTo(1);
  }

  @Test
  void aFailingTickStillMovesTheGridOn() {
    FixedStepScheduler scheduler =
        new FixedStepScheduler(clock, List.of(new LoopRegistration("Broken", 10 * MS, tick -> {
          throw new IllegalStateException("boom");
        })), 4);
    scheduler.start();
    clock.now = 10 * MS;

    assertThatThrownBy(scheduler::runDue).hasMessage("boom");
    assertThat(scheduler.nextDueNanos()).isEqualTo(20 * MS);
  }

  @Test
  void withAFailureHandlerAFailingTickIsCountedAndListenersStillRun() {
    FixedStepScheduler scheduler =
        new FixedStepScheduler(clock, List.of(new LoopRegistration("Broken", 10 * MS, tick -> {
          throw new IllegalStateException("boom");
        })), 4);
    List<String> failures = new ArrayList<>();
    List<Long> listened = new ArrayList<>();
    scheduler.onLoopFailure((tick, failure) -> failures.add(tick + ": " + failure.getMessage()));
    scheduler.afterEachTick(tick -> listened.add(tick.number()));
    scheduler.start();

    clock.now = 30 * MS;
    int ran = scheduler.runDue();

    assertThat(ran).isEqualTo(3);
    assertThat(failures).containsExactly("Broken#1: boom", "Broken#2: boom", "Broken#3: boom");
    assertThat(listened).containsExactly(1L, 2L, 3L);
    assertThat(scheduler.stats("Broken").failures()).isEqualTo(3);
  }

  @Test
  void withAFailureHandlerAFailingListenerNeitherStopsTicksNorTheOtherListeners() {
    FixedStepScheduler scheduler = new FixedStepScheduler(clock, List.of(recording("A", 10 * MS)), 4);
    List<String> failures = new ArrayList<>();
    List<Long> listened = new ArrayList<>();
    scheduler.onLoopFailure((tick, failure) -> failures.add(tick + ": " + failure.getMessage()));
    scheduler.afterEachTick(tick -> {
      throw new IllegalStateException("snapshot bug");
    });
    scheduler.afterEachTick(tick -> listened.add(tick.number()));
    scheduler.start();

    clock.now = 20 * MS;
    scheduler.runDue();

    assertThat(runs).containsExactly("A#1@10", "A#2@20");
    assertThat(failures).containsExactly("A#1: snapshot bug", "A#2: snapshot bug");
    assertThat(listened).containsExactly(1L, 2L);
  }

  @Test
  void unknownLoopNamesSayWhichLoopsExist() {
    FixedStepScheduler scheduler = new FixedStepScheduler(clock, List.of(recording("PhysicsTick", 16 * MS)), 4);
    scheduler.start();

    assertThatThrownBy(() -> scheduler.runOnce("Physics"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("[PhysicsTick]");
  }
}
