package io.carotene.runtime.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomListener;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.RoomHooks;
import io.carotene.runtime.world.DomainWorld;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A room's lifecycle told to its game (the hooks) and then to the server's listeners, on the
 * room's thread. A hook or listener that throws is logged and the room goes on: a bug in a leave
 * hook must not keep a seat taken.
 */
final class RoomEvents {
  private static final Logger LOG = Logger.getLogger(RoomEvents.class.getName());

  private final Room room;
  private final DomainWorld world;
  private final RoomHooks hooks;
  private final List<RoomListener> listeners;

  RoomEvents(Room room, DomainWorld world, List<RoomListener> listeners) {
    this.room = room;
    this.world = world;
    this.hooks = world.roomHooks();
    this.listeners = listeners;
    world.room(room); // the world is the room's: its handlers that take a Room get this one
  }

  String joinAttempt(Session session, JsonNode options) {
    return hooks.joinAttempt(room, session, options);
  }

  void created(JsonNode options) {
    run("created hook", () -> hooks.created(room, options));
    listeners.forEach(listener -> run("listener", () -> listener.roomCreated(room)));
  }

  void joined(Session session) {
    run("joined hook", () -> hooks.joined(room, session));
    world.seated(session, true, "JOINED");
    listeners.forEach(listener -> run("listener", () -> listener.playerJoined(room, session.userId())));
  }

  void left(Session session, LeaveReason reason) {
    run("leave hook", () -> hooks.left(room, session, reason));
    world.seated(session, false, reason.name());
    listeners.forEach(listener -> run("listener", () -> listener.playerLeft(room, session.userId(), reason)));
  }

  void disposed() {
    run("disposed hook", () -> hooks.disposed(room));
    listeners.forEach(listener -> run("listener", () -> listener.roomDisposed(room)));
  }

  private void run(String what, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "A " + what + " of room " + room.id() + " failed; the room goes on", e);
    }
  }
}
