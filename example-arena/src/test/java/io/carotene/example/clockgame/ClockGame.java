package io.carotene.example.clockgame;

import io.carotene.annotations.Domain;
import io.carotene.annotations.Engine;
import io.carotene.annotations.Id;
import io.carotene.annotations.Store;

/**
 * A test fixture, not a game: a domain whose handler stores {@code System.nanoTime()}, which a
 * replay cannot repeat. Compiling it prints the processor's {@code Carotene/NondeterministicTime}
 * warning on purpose; {@code NondeterministicGameTest} shows the replay catching it too.
 */
@Domain("ClockGame")
public interface ClockGame {
  record Stamp(@Id int id, long nanos, int ticks) {}

  @Store(model = Stamp.class, engine = Engine.EPHEMERAL, capacity = 100)
  interface Stamps {}
}
