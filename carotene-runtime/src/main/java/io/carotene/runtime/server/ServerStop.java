package io.carotene.runtime.server;

import io.undertow.Undertow;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.room.ServerRoom;
import io.carotene.runtime.socket.ClientConnection;
import io.carotene.runtime.wire.CloseCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The order a server stops in: requests and handshakes refused first, then every room ends (its
 * players leave with {@code SERVER_STOPPING}), every client gets its close frame, and only then
 * does the caller stop the listener.
 */
final class ServerStop {
  private static final Logger LOG = Logger.getLogger(ServerStop.class.getName());
  /** How long a room's last tick may run before its stores are left to the process's exit. */
  private static final long ROOMS_TIMEOUT_MILLIS = 10_000;
  /** How long clients have to answer their close frame before the listener cuts them. */
  private static final long CLOSE_TIMEOUT_SECONDS = 3;

  private ServerStop() {}

  /**
   * Stops a server: the orchestrator hears it is shutting down, new requests and handshakes are
   * refused, every room ends and every client is closed, then the listener stops and {@code
   * resources} (routes, buffers, fleet link, recording) close in order.
   */
  static void all(String name, FleetLink fleet, GracefulShutdownHandler graceful, RoomManager rooms, Undertow undertow,
      List<Runnable> resources) {
    fleet.stopping(); // no more Health; Shutdown
    graceful.shutdown();
    roomsAndClients(name, rooms);
    try {
      undertow.stop();
    } finally {
      for (Runnable resource : resources) {
        try {
          resource.run();
        } catch (RuntimeException e) {
          LOG.warning("Closing " + resource + " failed while " + name + " stopped: " + e);
        }
      }
    }
  }

  /** Ends every room and closes every client; new handshakes must already be refused. */
  static void roomsAndClients(String name, RoomManager rooms) {
    rooms.stopAccepting();
    List<ClientConnection> clients = new ArrayList<>();
    for (ServerRoom room : rooms.rooms()) {
      room.socket().stopAccepting();
      clients.addAll(room.socket().openConnections());
    }
    rooms(name, rooms); // every player leaves (SERVER_STOPPING), every connection gets a close frame (1000)
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (ClientConnection client : clients) {
      client.close(CloseCodes.NORMAL, "Server shutting down");
      closing.add(client.closed());
    }
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Some clients did not answer the close in time; stopping the listener cuts them.
    }
  }

  /**
   * Ends every room and frees its stores' off-heap memory on its own thread, after its last tick;
   * a tick still running after 10 s is left to the process's exit, its stores open.
   */
  static void rooms(String name, RoomManager rooms) {
    try {
      if (!rooms.stop(ROOMS_TIMEOUT_MILLIS)) {
        LOG.warning("Some world threads of " + name + " did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
