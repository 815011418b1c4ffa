package test.arena;

import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.StoreOptions;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The {@code GameWorld} store of {@link Arena.Player}s, keyed by id: off-heap ({@code EPHEMERAL}), for up to
 * 10000 entries. A loop or handler that takes this type may write.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class GameWorldStore extends ChronicleStore<UUID, Arena.Player, MutablePlayer> implements GameWorldView {
  /**
   * The capacity declared by {@code @Store(capacity = ...)}.
   */
  public static final long DECLARED_CAPACITY = 10000L;

  /**
   * Creates the store, sized by {@code options} or else by {@link #DECLARED_CAPACITY}.
   */
  public GameWorldStore(StoreOptions options) {
    super("GameWorld", UUID.class, Arena.Player.class, MutablePlayer.class, PlayerCodec.INSTANCE,
        options.capacityFor(DECLARED_CAPACITY));
  }

  @Override
  protected UUID idOf(Arena.Player model) {
    return model.id();
  }
}
