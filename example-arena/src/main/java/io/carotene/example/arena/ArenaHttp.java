package io.carotene.example.arena;

import io.carotene.annotations.Backend;
import io.carotene.annotations.Http;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Profile;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.Ids;
import io.carotene.runtime.Rejection;
import io.carotene.runtime.auth.Tokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The Arena's web API beside the game: a development login, and where a player spawns. */
@Backend
public final class ArenaHttp {
  /**
   * Spacing of spawn points: the n-th player to join appears at distance {@code SPAWN_SPACING ×
   * √n} from the centre, each one a golden angle further round. Players start spread evenly (about
   * one per π × {@code SPAWN_SPACING²} of floor) however many join, so a client's view radius holds a
   * bounded crowd rather than everyone.
   */
  static final float SPAWN_SPACING = 8f;

  private static final double GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

  /** Where the {@code n}-th player to join appears (n from 0), on the floor. */
  static Vector3 spawnPoint(int n) {
    double radius = SPAWN_SPACING * Math.sqrt(n + 0.5);
    double angle = n * GOLDEN_ANGLE;
    // StrictMath: bit-exact on every JVM, so a recorded Arena replays to the same spawn points.
    return new Vector3((float) (radius * StrictMath.cos(angle)), 0f, (float) (radius * StrictMath.sin(angle)));
  }

  static final int MAX_NAME_LENGTH = 32;

  /** What a login answers: the session token for matchmaking and the WebSocket, and the player it controls. */
  public record LoginResponse(String token, UUID playerId) {}

  /** A player's display name, as given at login. */
  public record PlayerName(UUID id, String name) {}

  /** What the player list answers. */
  public record PlayersResponse(List<Player> players) {}

  /** What the name list answers. */
  public record NamesResponse(List<PlayerName> names) {}

  /**
   * Display names by player id. Names are not part of the player model: they never change, so
   * they are fetched once over HTTP instead of riding in every snapshot. One per login, so
   * bounded by the logins this process answered.
   */
  private final Map<UUID, String> names = new ConcurrentHashMap<>();

  /**
   * Development login: counts the game in the name's profile and returns a token whose subject is
   * a new player id. Nothing is put in any arena yet: the player appears when it joins one ({@link
   * ArenaRooms}). A real deployment gets its tokens from an identity provider instead. The id comes
   * from the world's {@link Ids}, so a replay of a recorded Arena creates the same players.
   */
  @Http(method = Http.Method.POST, path = "/api/login")
  LoginResponse login(String name, ProfilesStore profiles, Tokens tokens, Ids ids) {
    checkName(name);
    String key = name.trim();
    if (!profiles.update(key, profile -> profile.gamesPlayed(profile.gamesPlayed() + 1))) {
      profiles.put(new Profile(key, 1, profiles.count() + 1)); // the n-th name seen: no wall clock, so a replay agrees
    }
    UUID id = ids.nextUuid();
    names.put(id, key);
    return new LoginResponse(tokens.issue(id.toString()), id);
  }

  /** What the rules answer: the limits a client plays within. */
  public record RulesResponse(double maxSpeed, int playersPerArena, long reconnectGraceMillis) {}

  /** The Arena's rules: how fast a player may move, how many share an arena, how long a dropped player keeps its seat. */
  @Http(method = Http.Method.GET, path = "/api/rules")
  RulesResponse rules() {
    return new RulesResponse(
        GameServer.MAX_SPEED, ArenaMain.configuredType().maxClients(), ArenaRooms.TYPE.reconnectGrace().toMillis());
  }

  /**
   * A name is 1 to {@value #MAX_NAME_LENGTH} characters once trimmed, counted as a reader counts
   * them (code points: an emoji is one), with no control characters and no unpaired surrogates.
   */
  static void checkName(String name) {
    String trimmed = name.trim();
    int length = trimmed.codePointCount(0, trimmed.length());
    boolean printable = name.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c));
    if (length == 0 || length > MAX_NAME_LENGTH || !printable) {
      throw new Rejection("A name must be 1 to " + MAX_NAME_LENGTH + " characters");
    }
  }

  /** A player's profile by name: how many games they have played since it was first seen. */
  @Http(method = Http.Method.POST, path = "/api/profile")
  Profile profile(String name, ProfilesView profiles) {
    return profiles.find(name.trim()).orElseThrow(() -> new Rejection("No profile named " + name.trim()));
  }

  /** The display names of the players who logged in. */
  @Http(method = Http.Method.GET, path = "/api/names")
  NamesResponse names() {
    return new NamesResponse(
        names.entrySet().stream().map(e -> new PlayerName(e.getKey(), e.getValue())).toList());
  }

  /**
   * Every player of one arena. It reads a room's store, so the shipped server of rooms serves it
   * as {@code GET /rooms/{roomId}/api/players}; a single-world Arena at its plain path.
   */
  @Http(method = Http.Method.GET, path = "/api/players")
  PlayersResponse players(GameWorldView world) {
    return new PlayersResponse(world.all());
  }
}
