package io.carotene.runtime;

/**
 * What a {@code @Loop} method knows about the tick it is running. One instance per loop is
 * reused from tick to tick, so read it during the call rather than keeping it.
 *
 * <p>The timestep is fixed: {@link #deltaSeconds()} is always the loop's period, whatever the
 * wall clock did, so game logic stays deterministic.
 */
public final class Tick {
  private final String loopName;
  private final long periodNanos;
  private final float deltaSeconds;
  private long number;
  private long scheduledNanos;
  private long lateNanos;

  public Tick(String loopName, long periodNanos) {
    this.loopName = loopName;
    this.periodNanos = periodNanos;
    this.deltaSeconds = periodNanos / 1e9f;
  }

  /** The loop's name, for example {@code PhysicsTick}. */
  public String loopName() {
    return loopName;
  }

  /** 1 for the loop's first run, then 2, 3, … Skipped ticks are counted too. */
  public long number() {
    return number;
  }

  /** The fixed timestep in seconds: the loop's period ({@code 0.016f} for {@code "16ms"}). */
  public float deltaSeconds() {
    return deltaSeconds;
  }

  /** The loop's period in nanoseconds. */
  public long periodNanos() {
    return periodNanos;
  }

  /** The grid time this tick was due at, on the world's {@link Clock}. */
  public long scheduledNanos() {
    return scheduledNanos;
  }

  /** How long after {@link #scheduledNanos()} the tick actually started. */
  public long lateNanos() {
    return lateNanos;
  }

  /** Called by the scheduler before each run. */
  public void advance(long number, long scheduledNanos, long lateNanos) {
    this.number = number;
    this.scheduledNanos = scheduledNanos;
    this.lateNanos = lateNanos;
  }

  @Override
  public String toString() {
    return loopName + "#" + number;
  }
}
