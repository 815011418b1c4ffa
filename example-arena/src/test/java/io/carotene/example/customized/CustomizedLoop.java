package io.carotene.example.customized;

import io.carotene.annotations.Backend;
import io.carotene.annotations.Loop;
import io.carotene.runtime.Tick;

/** The loop whose ticks snapshots follow. */
@Backend
public final class CustomizedLoop {
  @Loop(every = "16ms")
  void tick(Tick tick, MarkersView markers) {}
}
