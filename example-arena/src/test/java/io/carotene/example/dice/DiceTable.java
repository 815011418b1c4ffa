package io.carotene.example.dice;

import io.carotene.annotations.Backend;
import io.carotene.annotations.Loop;
import io.carotene.annotations.Socket;
import io.carotene.example.dice.Dice.Throw;
import io.carotene.runtime.Ids;
import io.carotene.runtime.Rng;
import io.carotene.runtime.Room;
import io.carotene.runtime.Tick;
import io.carotene.runtime.record.RecordingSettings;

/** The table throws a die every fourth tick; a player throws some more, or has the room recorded. */
@Backend
public final class DiceTable {
  /** Where {@code Watch} records the room: a test sets it. */
  static volatile RecordingSettings recordTo;

  @Loop(every = "16ms")
  void throwEachTick(Tick tick, Rng random, Ids ids, ThrowsStore throwsStore) {
    if (tick.number() % 4 == 0) {
      throwsStore.put(new Throw(ids.nextLong(), 1 + random.nextInt(6), tick.number()));
    }
  }

  /** Throws {@code times} dice at once. */
  @Socket
  void throwDice(int times, Rng random, Ids ids, ThrowsStore throwsStore) {
    for (int i = 0; i < times; i++) {
      throwsStore.put(new Throw(ids.nextLong(), 1 + random.nextInt(6), -1));
    }
  }

  /** Records the room from now on: a moderator's "watch this table". */
  @Socket
  void watch(Room room) {
    room.startRecording(recordTo);
  }
}
