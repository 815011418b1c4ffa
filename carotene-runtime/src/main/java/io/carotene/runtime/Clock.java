package io.carotene.runtime;

/**
 * The time source of a world's scheduler: monotonic nanoseconds. Production uses {@link #system()};
 * the test sandbox uses a frozen clock that moves only when a test advances it, so ticks are
 * deterministic.
 */
@FunctionalInterface
public interface Clock {
  /** Monotonic time in nanoseconds; only differences between two readings are meaningful. */
  long nanoTime();

  /** The system's monotonic clock ({@link System#nanoTime()}). */
  static Clock system() {
    return System::nanoTime;
  }
}
