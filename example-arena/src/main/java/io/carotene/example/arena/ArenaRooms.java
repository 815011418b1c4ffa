package io.carotene.example.arena;

import io.carotene.annotations.Backend;
import io.carotene.annotations.OnJoin;
import io.carotene.annotations.OnJoinAttempt;
import io.carotene.annotations.OnLeave;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.Rejection;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.Session;
import java.time.Duration;
import java.util.UUID;

/**
 * An arena's life as a room: who may join, where a player appears, and that a player who is gone
 * (closed, or dropped and not back within the grace) leaves the arena. The shipped server hosts
 * arenas as rooms of {@link #TYPE}, created as players arrive ({@code joinOrCreate}).
 */
@Backend
public final class ArenaRooms {
  /** Arenas of 32 players; a dropped player keeps its seat, and its player, for 20 s. */
  public static final RoomType TYPE =
      RoomType.of("arena").withMaxClients(32).withReconnectGrace(Duration.ofSeconds(20));

  /**
   * The environment variable that sets the shipped server's seats per arena (default 32): a
   * benchmark puts every bot in one arena with it, as a Colyseus room of everyone
   * (carotene-benchmarks/colyseus).
   */
  public static final String PLAYERS_PER_ARENA_VARIABLE = "ARENA_PLAYERS_PER_ARENA";

  /**
   * {@link #TYPE} with {@code playersPerArena} seats ({@value #PLAYERS_PER_ARENA_VARIABLE}'s
   * value; null or blank: {@link #TYPE} as it is).
   *
   * @throws CaroteneConfigurationException if it is not a whole number from 1
   */
  public static RoomType type(String playersPerArena) {
    if (playersPerArena == null || playersPerArena.isBlank()) {
      return TYPE;
    }
    try {
      int seats = Integer.parseInt(playersPerArena.trim());
      if (seats >= 1) {
        return TYPE.withMaxClients(seats);
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw new CaroteneConfigurationException(PLAYERS_PER_ARENA_VARIABLE
        + " must be a whole number of players from 1 (unset: " + TYPE.maxClients() + "), got '" + playersPerArena + "'");
  }

  /** A new player's health. */
  static final int START_HEALTH = 100;

  /** Only a logged-in player may join: the session's user id is the player id login gave. */
  @OnJoinAttempt
  void mayJoin(Session session) {
    playerId(session);
  }

  /**
   * The player appears at the arena's next spawn point, standing, at full health; one the arena
   * already holds (put there by an admin tool or a test) stays as it is.
   */
  @OnJoin
  void spawn(Session session, GameWorldStore world) {
    UUID id = playerId(session);
    if (!world.contains(id)) {
      world.put(new Player(id, ArenaHttp.spawnPoint(world.count()), Vector3.ZERO, true, START_HEALTH));
    }
  }

  /**
   * The player is gone from the arena, whatever the reason, once its last seat is: a single-world
   * Arena gives each connection a seat, so a player connected twice stays while one is open.
   */
  @OnLeave
  void remove(Session session, Room room, GameWorldStore world) {
    if (!room.userIds().contains(session.userId())) {
      world.remove(playerId(session));
    }
  }

  private static UUID playerId(Session session) {
    try {
      return UUID.fromString(session.userId());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new Rejection("Log in first (POST /api/login): only a player may join an arena");
    }
  }
}
