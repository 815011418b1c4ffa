package io.carotene.test;

import io.carotene.runtime.Clock;
import java.time.Duration;

/**
 * A {@link Clock} that stands still until a test moves it. The sandbox moves it as it runs ticks,
 * so game code that reads the clock sees the tick's own time.
 */
public final class FrozenClock implements Clock {
  private long nanos;

  public FrozenClock(long startNanos) {
    this.nanos = startNanos;
  }

  @Override
  public long nanoTime() {
    return nanos;
  }

  /** Moves the clock forward; it never goes back. */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("A frozen clock only moves forward; got " + duration);
    }
    nanos += duration.toNanos();
  }

  /** Sets the clock to {@code nanos}, which must not be earlier than now. */
  public void setNanos(long nanos) {
    if (nanos < this.nanos) {
      throw new IllegalArgumentException(
          "A frozen clock only moves forward: it reads " + this.nanos + "ns, asked for " + nanos + "ns");
    }
    this.nanos = nanos;
  }

  @Override
  public String toString() {
    return "FrozenClock[" + Duration.ofNanos(nanos) + "]";
  }
}
