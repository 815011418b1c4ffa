package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a backend method on a fixed timestep, on the world's thread. The period is text: a whole
 * number followed by {@code ms}, {@code s}, {@code m} or {@code us} ({@code "16ms"}, {@code
 * "50ms"}, {@code "1s"}). Ticks fall on a steady grid (start + n × period); a late tick is caught
 * up to a bound and then skipped rather than piling up. The loop's name, used in tests and
 * metrics, is the method name with its first letter in upper case ({@code physicsTick} → {@code
 * PhysicsTick}).
 *
 * <pre>{@code
 * @Loop(every = "16ms")
 * void physicsTick(Tick tick, GameWorldStore world) { ... }
 * }</pre>
 *
 * <p>A loop method may take, in any order: {@code io.carotene.runtime.Tick} and any of the
 * domain's store or view types.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Loop {
  /** The period between ticks, for example {@code "16ms"}. */
  String every();
}
