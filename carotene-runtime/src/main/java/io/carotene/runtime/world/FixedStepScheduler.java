package io.carotene.runtime.world;

import io.carotene.runtime.Clock;
import io.carotene.runtime.Tick;
import io.carotene.runtime.internal.LoopRegistration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs loops on a fixed grid: the n-th tick of a loop is due at {@code start + n × period}, never
 * at "last run + period", so lateness never accumulates into drift. A loop that falls behind runs
 * its missed ticks back to back, up to {@link #maxCatchUpTicks()} extra ticks; beyond that the
 * oldest are skipped (and counted) rather than piling up into a spiral of death.
 *
 * <p>Single-threaded: the world's thread (or the test sandbox) calls it. It never sleeps; the
 * caller asks {@link #nextDueNanos()} and waits as it sees fit.
 */
public final class FixedStepScheduler {
  /** Extra ticks a late loop may run back to back before older ones are skipped. */
  public static final int DEFAULT_MAX_CATCH_UP_TICKS = 4;

  private final Clock clock;
  private final int maxCatchUpTicks;
  private final ScheduledLoop[] loops;
  private final List<Consumer<Tick>> afterTick = new ArrayList<>();
  private BiConsumer<Tick, Throwable> onLoopFailure;
  private boolean started;

  public FixedStepScheduler(Clock clock, List<LoopRegistration> registrations, int maxCatchUpTicks) {
    if (maxCatchUpTicks < 0) {
      throw new IllegalArgumentException("maxCatchUpTicks must be 0 or more, got " + maxCatchUpTicks);
    }
    this.clock = clock;
    this.maxCatchUpTicks = maxCatchUpTicks;
    this.loops = new ScheduledLoop[registrations.size()];
    for (int i = 0; i < loops.length; i++) {
      loops[i] = new ScheduledLoop(registrations.get(i));
    }
  }

  public int maxCatchUpTicks() {
    return maxCatchUpTicks;
  }

  /** Anchors every loop's grid at now: each loop's first tick is due one period from now. */
  public void start() {
    long now = clock.nanoTime();
    for (ScheduledLoop loop : loops) {
      loop.nextDue = now + loop.registration.periodNanos();
    }
    started = true;
  }

  /**
   * Registers code that runs after every tick of every loop, on the same thread. The time all of
   * it takes is counted apart from the tick's own ({@link LoopStats#meanAfterTickNanos}).
   */
  public void afterEachTick(Consumer<Tick> listener) {
    afterTick.add(listener);
  }

  /**
   * Unregisters a listener {@link #afterEachTick} registered (a recording stopped while the world
   * goes on). Between ticks: not from a listener.
   */
  public void removeAfterEachTick(Consumer<Tick> listener) {
    afterTick.remove(listener);
  }

  /**
   * Handles a loop body or an after-tick listener that throws: the tick counts as run and failed,
   * the grid moves on, and the other listeners still run (so clients still get their snapshot).
   * Without a handler the failure propagates to the caller, which is what a test wants.
   */
  public void onLoopFailure(BiConsumer<Tick, Throwable> handler) {
    this.onLoopFailure = handler;
  }

  /** The clock time at which the next tick is due, or {@link Long#MAX_VALUE} with no loops. */
  public long nextDueNanos() {
    requireStarted();
    long next = Long.MAX_VALUE;
    for (ScheduledLoop loop : loops) {
      next = Math.min(next, loop.nextDue);
    }
    return next;
  }

  /**
   * Runs every tick due at the clock's current time, earliest first (loops due at the same time
   * run in declaration order). Returns how many ran. Ticks that fall due while these run wait for
   * the next call, so a world whose ticks overrun still returns to its other work in between.
   */
  public int runDue() {
    requireStarted();
    long now = clock.nanoTime();
    int ran = 0;
    while (true) {
      ScheduledLoop due = null;
      for (ScheduledLoop loop : loops) {
        if (loop.nextDue <= now && (due == null || loop.nextDue < due.nextDue)) {
          due = loop;
        }
      }
      if (due == null) {
        return ran;
      }
      due.skipIfTooFarBehind(now, maxCatchUpTicks);
      run(due, clock.nanoTime());
      ran++;
    }
  }

  /**
   * Runs one tick of the named loop now, as if it were due: the sandbox's "trigger exactly one
   * tick". The loop's grid moves on by one period; other loops are not run.
   */
  public void runOnce(String loopName) {
    requireStarted();
    ScheduledLoop loop = find(loopName);
    run(loop, Math.max(clock.nanoTime(), loop.nextDue));
  }

  /**
   * Runs tick {@code number} of the named loop exactly as a recording saw it: due at {@code
   * scheduledNanos}, started {@code lateNanos} after. A replay calls this for each recorded tick,
   * on a frozen clock, instead of following the grid, so that catch-up and skipped ticks happen as
   * they did. The loop's grid moves on from there.
   */
  public void replayTick(String loopName, long number, long scheduledNanos, long lateNanos) {
    requireStarted();
    ScheduledLoop loop = find(loopName);
    loop.number = number - 1;
    loop.nextDue = scheduledNanos;
    run(loop, scheduledNanos + lateNanos);
  }

  /** The period of the named loop in nanoseconds. */
  public long periodNanos(String loopName) {
    return find(loopName).registration.periodNanos();
  }

  /** The named loop's counters. */
  public LoopStats stats(String loopName) {
    return find(loopName).stats;
  }

  /** Every loop's counters, in declaration order. */
  public List<LoopStats> stats() {
    List<LoopStats> all = new ArrayList<>(loops.length);
    for (ScheduledLoop loop : loops) {
      all.add(loop.stats);
    }
    return all;
  }

  /** The loops' names, in declaration order. */
  public List<String> loopNames() {
    List<String> names = new ArrayList<>(loops.length);
    for (ScheduledLoop loop : loops) {
      names.add(loop.registration.name());
    }
    return names;
  }

  private void run(ScheduledLoop loop, long now) {
    long scheduled = loop.nextDue;
    long late = Math.max(0, now - scheduled);
    loop.number++;
    loop.tick.advance(loop.number, scheduled, late);
    long startedAt = clock.nanoTime();
    loop.stats.recordStart(startedAt);
    try {
      loop.registration.body().accept(loop.tick);
    } catch (RuntimeException | Error failure) {
      loop.stats.failures++;
      if (onLoopFailure == null || failure instanceof VirtualMachineError) {
        throw failure;
      }
      onLoopFailure.accept(loop.tick, failure);
    } finally {
      long duration = clock.nanoTime() - startedAt;
      loop.nextDue = scheduled + loop.registration.periodNanos();
      loop.stats.record(duration, late);
    }
    if (afterTick.isEmpty()) {
      return;
    }
    long afterStart = clock.nanoTime();
    try {
      for (int i = 0; i < afterTick.size(); i++) {
        try {
          afterTick.get(i).accept(loop.tick);
        } catch (RuntimeException | Error failure) {
          if (onLoopFailure == null || failure instanceof VirtualMachineError) {
            throw failure;
          }
          loop.stats.failures++;
          onLoopFailure.accept(loop.tick, failure);
        }
      }
    } finally {
      loop.stats.recordAfterTick(clock.nanoTime() - afterStart);
    }
  }

  private ScheduledLoop find(String loopName) {
    for (ScheduledLoop loop : loops) {
      if (loop.registration.name().equals(loopName)) {
        return loop;
      }
    }
    throw new NoSuchElementException("No loop named '" + loopName + "'; the loops are " + loopNames());
  }

  private void requireStarted() {
    if (!started) {
      throw new IllegalStateException("The scheduler has not been started; call start() first");
    }
  }

  private static final class ScheduledLoop {
    final LoopRegistration registration;
    final Tick tick;
    final LoopStats stats;
    long nextDue;
    long number;

    ScheduledLoop(LoopRegistration registration) {
      this.registration = registration;
      this.tick = new Tick(registration.name(), registration.periodNanos());
      this.stats = new LoopStats(registration.name(), registration.periodNanos());
    }

    void skipIfTooFarBehind(long now, int maxCatchUpTicks) {
      long period = registration.periodNanos();
      long behind = (now - nextDue) / period; // due ticks after this one
      if (behind > maxCatchUpTicks) {
        long skip = behind - maxCatchUpTicks;
        nextDue += skip * period;
        number += skip;
        stats.skipped += skip;
      }
    }
  }
}
