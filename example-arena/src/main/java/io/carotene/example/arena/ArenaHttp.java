package io.carotene.example.arena;

import io.carotene.annotations.Backend;
import io.carotene.annotations.Http;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Profile;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.Ids;
import io.carotene.runtime.Rejection;
import io.carotene.runtime.auth.Tokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The Arena's web API beside the game: a development login and the list of players. */
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

  /** A new player's health. */
  static final int START_HEALTH = 100;

  static final int MAX_NAME_LENGTH = 32;

  /** What a login answers: the session token for the WebSocket, and the player it controls. */
  public record LoginResponse(String token, UUID playerId) {}

  /** What the player list answers. */
  public record PlayersResponse(List<Player> players) {}

  /** A player's display name, as given at login. */
  public record PlayerName(UUID id, String name) {}

  /** What the name list answers. */
  public record NamesResponse(List<PlayerName> names) {}

  /**
   * Display names by player id. Names are not part of the player model: they never change, so
   * they are fetched once over HTTP instead of riding in every snapshot. At most one per player
   * the store admitted, so bounded by its capacity.
   */
  private final Map<UUID, String> names = new ConcurrentHashMap<>();

  /**
   * Development login: puts a new player at a spawn point and returns a token whose subject is
   * the player's id. A real deployment gets its tokens from an identity provider instead. The id
   * comes from the world's {@link Ids}, so a replay of a recorded Arena creates the same players.
   */
  @Http(method = Http.Method.POST, path = "/api/login")
  LoginResponse login(String name, GameWorldStore world, ProfilesStore profiles, Tokens tokens, Ids ids) {
    checkName(name);
    String key = name.trim();
    if (!profiles.update(key, profile -> profile.gamesPlayed(profile.gamesPlayed() + 1))) {
      profiles.put(new Profile(key, 1, profiles.count() + 1)); // the n-th name seen: no wall clock, so a replay agrees
    }
    UUID id = ids.nextUuid();
    Vector3 spawn = spawnPoint(world.count());
    try {
      world.put(new Player(id, spawn, Vector3.ZERO, true, START_HEALTH));
    } catch (CaroteneConfigurationException full) { // the store is at its capacity
      throw new Rejection("The Arena is full; try again later");
    }
    names.put(id, name.trim());
    return new LoginResponse(tokens.issue(id.toString()), id);
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

  /** Every player in the Arena. */
  @Http(method = Http.Method.GET, path = "/api/players")
  PlayersResponse players(GameWorldView world) {
    return new PlayersResponse(world.all());
  }
}
