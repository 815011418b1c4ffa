package io.carotene.example.arena;

import io.carotene.example.arena.Arena.Player;
import io.carotene.runtime.Flyweight;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * A mutable, reusable {@link Player}: what a store's in-place passes hand to game code. Generated
 * from {@link Player}; do not keep it past the call that handed it to you.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class MutablePlayer implements Flyweight<Player> {
  long idMostSigBits;

  long idLeastSigBits;

  final MutableVector3 position = new MutableVector3();

  final MutableVector3 velocity = new MutableVector3();

  boolean isGrounded;

  int health;

  /** The id; read only, since it is the entry's key. Allocates a {@link UUID}. */
  public UUID id() {
    return new UUID(idMostSigBits, idLeastSigBits);
  }

  /** The position, changed in place. */
  public MutableVector3 position() {
    return position;
  }

  public MutablePlayer position(Arena.Vector3 position) {
    this.position.set(position);
    return this;
  }

  /** The velocity, changed in place. */
  public MutableVector3 velocity() {
    return velocity;
  }

  public MutablePlayer velocity(Arena.Vector3 velocity) {
    this.velocity.set(velocity);
    return this;
  }

  public boolean isGrounded() {
    return isGrounded;
  }

  public MutablePlayer isGrounded(boolean isGrounded) {
    this.isGrounded = isGrounded;
    return this;
  }

  public int health() {
    return health;
  }

  public MutablePlayer health(int health) {
    this.health = health;
    return this;
  }

  @Override
  public void set(Player model) {
    UUID id = model.id();
    this.idMostSigBits = id.getMostSignificantBits();
    this.idLeastSigBits = id.getLeastSignificantBits();
    this.position.set(model.position());
    this.velocity.set(model.velocity());
    this.isGrounded = model.isGrounded();
    this.health = model.health();
  }

  @Override
  public Player toRecord() {
    return new Player(id(), position.toRecord(), velocity.toRecord(), isGrounded, health);
  }

  @Override
  public String toString() {
    return "MutablePlayer[id=" + id() + ", position=" + position + ", velocity=" + velocity
        + ", isGrounded=" + isGrounded + ", health=" + health + "]";
  }
}
