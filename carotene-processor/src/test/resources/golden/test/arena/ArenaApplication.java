package test.arena;

import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.Clock;
import io.carotene.runtime.World;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.StoreOptions;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The {@link Arena} domain wired together: its stores ({@code GameWorld}) and its backends ({@link ArenaHttp}, {@link GameServer}).
 * Registered as a {@link CaroteneApplication} service.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class ArenaApplication implements CaroteneApplication {
  @Override
  public Class<?> domain() {
    return Arena.class;
  }

  @Override
  public String name() {
    return "Arena";
  }

  @Override
  public World createWorld(Clock clock, StoreOptions options) {
    List<ChronicleStore<?, ?, ?>> created = new ArrayList<>();
    try {
      GameWorldStore gameWorld = new GameWorldStore(options);
      created.add(gameWorld);
      ArenaHttpDispatcher arenaHttp = new ArenaHttpDispatcher(new ArenaHttp(), gameWorld);
      GameServerDispatcher gameServer = new GameServerDispatcher(new GameServer(), gameWorld);
      return new World("Arena", clock, List.of(gameWorld), List.of(arenaHttp, gameServer));
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
}
