package io.carotene.runtime;

import io.carotene.runtime.record.RecordingSettings;
import java.util.List;
import java.util.Map;

/**
 * A room: one independent {@link World} of a domain, with its own stores, loops, snapshot stream
 * and seats, owned by one world thread for its whole life. Game code gets its room in the
 * lifecycle hooks; every method is safe from any thread (what changes the room runs on its own
 * thread).
 */
public interface Room {
  /**
   * The room's id, unique among the process's open rooms, what {@code /matchmake/join/{roomId}}
   * takes: unguessable, or for a room of a persistent type ({@link RoomType#persistent()}) the name
   * the game gave it.
   */
  String id();

  /** The room type's name (the domain's name for a single-world server's room). */
  String type();

  /** The room's world. Touch it only on the room's thread (in hooks, loops and handlers). */
  World world();

  /** Seats taken now: connected players, players within their reconnection grace, reservations. */
  int clients();

  /** The user ids holding a seat now. */
  List<String> userIds();

  /** The most seats the room gives out. */
  int maxClients();

  /** Whether the room refuses new players (players holding a seat may still reconnect). */
  boolean locked();

  /** Refuses new players from now on ({@code ROOM_LOCKED}). */
  void lock();

  /** Accepts new players again. */
  void unlock();

  /**
   * What the game says about the room in {@code GET /rooms} and matches with joinOrCreate's
   * filters (a mode, a map): a live, thread-safe map; values are written as JSON.
   */
  Map<String, Object> metadata();

  /**
   * Frees {@code userId}'s seat: the leave hook runs with {@link LeaveReason#KICKED} and the
   * connection is closed (1000) with {@code reason}. Nothing happens if the user holds no seat.
   */
  void kick(String userId, String reason);

  /**
   * Starts recording this room from now on, with {@code settings}, into {@code
   * <directory>/<type>/<id>@<UTC time>/} (the runtime's README, "Record and replay"): to record a
   * match once a player is reported, say, in a server that does not record every room. The
   * recording begins between two ticks, after the call, hook or tick under way, on the room's
   * thread: its start keeps the world as it is then (every store's entries, where its {@link Rng}
   * and {@link Ids} are, who holds a seat), and its replay restores that world and goes on from
   * there, bit for bit. Nothing happens if the room is recorded already or has ended; a recording
   * that cannot start (its directory is not writable) is logged and the room plays on.
   */
  void startRecording(RecordingSettings settings);

  /**
   * Stops this room's recording between two ticks, as {@link #startRecording} starts it; the room
   * plays on, and the journal, which says it was stopped, replays up to its last tick. Nothing
   * happens if the room is not recorded.
   */
  void stopRecording();

  /**
   * Whether the room is recorded now: from its creation (its type's or the server's setting) or
   * since {@link #startRecording}. A start or stop asked for takes effect between two ticks.
   */
  boolean isRecording();

  /**
   * Ends the room: every seated player leaves with {@link LeaveReason#ROOM_ENDING}, the disposed
   * hook runs, and its stores' off-heap memory is freed. Idempotent.
   */
  void dispose();
}
