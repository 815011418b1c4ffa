package io.carotene.example.clockgame;

import io.carotene.annotations.Backend;
import io.carotene.annotations.Loop;
import io.carotene.annotations.Socket;
import io.carotene.example.clockgame.ClockGame.Stamp;
import io.carotene.runtime.Tick;

/** The fixture's backend: counts ticks, and stamps with the machine's time (the mistake). */
@Backend
public final class StampServer {
  @Loop(every = "100ms")
  void count(Tick tick, StampsStore stamps) {
    stamps.updateEach(stamp -> stamp.ticks(stamp.ticks() + 1));
  }

  @Socket
  void stamp(int id, StampsStore stamps) {
    stamps.put(new Stamp(id, System.nanoTime(), 0));
  }
}
