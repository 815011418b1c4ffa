package io.carotene.loadgen;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that sends every bot's inputs on a fixed grid: bot {@code i} of {@code n} sends its
 * {@code k}-th input at {@code t0 + k·P + i·P/n} (P the period), so the bots' sends are spread evenly
 * over each period instead of bursting together (to within {@link #EARLY_NANOS}), and lateness never accumulates: a slot sent late
 * does not move the next one. A pacer more than a whole period behind (the machine was busy) skips
 * the slots it missed rather than bursting to catch up, and counts them.
 */
final class Pacer implements Runnable {
  private final List<Bot> bots;
  private final Run run;
  private final long periodNanos;
  private final long t0;
  private volatile boolean stopped;

  /**
   * A slot due within this is sent now rather than after a park of its own: at 800 bots the slots
   * are 21 µs apart, shorter than a park takes, and a pacer waking for each would cost more CPU than
   * the sends (the bots and the server share the machine).
   */
  static final long EARLY_NANOS = 250_000;
  volatile long slotsSkipped;
  volatile long windowSlotsSkipped;

  Pacer(List<Bot> bots, Run run, long t0) {
    this.bots = bots;
    this.run = run;
    this.periodNanos = Math.round(1e9 / run.options.rate);
    this.t0 = t0;
  }

  void stop() {
    stopped = true;
  }

  /** The grid time of bot {@code i}'s slot in frame {@code k}. */
  static long slot(long t0, long periodNanos, int n, long k, int i) {
    return t0 + k * periodNanos + (long) i * periodNanos / n;
  }

  @Override
  public void run() {
    int n = bots.size();
    long k = 0;
    int i = 0;
    while (!stopped) {
      long target = slot(t0, periodNanos, n, k, i);
      long now = System.nanoTime();
      if (target - now > EARLY_NANOS) {
        LockSupport.parkNanos(target - now - EARLY_NANOS / 2);
        continue;
      }
      long lag = Math.max(0, now - target);
      if (lag >= periodNanos) {
        // More than a period behind: jump to this bot's latest slot not in the future.
        long behind = lag / periodNanos;
        k += behind;
        slotsSkipped += behind;
        if (run.inWindow(now)) {
          windowSlotsSkipped += behind;
        }
        lag -= behind * periodNanos;
      }
      run.sendLag(now, lag);
      bots.get(i).sendInput(k, now);
      if (++i == n) {
        i = 0;
        k++;
      }
    }
  }
}
