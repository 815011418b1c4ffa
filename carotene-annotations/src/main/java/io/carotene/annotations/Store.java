package io.carotene.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a store of one model inside a {@link Domain}: a keyed, off-heap table of the model's
 * entries, keyed by the model's {@link Id}. For an interface named {@code GameWorld} the processor
 * generates {@code GameWorldStore} (read and write) and {@code GameWorldView} (read only); a loop
 * or handler receives the one its parameter names, so code that only reads cannot write.
 *
 * <pre>{@code
 * @Store(model = Player.class, engine = Engine.EPHEMERAL)
 * interface GameWorld {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Store {
  /** The record type this store holds. */
  Class<? extends Record> model();

  /** Where entries live; off-heap memory by default. */
  Engine engine() default Engine.EPHEMERAL;

  /**
   * The most entries the store is sized for. Off-heap tables are sized up front; going beyond
   * this number fails a put with a message that names this setting.
   */
  long capacity() default 100_000;

  /**
   * One per room (the default) or one per process, outside every room ({@link Scope#SERVER}: only
   * top-level {@code @Http} routes may take it).
   */
  Scope scope() default Scope.ROOM;
}
