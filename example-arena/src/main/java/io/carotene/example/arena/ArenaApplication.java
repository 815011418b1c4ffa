package io.carotene.example.arena;

import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.Clock;
import io.carotene.runtime.World;
import io.carotene.runtime.internal.StoreOptions;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The {@link Arena} domain wired together: its stores ({@code GameWorld}) and its backends ({@link
 * GameServer}). Registered as a {@link CaroteneApplication} service.
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
    GameWorldStore gameWorld = new GameWorldStore(options);
    try {
      GameServerDispatcher gameServer = new GameServerDispatcher(new GameServer(), gameWorld);
      return new World("Arena", clock, List.of(gameWorld), List.of(gameServer));
    } catch (RuntimeException e) {
      gameWorld.close();
      throw e;
    }
  }
}
