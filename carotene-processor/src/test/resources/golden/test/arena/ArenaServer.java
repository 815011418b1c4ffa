package test.arena;

import io.carotene.runtime.server.ServerMain;
import javax.annotation.processing.Generated;

/**
 * Serves the {@link Arena} domain: its game WebSocket at {@code /ws}, its backends' {@code @Http}\nroutes and {@code /health}, on {@code PORT} (default 8080), until SIGTERM. See {@link ServerMain}\nfor the environment it reads.\n
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class ArenaServer {
  private ArenaServer() {
  }

  /**
   * Starts the server and returns when it has stopped.
   */
  public static void main(String[] args) {
    ServerMain.run(new ArenaApplication());
  }
}
