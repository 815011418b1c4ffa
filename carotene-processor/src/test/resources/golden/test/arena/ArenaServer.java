package test.arena;

import io.carotene.runtime.server.ServerMain;
import javax.annotation.processing.Generated;

/**
 * Serves the {@link Arena} domain: its game WebSocket at {@code /ws}, its backends' {@code @Http}
 * routes and {@code /health}, on {@code PORT} (default 8080), until SIGTERM. See {@link ServerMain}
 * for the environment it reads.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class ArenaServer {
  private ArenaServer() {
  }

  /**
   * Starts the server; on SIGTERM it stops cleanly and the process exits 0.
   */
  public static void main(String[] args) {
    ServerMain.run(new ArenaApplication());
  }
}
