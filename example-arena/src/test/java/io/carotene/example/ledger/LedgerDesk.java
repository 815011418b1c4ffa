package io.carotene.example.ledger;

import io.carotene.annotations.Backend;
import io.carotene.annotations.Loop;
import io.carotene.annotations.Socket;
import io.carotene.example.ledger.Ledger.Entry;
import io.carotene.example.ledger.Ledger.Note;
import io.carotene.runtime.Tick;

/** The ledger's loop settles deposits a unit a tick; its calls deposit and write notes. */
@Backend
public final class LedgerDesk {
  @Loop(every = "16ms")
  void settle(Tick tick, EntriesStore entries) {
    entries.updateEach(entry -> {
      if (entry.pending() > 0) {
        entry.pending(entry.pending() - 1);
        entry.amount(entry.amount() + 1);
      }
    });
  }

  /** Adds {@code amount} to {@code account}'s pending deposits, opening the account if needed. */
  @Socket
  void deposit(long account, int amount, EntriesStore entries) {
    if (!entries.update(account, entry -> entry.pending(entry.pending() + amount))) {
      entries.put(new Entry(account, 0, amount));
    }
  }

  /** Writes {@code text} as {@code account}'s note. */
  @Socket
  void note(long account, String text, NotesStore notes) {
    notes.put(new Note(account, text));
  }
}
