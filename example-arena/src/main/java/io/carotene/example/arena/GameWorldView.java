package io.carotene.example.arena;

import io.carotene.example.arena.Arena.Player;
import io.carotene.runtime.StoreView;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Read-only access to the {@code GameWorld} store of {@link Player}s, keyed by id. A loop or
 * handler that takes this type can read the world but not change it.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public interface GameWorldView extends StoreView<UUID, Player> {}
