package io.carotene.example.arena;

import io.carotene.runtime.CallResult;
import io.carotene.runtime.World;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.internal.JsonArgs;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * {@link ArenaHttp}'s routes as the runtime serves them. Stand-in: the processor will generate this
 * as {@code ArenaHttpDispatcher.routes()} and register it in {@code ArenaApplication}.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class ArenaRoutes {
  private ArenaRoutes() {}

  public static List<HttpRoute> routes(World world) {
    ArenaHttp backend = new ArenaHttp();
    GameWorldStore gameWorld = world.store(GameWorldStore.class);
    return List.of(
        new HttpRoute("POST", "/api/login", true, call -> {
          String name = JsonArgs.toText(JsonArgs.member(call.args(), "name", "name"), "name");
          return CallResult.ok(backend.login(name, gameWorld, call.tokens()));
        }),
        new HttpRoute("GET", "/api/players", true, call -> CallResult.ok(backend.players(gameWorld))));
  }
}
