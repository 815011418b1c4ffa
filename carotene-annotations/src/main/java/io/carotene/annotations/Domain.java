package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a game domain: the namespace that holds its models (records) and its
 * {@link Store stores}. The processor generates one {@code <Name>Application} per domain, which
 * creates the domain's world and lists its backends.
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
  /** The domain's name, as it appears in logs and generated names; defaults to the interface name. */
  String value() default "";
}
