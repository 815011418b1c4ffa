package io.carotene.example.arena;

import io.carotene.annotations.Domain;
import io.carotene.annotations.Engine;
import io.carotene.annotations.Id;
import io.carotene.annotations.Quantized;
import io.carotene.annotations.Scope;
import io.carotene.annotations.Store;
import io.carotene.annotations.Visible;
import java.util.UUID;

/** The seed's Arena: a 3D space, the players in it, and the in-memory world that holds them. */
@Domain("Arena")
public interface Arena {

  /** A point or a velocity in the Arena's space; y is up and the floor is y = 0. */
  record Vector3(float x, float y, float z) {
    public static final Vector3 ZERO = new Vector3(0, 0, 0);

    /** The length of this vector's projection on the floor (the x–z plane). */
    public double horizontalLength() {
      return Math.sqrt((double) x * x + (double) z * z);
    }
  }

  /**
   * One player: where they are, how they move, whether they stand on the floor.
   *
   * <p>Binary snapshots send the position and velocity quantized, 2 bytes a coordinate instead of
   * 4 (PROTOCOL.md, section 5.2). The position: ±1000 units in steps of 1/32 (3 cm, a client's
   * copy is off by at most 1.6 cm), 64,000 steps; players spawn within 8 × √10,000 = 800 units of
   * the centre (the store's capacity, see {@code ArenaHttp.spawnPoint}), and one who walks past
   * ±1000 is shown at the edge until they come back. The velocity: ±50 units/s in steps of 1/512,
   * 51,200 steps; players walk at up to 5, and a fall faster than 50 units/s (from about 127 units
   * up) is shown as 50.
   */
  record Player(
      @Id UUID id,
      @Quantized(min = -1000, max = 1000, precision = 1.0 / 32) Vector3 position,
      @Quantized(min = -50, max = 50, precision = 1.0 / 512) Vector3 velocity,
      boolean isGrounded,
      int health) {}

  /**
   * Every player, off-heap in RAM: fast, and gone when the server stops. A client sees the players
   * within {@link ArenaServerSettings#VIEW_RADIUS} of its own on the floor.
   */
  @Store(model = Player.class, engine = Engine.EPHEMERAL, capacity = 10_000)
  @Visible(radius = ArenaServerSettings.VIEW_RADIUS, x = "position.x", z = "position.z")
  interface GameWorld {}

  /** What the Arena remembers of a player by name across games: kept on disk. */
  /** {@code seenAs}: this name was the n-th the Arena ever saw (no wall clock, so a replay agrees). */
  record Profile(@Id String name, int gamesPlayed, int seenAs) {}

  /**
   * Every profile, in files under {@code CAROTENE_DATA_DIR}: it survives a restart, a deploy and
   * a crash, coming back as it was at the end of the last tick.
   */
  @Store(model = Profile.class, engine = Engine.PERSISTED, capacity = 10_000, scope = Scope.SERVER)
  interface Profiles {}
}
