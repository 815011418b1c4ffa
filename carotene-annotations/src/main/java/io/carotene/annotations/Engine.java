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
   * Off-heap memory backed by files in the data directory ({@code CAROTENE_DATA_DIR}), so that the
   * store survives a restart or a crash: it resumes as it was at the end of the last committed
   * tick. See carotene-runtime/PERSISTENCE.md.
   */
  PERSISTED
}
