package test.arena;

import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.GeneratedApplication;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.internal.WorldParts;
import io.carotene.runtime.internal.WorldServices;
import io.carotene.runtime.snapshot.Interest;
import io.carotene.runtime.snapshot.VisibleStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The {@link Arena} domain wired together: its stores ({@code GameWorld}) and its backends ({@link ArenaHttp}, {@link GameServer}).
 * Registered as a {@link CaroteneApplication} service.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class ArenaApplication implements GeneratedApplication, VisibleStores {
  @Override
  public Class<?> domain() {
    return Arena.class;
  }

  @Override
  public String name() {
    return "Arena";
  }

  @Override
  public WorldParts createParts(StoreOptions options, WorldServices services) {
    List<ChronicleStore<?, ?, ?>> created = new ArrayList<>();
    List<Object> opened = new ArrayList<>();
    try {
      // A room opens its room-scoped stores, the server world its server-scoped ones, a single
      // world both. A store the world lacks stays null: nothing that takes it runs there.
      GameWorldStore gameWorld = null;
      if (options.opensRoomStores()) {
        ChronicleStore<UUID, Arena.Player, MutablePlayer> gameWorldEngine = GameWorldStore.newEngine(options);
        created.add(gameWorldEngine);
        gameWorld = new GameWorldStore(gameWorldEngine);
        opened.add(gameWorld);
      }
      ArenaHttpDispatcher arenaHttp = new ArenaHttpDispatcher(new ArenaHttp(), gameWorld, services);
      GameServerDispatcher gameServer = new GameServerDispatcher(new GameServer(), gameWorld, services);
      return new WorldParts(created, opened, List.of(arenaHttp, gameServer));
    } catch (RuntimeException | Error failure) {
      // Close what was created, newest first, and keep the first failure on top.
      for (int i = created.size() - 1; i >= 0; i--) {
        try {
          created.get(i).close();
        } catch (RuntimeException closeFailure) {
          failure.addSuppressed(closeFailure);
        }
      }
      throw failure;
    }
  }

  /**
   * What clients receive of each store that declares it; no store is private.
   */
  @Override
  public Map<String, Interest<?>> visibleStores() {
    return Map.ofEntries(
        Map.entry("GameWorld", Interest.<MutablePlayer>radius(50.0f, entry -> entry.position().x(), entry -> entry.position().z())));
  }
}
