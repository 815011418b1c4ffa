package io.carotene.example.arena;

import io.carotene.annotations.Authenticated;
import io.carotene.annotations.Backend;
import io.carotene.annotations.Loop;
import io.carotene.annotations.SessionUserMatches;
import io.carotene.annotations.Socket;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.Rejection;
import io.carotene.runtime.Tick;
import java.util.UUID;

/** The Arena's authoritative server: a 60 Hz physics tick and the players' input. */
@Backend
public final class GameServer {
  /** Acceleration on y while airborne, in units/s². */
  static final float GRAVITY = -9.8f;

  /** The fastest a player may move on the floor, in units/s; faster input is a cheat. */
  static final double MAX_SPEED = 5.0;

  /**
   * The 60 Hz tick: gravity pulls airborne players down, velocity moves everyone, and the floor
   * at y = 0 stops a fall and grounds the player. Runs in place over the off-heap store: no
   * allocation per player.
   */
  @Loop(every = "16ms")
  void physicsTick(Tick tick, GameWorldStore world) {
    float dt = tick.deltaSeconds();
    world.updateEach(player -> step(player, dt));
  }

  static void step(MutablePlayer player, float dt) {
    MutableVector3 position = player.position();
    MutableVector3 velocity = player.velocity();
    if (!player.isGrounded()) {
      velocity.y(velocity.y() + GRAVITY * dt);
    }
    position.x(position.x() + velocity.x() * dt);
    position.y(position.y() + velocity.y() * dt);
    position.z(position.z() + velocity.z() * dt);
    if (position.y() <= 0f) {
      position.y(0f);
      if (velocity.y() < 0f) {
        velocity.y(0f);
      }
      player.isGrounded(true);
    } else {
      player.isGrounded(false);
    }
  }

  /**
   * A player's joystick: sets their velocity on the floor (x and z). Only for yourself, and never
   * faster than {@link #MAX_SPEED}. The input's y is ignored: vertical motion belongs to the
   * server's physics, so a client cannot fly or hover by sending it (the seed set the whole
   * vector, which let a client cancel gravity).
   */
  @Socket
  @Authenticated
  @SessionUserMatches("playerId")
  void handleInput(UUID playerId, Vector3 inputVector, GameWorldStore world) {
    if (inputVector.horizontalLength() > MAX_SPEED) {
      throw new Rejection("Speed hack detected");
    }
    boolean found =
        world.update(playerId, player -> player.velocity().x(inputVector.x()).z(inputVector.z()));
    if (!found) {
      throw new Rejection("Player " + playerId + " is not in this arena; join it first");
    }
  }
}
