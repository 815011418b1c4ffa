package io.carotene.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a {@link Sandbox} of a domain: every test method that declares a
 * {@code Sandbox} (or {@link FrozenClock}) parameter gets a fresh world with a frozen clock, closed
 * after the test.
 *
 * <pre>{@code
 * @CaroteneTest(Arena.class)
 * class PhysicsTest { @Test void gravityPulls(Sandbox sandbox) { ... } }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(CaroteneExtension.class)
public @interface CaroteneTest {
  /**
   * The {@code @Domain} interface to run. May be left out when the test class path holds exactly
   * one Carotene application.
   */
  Class<?> value() default void.class;

  /**
   * When positive, every store is created with this capacity instead of its declared one: a
   * smaller off-heap table for faster tests.
   */
  long capacity() default 0;
}
