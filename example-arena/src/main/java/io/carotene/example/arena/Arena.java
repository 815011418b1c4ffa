package io.carotene.example.arena;

import io.carotene.annotations.Domain;
import io.carotene.annotations.Engine;
import io.carotene.annotations.Id;
import io.carotene.annotations.Store;
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

  /** One player: where they are, how they move, whether they stand on the floor. */
  record Player(@Id UUID id, Vector3 position, Vector3 velocity, boolean isGrounded, int health) {}

  /** Every player, off-heap in RAM: fast, and gone when the server stops. */
  @Store(model = Player.class, engine = Engine.EPHEMERAL, capacity = 10_000)
  interface GameWorld {}
}
