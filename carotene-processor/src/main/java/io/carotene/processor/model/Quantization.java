package io.carotene.processor.model;

/**
 * A sound {@code @Quantized(min, max, precision)}: a float sent in binary snapshots as the whole
 * number of {@code precision} steps above {@code min}. The runtime's {@code Quantization} computes
 * the same steps; the processor does not depend on the runtime, so the rule is written twice.
 */
public record Quantization(double min, double max, double precision) {
  /** The most steps an unsigned 32-bit integer holds. */
  public static final long MAX_STEPS = 0xFFFF_FFFFL;

  /** The step {@code max} is sent as, the largest: {@code round((max - min) / precision)}. */
  public static long steps(double min, double max, double precision) {
    return Math.round((max - min) / precision);
  }

  public long steps() {
    return steps(min, max, precision);
  }

  /** Bytes per value: 1 up to 255 steps, 2 up to 65,535, else 4. */
  public int width() {
    long steps = steps();
    return steps <= 0xFF ? 1 : steps <= 0xFFFF ? 2 : 4;
  }

  /** The wire type the schema frame names: {@code uq8}, {@code uq16} or {@code uq32}. */
  public String wireType() {
    return "uq" + width() * 8;
  }
}
