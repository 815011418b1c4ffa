package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a game domain: the namespace that holds its models (records) and its
 * {@link Store stores}. The processor generates, in the interface's package, one {@code
 * <Name>Application} per domain, which creates the domain's world and lists its backends, and
 * {@code <Name>Server}, its {@code main}; {@code <Name>} is the domain's name ({@link #value}).
 * {@code @Domain("Tag") interface TagGame} gives {@code TagApplication} and {@code TagServer}.
 *
 * <pre>{@code
 * @Domain("Arena")
 * public interface Arena { record Vector3(float x, float y, float z) {} }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Domain {
  /**
   * The domain's name, as it appears in logs and in the generated {@code <Name>Application} and
   * {@code <Name>Server}; a Java identifier. Defaults to the interface's simple name.
   */
  String value() default "";
}
