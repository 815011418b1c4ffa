package io.carotene.example.arena;

import io.carotene.runtime.server.ServerMain;
import javax.annotation.processing.Generated;

/**
 * Serves the {@link Arena}: {@code PORT} (default 8080), the WebSocket at {@code /ws}, the routes
 * of {@link ArenaHttp} and {@code /health}. Stand-in: the processor will generate this, with {@code
 * ServerMain.run(new ArenaApplication())} once the routes are part of the application.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class ArenaServer {
  private ArenaServer() {}

  public static void main(String[] args) {
    ServerMain.run(new ArenaApplication(), ArenaRoutes::routes);
  }
}
