package test.arena;

import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.store.WritableStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.annotation.processing.Generated;

/**
 * The {@code GameWorld} store of {@link Arena.Player}s, keyed by id: off-heap ({@code EPHEMERAL}), for up to
 * 10000 entries. A loop or handler that takes this type may write.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class GameWorldStore implements GameWorldView, WritableStore<UUID, Arena.Player, MutablePlayer> {
  /**
   * The capacity declared by {@code @Store(capacity = ...)}.
   */
  public static final long DECLARED_CAPACITY = 10000L;

  private final ChronicleStore<UUID, Arena.Player, MutablePlayer> engine;

  /**
   * The store over {@code engine}; the domain's application creates it.
   */
  GameWorldStore(ChronicleStore<UUID, Arena.Player, MutablePlayer> engine) {
    this.engine = engine;
  }

  /**
   * A new off-heap engine for this store, sized by {@code options} or else by {@link
   * #DECLARED_CAPACITY}.
   */
  static ChronicleStore<UUID, Arena.Player, MutablePlayer> newEngine(StoreOptions options) {
    return new ChronicleStore<>("GameWorld", UUID.class, Arena.Player.class, MutablePlayer.class, PlayerCodec.INSTANCE,
        options.capacityFor(DECLARED_CAPACITY), Arena.Player::id);
  }

  @Override
  public String name() {
    return engine.name();
  }

  @Override
  public Optional<Arena.Player> find(UUID id) {
    return engine.find(id);
  }

  @Override
  public Arena.Player get(UUID id) {
    return engine.get(id);
  }

  @Override
  public boolean contains(UUID id) {
    return engine.contains(id);
  }

  @Override
  public int count() {
    return engine.count();
  }

  @Override
  public List<Arena.Player> all() {
    return engine.all();
  }

  @Override
  public void put(Arena.Player model) {
    engine.put(model);
  }

  @Override
  public void batchUpdate(Iterable<? extends Arena.Player> models) {
    engine.batchUpdate(models);
  }

  @Override
  public boolean remove(UUID id) {
    return engine.remove(id);
  }

  @Override
  public void clear() {
    engine.clear();
  }

  @Override
  public boolean update(UUID id, Consumer<? super MutablePlayer> action) {
    return engine.update(id, action);
  }

  @Override
  public void updateEach(Consumer<? super MutablePlayer> action) {
    engine.updateEach(action);
  }
}
