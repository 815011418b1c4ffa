package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a room ends, on the room's thread, after every player left: the last moment its
 * stores are readable (write results elsewhere here). The method may take, in any order: {@code
 * io.carotene.runtime.Room} and the domain's store or view types.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnDispose {}
