package io.carotene.runtime.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomListener;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.RoomHooks;
import io.carotene.runtime.record.Recorder;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.runtime.world.DomainWorld;
import java.util.ArrayList;
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
 * leave and the end, and the recording keeps them for the replay to rerun the hooks. Game code
 * may also start and stop a room's recording while it plays ({@link Room#startRecording}).
 */
final class RoomEvents {
  private static final Logger LOG = Logger.getLogger(RoomEvents.class.getName());

  private final Room room;
  private final DomainWorld world;
  private final RoomHooks hooks;
  private final List<RoomListener> listeners;
  private final RoomType type;
  private volatile Recorder recorder;
  private String options = "{}";
  /** The users whose join hook ran and whose leave hook has not, in join order: what a recording in play starts with. */
  private final List<String> seated = new ArrayList<>();

  RoomEvents(Room room, RoomType type, DomainWorld world, List<RoomListener> listeners) {
    this.room = room;
    this.type = type;
    this.world = world;
    this.hooks = world.roomHooks();
    this.listeners = listeners;
    world.room(room); // the world is the room's: its handlers that take a Room get this one
  }

  /**
   * Lets {@code session} take a new seat, or throws {@link RoomException} with why not: the room is
   * {@code locked} ({@code ROOM_LOCKED}), its {@code seated} fill it ({@code ROOM_FULL}), or the
   * join-attempt hook refuses ({@code JOIN_REFUSED}). A recording keeps each refusal, the first
   * two as refusals before the hooks, the hook's answer as a join attempt the replay asks again.
   */
  void admit(Session session, JsonNode options, int seated, boolean locked) {
    if (locked) {
      throw refused(session, RoomError.ROOM_LOCKED, "Room " + room.id() + " is locked: it accepts no new players now");
    }
    if (seated >= type.maxClients()) {
      throw refused(session, RoomError.ROOM_FULL, "Room " + room.id() + " is full: " + type.maxClients() + " seats");
    }
    String refusal = hooks.joinAttempt(room, session, options);
    world.joinAttempted(session, options.toString(), refusal);
    if (refusal != null) {
      throw new RoomException(RoomError.JOIN_REFUSED, refusal);
    }
  }

  private RoomException refused(Session session, RoomError error, String message) {
    world.refused(session, "join", error.name(), message, 1);
    return new RoomException(error, message);
  }

  void created(JsonNode options) {
    this.options = options.toString();
    if (type.recording() != null) {
      try {
        recorder = Recorder.startRoom(world, type.recording(), System.currentTimeMillis(), type.name(), room.id(),
            options.toString(), type.persisted()); // a persistent room's id comes back: one directory per opening
      } catch (RuntimeException e) {
        LOG.warning("Room " + room.id() + " of type " + type.name() + " plays unrecorded: " + e.getMessage());
      }
    }
    run("created hook", () -> hooks.created(room, options));
    listeners.forEach(listener -> run("listener", () -> listener.roomCreated(room)));
  }

  void joined(Session session) {
    seated.add(session.userId());
    run("joined hook", () -> hooks.joined(room, session));
    world.seated(session, true, "JOINED");
    listeners.forEach(listener -> run("listener", () -> listener.playerJoined(room, session.userId())));
  }

  void left(Session session, LeaveReason reason) {
    seated.remove(session.userId());
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

  /** On the room's thread, between ticks: {@link Room#startRecording}, unless the room is ending. */
  void startRecording(RecordingSettings settings, boolean open) {
    if (recorder != null || !open) {
      return;
    }
    try {
      recorder = Recorder.startRoomInPlay(world, settings, System.currentTimeMillis(), type.name(), room.id(),
          options, List.copyOf(seated), room.locked());
    } catch (RuntimeException e) {
      LOG.warning("Room " + room.id() + " of type " + type.name() + " plays on unrecorded: " + e.getMessage());
    }
  }

  /** On the room's thread, between ticks: {@link Room#stopRecording}. */
  void stopRecording() {
    if (recorder != null) {
      recorder.stop();
      recorder = null;
    }
  }

  boolean recording() {
    return recorder != null;
  }

  private void run(String what, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "A " + what + " of room " + room.id() + " failed; the room goes on", e);
    }
  }
}
