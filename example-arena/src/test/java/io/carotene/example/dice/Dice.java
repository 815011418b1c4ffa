package io.carotene.example.dice;

import io.carotene.annotations.Domain;
import io.carotene.annotations.Engine;
import io.carotene.annotations.Id;
import io.carotene.annotations.Store;

/**
 * A test fixture, not a game: a table whose loop and calls draw from the world's {@code Rng} and
 * {@code Ids}, and whose {@code Watch} call starts recording the room from inside a handler, as
 * game code that records a room once a player is reported would.
 */
@Domain("Dice")
public interface Dice {
  /** A die thrown: its face and the tick it was thrown at. */
  record Throw(@Id long id, int face, long tick) {}

  @Store(model = Throw.class, engine = Engine.EPHEMERAL, capacity = 2_000)
  interface Throws {}
}
