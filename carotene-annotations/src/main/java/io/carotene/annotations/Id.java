package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the record component that is a model's identity: the key of the {@link Store} that holds
 * the model. A stored model has exactly one; it may be a {@code UUID}, {@code String}, {@code long}
 * or {@code int}.
 *
 * <pre>{@code
 * record Player(@Id UUID id, Vector3 position, int health) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Id {}
