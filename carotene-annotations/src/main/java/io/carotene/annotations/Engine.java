package io.carotene.annotations;

/**
 * Where a {@link Store} keeps its entries.
 *
 * <pre>{@code
 * @Store(model = Player.class, engine = Engine.EPHEMERAL)
 * interface GameWorld {}
 * }</pre>
 */
public enum Engine {
  /** Off-heap memory only (Chronicle Map): fast, outside the garbage collector, gone on restart. */
  EPHEMERAL,
  /**
   * Off-heap memory backed by a file, so that the world survives a restart. Reserved: the
   * processor rejects it until the runtime supports it.
   */
  PERSISTED
}
