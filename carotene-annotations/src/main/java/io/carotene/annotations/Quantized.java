package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sends a {@code float} or {@code double} model component in binary snapshots as a whole number
 * of {@code precision} steps above {@code min}, rather than as its raw 4 or 8 bytes. On a record
 * component ({@code Vector3 position}) it applies to every {@code float} and {@code double} inside
 * it, nested records included; its other fields stay raw.
 *
 * <pre>{@code
 * record Player(
 *     @Id UUID id,
 *     @Quantized(min = -1000, max = 1000, precision = 1.0 / 32) Vector3 position, // 3 × 2 bytes
 *     int health) {}
 * }</pre>
 *
 * <p>A value {@code v} travels as {@code round((clamp(v, min, max) - min) / precision)}, an
 * unsigned integer of the smallest width that holds {@code round((max - min) / precision)}: one
 * byte up to 255 steps, two up to 65,535, four up to 4,294,967,295 (more is a compile error). A
 * client reads it back as {@code min + step × precision}, within {@code precision / 2} of every
 * value in range. A value outside {@code [min, max]} is sent as the nearer end (the store keeps
 * the exact value; only binary snapshots clamp), and NaN as {@code min}. A movement smaller than
 * the precision may not reach a client at all: a snapshot sends what changed in its wire form.
 *
 * <p>Only binary snapshots are quantized; the store, JSON snapshots, replies and HTTP routes see
 * the exact value.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Quantized {
  /** The smallest value sent, and a smaller one is sent as this; finite, less than {@link #max()}. */
  double min();

  /** The largest value sent; a larger one is sent as this (to within {@code precision / 2}). */
  double max();

  /**
   * The step between two values a client can tell apart, positive: {@code 0.01}, or {@code 1.0 /
   * 32} (a power of two keeps the decoded values exact). Beware integer division: {@code 1 / 32}
   * is zero.
   */
  double precision();
}
