package io.carotene.runtime;

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
   * Ends the room: every seated player leaves with {@link LeaveReason#ROOM_ENDING}, the disposed
   * hook runs, and its stores' off-heap memory is freed. Idempotent.
   */
  void dispose();
}
