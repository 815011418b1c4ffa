package ${package};

import static io.carotene.test.CaroteneAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import ${package}.Tag.Runner;
import io.carotene.test.CaroteneTest;
import io.carotene.test.Sandbox;
import io.carotene.test.TestIds;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The game's rules on the real off-heap world, with time frozen: each tick is one you trigger. */
@CaroteneTest(Tag.class)
class TagGameTest {
  static final UUID ALICE = TestIds.uuid("alice");
  static final UUID BOB = TestIds.uuid("bob");

  @Test
  void eachTickMovesARunnerByItsSpeed(Sandbox sandbox) {
    sandbox.given(new Runner(ALICE, 0f, 0f, 4f, -2f));

    sandbox.triggerLoop("Move"); // one 50 ms tick

    Runner alice = sandbox.store(FieldView.class).get(ALICE);
    assertThat(alice.x()).isEqualTo(0.2f);
    assertThat(alice.z()).isEqualTo(-0.1f);
  }

  @Test
  void aRunnerStopsAtTheEdgeOfTheField(Sandbox sandbox) {
    sandbox.given(new Runner(ALICE, 99.9f, 0f, 8f, 0f));

    sandbox.triggerLoop("Move");

    assertThat(sandbox.store(FieldView.class).get(ALICE).x()).isEqualTo(TagGame.FIELD_EDGE);
  }

  @Test
  void aRunnerSteersItself(Sandbox sandbox) {
    sandbox.given(new Runner(ALICE, 0f, 0f, 0f, 0f));

    assertThat(sandbox.call(sandbox.session(ALICE), "Steer", ALICE, 3f, 4f)).succeeds();

    Runner alice = sandbox.store(FieldView.class).get(ALICE);
    assertThat(alice.dx()).isEqualTo(3f);
    assertThat(alice.dz()).isEqualTo(4f);
  }

  @Test
  void steeringFasterThanTheMaximumIsRejected(Sandbox sandbox) {
    sandbox.given(new Runner(ALICE, 0f, 0f, 0f, 0f));

    assertThat(sandbox.call(sandbox.session(ALICE), "Steer", ALICE, 8f, 1f))
        .isRejectedWith("Too fast: at most 8.0 units a second");
    assertThat(sandbox.store(FieldView.class).get(ALICE).dx()).isZero();
  }

  @Test
  void nobodySteersSomeoneElsesRunner(Sandbox sandbox) {
    sandbox.given(new Runner(ALICE, 0f, 0f, 0f, 0f), new Runner(BOB, 0f, 0f, 0f, 0f));

    assertThat(sandbox.call(sandbox.session(BOB), "Steer", ALICE, 1f, 0f)).isForbidden();
    assertThat(sandbox.call(sandbox.anonymousSession(), "Steer", ALICE, 1f, 0f)).isForbidden();
    assertThat(sandbox.store(FieldView.class).get(ALICE).dx()).isZero();
  }
}
