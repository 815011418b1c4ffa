package io.carotene.example.clockgame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.record.RecordingSettings;
import io.carotene.test.CaroteneTest;
import io.carotene.test.Replay;
import io.carotene.test.ReplayDivergence;
import io.carotene.test.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A handler that stores System.nanoTime(): the replay catches it at the tick after the call. */
@CaroteneTest(ClockGame.class)
class NondeterministicGameTest {
  @TempDir Path recordings;

  @Test
  void aHandlerThatStoresTheMachinesTimeDivergesAtReplayNamingTheField(Sandbox sandbox) throws Exception {
    Path recording = sandbox.record(RecordingSettings.into(recordings).withChecksumEvery(1, 1));
    sandbox.advance(Duration.ofMillis(300));
    sandbox.call(sandbox.anonymousSession(), "Stamp", 7);
    sandbox.advance(Duration.ofMillis(300));
    sandbox.recorder().close();
    Thread.sleep(1); // nanoTime moves on for certain before the replay reads it again

    assertThatThrownBy(() -> Replay.of(new ClockGameApplication(), recording).replay())
        .isInstanceOfSatisfying(ReplayDivergence.class, divergence -> {
          assertThat(divergence.tick()).isEqualTo(4);
          assertThat(divergence.entities()).singleElement().satisfies(entity -> {
            assertThat(entity.id()).isEqualTo(7);
            assertThat(entity.fields()).extracting(f -> f.field()).containsExactly("nanos");
          });
        });
  }
}
