package io.carotene.runtime.internal;

/**
 * How a {@code @Quantized} float travels in binary snapshots: as the whole number of {@code
 * precision} steps above {@code min}, an unsigned integer of 1, 2 or 4 bytes (PROTOCOL.md, section
 * 5.2). Generated wire writers call {@link #step(double, double, double, long)} with their
 * constants; the schema frame describes a quantized field by this record.
 *
 * @param min the smallest value sent
 * @param max the largest value sent
 * @param precision the size of one step
 */
public record Quantization(double min, double max, double precision) {
  /** The most steps an unsigned 32-bit integer holds. */
  public static final long MAX_STEPS = 0xFFFF_FFFFL;

  public Quantization {
    if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
      throw new IllegalArgumentException("A quantization needs finite min < max, got min " + min + ", max " + max);
    }
    if (!(Double.isFinite(precision) && precision > 0)) {
      throw new IllegalArgumentException("A quantization needs a positive, finite precision, got " + precision);
    }
    if (steps(min, max, precision) > MAX_STEPS) {
      throw new IllegalArgumentException("min " + min + ", max " + max + " at precision " + precision
          + " is more than " + MAX_STEPS + " steps");
    }
  }

  /** The step {@code max} is sent as: {@code round((max - min) / precision)}, the largest step sent. */
  public static long steps(double min, double max, double precision) {
    return Math.round((max - min) / precision);
  }

  /** The largest step sent. */
  public long steps() {
    return steps(min, max, precision);
  }

  /** Bytes per value on the wire: 1 up to 255 steps, 2 up to 65,535, else 4. */
  public static int width(long steps) {
    return steps <= 0xFF ? 1 : steps <= 0xFFFF ? 2 : 4;
  }

  /** Bytes per value on the wire. */
  public int width() {
    return width(steps());
  }

  /** The step {@code value} is sent as. */
  public long stepOf(double value) {
    return step(value, min, precision, steps());
  }

  /** The value a client reads back from {@code step}: {@code min + step × precision}. */
  public double valueOf(long step) {
    return min + step * precision;
  }

  /**
   * The step {@code value} is sent as: {@code round((value - min) / precision)}, clamped to {@code
   * [0, steps]} (a value below {@code min} is sent as {@code min}, above {@code max} as {@code
   * max}), and NaN as step 0 ({@code min}). Half a step rounds up.
   */
  public static long step(double value, double min, double precision, long steps) {
    long step = Math.round((value - min) / precision); // NaN rounds to 0
    return step < 0 ? 0 : Math.min(step, steps);
  }
}
