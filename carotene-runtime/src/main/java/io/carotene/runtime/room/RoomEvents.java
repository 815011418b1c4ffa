package io.carotene.runtime.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomListener;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.RoomHooks;
import io.carotene.runtime.record.Recorder;
import io.carotene.runtime.world.DomainWorld;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A room's lifecycle told to its game (the hooks) and then to the server's listeners, on the
 * room's thread. A hook or listener that throws is logged and the room goes on: a bug in a leave
 * hook must not keep a seat taken.
 *
 * <p>When the room's type records ({@link RoomType#recording()}), a recording starts just before
 * the created hook and ends after the disposed hook: the world hears of every join attempt, join,
 * leave and the end, and the recording keeps them for the replay to rerun the hooks.
 */
final class RoomEvents {
  private static final Logger LOG = Logger.getLogger(RoomEvents.class.getName());

  private final Room room;
  private final DomainWorld world;
  private final RoomHooks hooks;
  private final List<RoomListener> listeners;
  private final RoomType type;
  private Recorder recorder;

  RoomEvents(Room room, RoomType type, DomainWorld world, List<RoomListener> listeners) {
    this.room = room;
    this.type = type;
    this.world = world;
    this.hooks = world.roomHooks();
    this.listeners = listeners;
    world.room(room); // the world is the room's: its handlers that take a Room get this one
  }

  String joinAttempt(Session session, JsonNode options) {
    String refusal = hooks.joinAttempt(room, session, options);
    world.joinAttempted(session, options.toString(), refusal);
    return refusal;
  }

  void created(JsonNode options) {
    if (type.recording() != null) {
      try {
        recorder = Recorder.startRoom(
            world, type.recording(), System.currentTimeMillis(), type.name(), room.id(), options.toString());
      } catch (RuntimeException e) {
        LOG.warning("Room " + room.id() + " of type " + type.name() + " plays unrecorded: " + e.getMessage());
      }
    }
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
    world.disposed();
    if (recorder != null) {
      recorder.finish(); // its writer flushes the journal and frees its files, off this thread
      recorder = null;
    }
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
