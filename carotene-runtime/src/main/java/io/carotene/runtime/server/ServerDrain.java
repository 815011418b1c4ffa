package io.carotene.runtime.server;

import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.room.ServerRoom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * How a server leaves when its orchestrator asks it to (SIGTERM, which {@link ServerMain} turns
 * into a drain when {@code CAROTENE_DRAIN_SECONDS} is set): it stops taking players, lets the
 * matches under way finish up to a deadline, then stops.
 *
 * <ol>
 *   <li>Matchmaking refuses new rooms and seats ({@code SERVER_STOPPING}, 503) and the single
 *       world refuses new connections; players who already hold a seat may still connect and
 *       reconnect, and under Agones {@code Health} goes on (the server is busy, not broken) but the
 *       end of its last room no longer returns it to {@code Ready}.
 *   <li>It waits until every room has ended on its own (and nobody is left in the single world),
 *       or until the deadline.
 *   <li>{@link CaroteneServer#stop()}: the rooms still running end with {@code SERVER_STOPPING},
 *       every client gets its close frame, Agones gets {@code Shutdown}.
 * </ol>
 *
 * <p>Kubernetes kills the process {@code terminationGracePeriodSeconds} after SIGTERM: give the
 * pod at least the drain plus {@link #STOP_SECONDS}.
 */
public final class ServerDrain {
  /** The variable with the drain's deadline, in seconds; unset or 0: SIGTERM stops at once. */
  public static final String DEADLINE_VARIABLE = "CAROTENE_DRAIN_SECONDS";

  /**
   * The most the stop after the drain takes: the rooms' last ticks (10 s), the clients' close
   * frames (3 s) and the {@code Shutdown} request (2 s), with a margin.
   */
  public static final int STOP_SECONDS = 20;

  private static final Logger LOG = Logger.getLogger(ServerDrain.class.getName());
  private static final long POLL_MILLIS = 50;

  private ServerDrain() {}

  /**
   * Drains {@code server} for at most {@code deadline}, then stops it. Returns whether every room
   * ended before the deadline (false: some were ended by the stop).
   */
  public static boolean thenStop(CaroteneServer server, Duration deadline) {
    boolean finished = drain(server, deadline);
    server.stop();
    return finished;
  }

  private static boolean drain(CaroteneServer server, Duration deadline) {
    RoomManager rooms = server.rooms;
    rooms.stopAccepting();
    server.fleet.draining();
    List<ServerRoom> playing = playing(rooms);
    if (playing.isEmpty()) {
      return true;
    }
    LOG.info(server.name() + " drains: no new players; " + playing.size() + " room(s) in play may run for up to "
        + deadline.toSeconds() + " s");
    long end = System.nanoTime() + deadline.toNanos();
    try {
      while (System.nanoTime() - end < 0) {
        if (playing(rooms).isEmpty()) {
          LOG.info(server.name() + " drained: every room has ended");
          return true;
        }
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop now
    }
    LOG.info(server.name() + ": the drain's " + deadline.toSeconds() + " s are over; "
        + playing(rooms).size() + " room(s) still in play end now");
    return false;
  }

  /** The rooms still in play: every room of a room type, and the single world while someone is in it. */
  private static List<ServerRoom> playing(RoomManager rooms) {
    ServerRoom single = rooms.defaultRoom();
    return rooms.rooms().stream().filter(room -> room != single || room.clients() > 0).toList();
  }
}
