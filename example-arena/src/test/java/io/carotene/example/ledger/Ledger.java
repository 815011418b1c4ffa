package io.carotene.example.ledger;

import io.carotene.annotations.Domain;
import io.carotene.annotations.Engine;
import io.carotene.annotations.Id;
import io.carotene.annotations.Store;

/** A domain whose one store is persisted in every room: a server of rooms refuses it. */
@Domain("Ledger")
public interface Ledger {
  record Entry(@Id long id, int amount) {}

  @Store(model = Entry.class, engine = Engine.PERSISTED, capacity = 16)
  interface Entries {}
}
