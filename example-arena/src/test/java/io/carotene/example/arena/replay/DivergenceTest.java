package io.carotene.example.arena.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.example.arena.Arena;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.test.CaroteneTest;
import io.carotene.test.Replay;
import io.carotene.test.ReplayDivergence;
import io.carotene.test.ReplayDivergence.FieldDifference;
import io.carotene.test.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal changed after the fact: the replay names the tick, the entity and its fields. */
@CaroteneTest(Arena.class)
class DivergenceTest {
  static final UUID RUNNER = new UUID(0xAAAA, 1);
  static final UUID BYSTANDER = new UUID(0xBBBB, 2);

  @TempDir Path recordings;

  @Test
  void oneChangedByteOfAnArgumentIsReportedAtItsTickNamingTheEntityAndItsFields(Sandbox sandbox) {
    Path recording = sandbox.record(RecordingSettings.into(recordings).withChecksumEvery(1, 1));
    sandbox.given(new Player(RUNNER, Vector3.ZERO, Vector3.ZERO, true, 100));
    sandbox.given(new Player(BYSTANDER, new Vector3(10f, 0f, 10f), Vector3.ZERO, true, 100));
    long ticksBefore = sandbox.advance(Duration.ofSeconds(2));
    sandbox.call(sandbox.session(RUNNER), "HandleInput", RUNNER, JournalEdits.MARKER);
    sandbox.advance(Duration.ofSeconds(1));
    sandbox.recorder().close();
    assertThat(Replay.of(new ArenaApplication(), recording).replay().checksums()).isEqualTo(187);

    JournalEdits.changeOneByteOfTheMarker(recording);

    assertThatThrownBy(() -> Replay.of(new ArenaApplication(), recording).replay())
        .isInstanceOfSatisfying(ReplayDivergence.class, divergence -> {
          assertThat(divergence.tick()).isEqualTo(ticksBefore + 1);
          assertThat(divergence.stateTick()).isEqualTo(ticksBefore + 1);
          assertThat(divergence.entities()).singleElement().satisfies(entity -> {
            assertThat(entity.store()).isEqualTo("GameWorld");
            assertThat(entity.id()).isEqualTo(RUNNER);
            assertThat(entity.fields())
                .contains(new FieldDifference("velocity.x", 1.375f, JournalEdits.CHANGED_X))
                .extracting(FieldDifference::field)
                .containsExactly("position.x", "velocity.x");
          });
        })
        .hasMessageContaining("Replay diverged at tick " + (ticksBefore + 1))
        .hasMessageContaining("GameWorld " + RUNNER)
        .hasMessageContaining("velocity.x: recorded 1.375, replayed 1.4375");
  }
}
