package io.carotene.example.ledger;

import io.carotene.annotations.Domain;
import io.carotene.annotations.Engine;
import io.carotene.annotations.Id;
import io.carotene.annotations.Store;
import io.carotene.annotations.Visible;

/**
 * A test fixture, not a game: a domain whose stores are persisted in every room, as a guild hall's
 * ledger would be. A server of rooms keeps them only in persistent rooms (named by the game).
 * {@code Entries} is a fixed-size model (a slab file), {@code Notes} has text (a Chronicle Map
 * file).
 */
@Domain("Ledger")
public interface Ledger {
  /** An account: its balance, and deposits not yet settled (the loop moves one unit a tick). */
  record Entry(@Id long id, int amount, int pending) {}

  /** A note on an account. */
  record Note(@Id long id, String text) {}

  @Store(model = Entry.class, engine = Engine.PERSISTED, capacity = 16)
  @Visible
  interface Entries {}

  @Store(model = Note.class, engine = Engine.PERSISTED, capacity = 16)
  interface Notes {}
}
