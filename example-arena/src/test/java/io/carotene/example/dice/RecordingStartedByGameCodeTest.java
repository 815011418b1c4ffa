package io.carotene.example.dice;

import static io.carotene.test.CaroteneAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.dice.Dice.Throw;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.Session;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.test.CaroteneTest;
import io.carotene.test.RecordingSummary;
import io.carotene.test.Replay;
import io.carotene.test.Sandbox;
import io.carotene.test.SandboxRoom;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording asked for by a handler starts once that call is over (the call itself is not in it,
 * its effect is in the world the recording found), and its replay draws the same numbers and ids
 * as the room did after the start, because the start kept where the room's {@code Rng} and {@code
 * Ids} were.
 */
@CaroteneTest(Dice.class)
class RecordingStartedByGameCodeTest {
  @TempDir Path recordings;

  static List<Throw> all(Iterable<Throw> throwsMade) {
    List<Throw> all = new ArrayList<>();
    throwsMade.forEach(all::add);
    all.sort(Comparator.comparingLong(Throw::id));
    return all;
  }

  @Test
  void aRecordingAskedForInsideAHandlerStartsAfterItAndItsReplayDrawsTheSameNumbersAndIds(Sandbox sandbox) {
    DiceTable.recordTo = RecordingSettings.into(recordings).withChecksumEvery(1, 1);
    SandboxRoom room = sandbox.createRoom(RoomType.of("table"), null);
    Session player = room.join("p1");
    sandbox.advance(Duration.ofSeconds(1)); // 15 throws drawn before anyone records
    assertThat(room.call(player, "ThrowDice", 3)).succeeds();

    assertThat(room.call(player, "Watch")).succeeds();
    assertThat(room.isRecording()).as("started once the call was over").isTrue();
    sandbox.advance(Duration.ofSeconds(1));
    assertThat(room.call(player, "ThrowDice", 5)).succeeds();
    sandbox.advance(Duration.ofSeconds(1));
    List<Throw> atTheEnd = all(room.store(ThrowsView.class).all());
    room.dispose();

    RecordingSummary summary = RecordingSummary.read(room.recording());
    Replay.Result replayed = Replay.of(new DiceApplication(), room.recording()).replay();

    assertThat(atTheEnd).hasSize(15 + 3 + 31 + 5);
    assertThat(summary.midRoom()).isTrue();
    assertThat(summary.calls()).as("ThrowDice after the start; not Watch, which ran before it").isEqualTo(1);
    assertThat(replayed.ticks()).isEqualTo(125);
    assertThat(replayed.checksums()).isEqualTo(125);
    try (Sandbox atTheLastTick = Replay.of(new DiceApplication(), room.recording()).replayUntil(125)) {
      assertThat(all(atTheLastTick.store(ThrowsView.class).all())).isEqualTo(atTheEnd);
    }
  }
}
