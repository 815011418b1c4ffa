package io.carotene.runtime;

import io.carotene.runtime.record.SourcesState;

/**
 * A world's seeded random source: the same seed gives the same numbers in the same order on every
 * JVM, so a recorded world replays to the same state. Take it as a parameter of a {@code @Loop},
 * {@code @Socket} or {@code @Http} method, as you take {@link Tick}; never use {@code
 * Math.random()} or {@code new Random()} in game code, which differ on every run.
 *
 * <p>The generator is SplitMix64 (Steele, Lea and Flood, 2014), written out here so that no JDK
 * version can change it. One instance per world, used from the world's thread only.
 */
public final class Rng {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final double DOUBLE_UNIT = 0x1.0p-53;
  private static final float FLOAT_UNIT = 0x1.0p-24f;

  static {
    SourcesState.grant(new ServicesAccess()); // the recordings' way to the sources' state
  }

  private long state;

  /** A generator that starts at {@code seed}. */
  public Rng(long seed) {
    this.state = seed;
  }

  /** A uniformly distributed {@code long}. */
  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** A uniformly distributed {@code int}. */
  public int nextInt() {
    return (int) (nextLong() >>> 32);
  }

  /**
   * A uniformly distributed {@code int} from 0 (inclusive) to {@code bound} (exclusive).
   *
   * @throws IllegalArgumentException when {@code bound} is not positive
   */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, " + bound + " given");
    }
    // Lemire's multiply-and-reject: unbiased, and the same sequence on every JVM.
    long product = (nextLong() >>> 32) * bound;
    long low = product & 0xFFFF_FFFFL;
    if (low < bound) {
      long threshold = (0x1_0000_0000L - bound) % bound;
      while (low < threshold) {
        product = (nextLong() >>> 32) * bound;
        low = product & 0xFFFF_FFFFL;
      }
    }
    return (int) (product >>> 32);
  }

  /** A {@code double} from 0 (inclusive) to 1 (exclusive). */
  public double nextDouble() {
    return (nextLong() >>> 11) * DOUBLE_UNIT;
  }

  /** A {@code float} from 0 (inclusive) to 1 (exclusive). */
  public float nextFloat() {
    return (nextLong() >>> 40) * FLOAT_UNIT;
  }

  /** {@code true} or {@code false}, each half the time. */
  public boolean nextBoolean() {
    return nextLong() < 0;
  }

  /** Where the generator is: a recording keeps it, a replay restores it. */
  long state() {
    return state;
  }

  void restore(long state) {
    this.state = state;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return "Rng";
  }
}
