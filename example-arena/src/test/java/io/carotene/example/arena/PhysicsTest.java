package io.carotene.example.arena;

import static io.carotene.test.CaroteneAssertions.assertThat;
import static io.carotene.test.TestIds.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.test.CaroteneTest;
import io.carotene.test.Sandbox;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The seed's second proof, and what a game developer checks next about the tick. */
@CaroteneTest(Arena.class)
class PhysicsTest {
  static final UUID PLAYER_1 = uuid("player_1");
  static final UUID PLAYER_2 = uuid("player_2");
  static final float DT = 0.016f;

  @Test
  @DisplayName("Gravity pulls airborne players to the floor")
  void gravityPullsAirbornePlayersToTheFloor(Sandbox sandbox) {
    sandbox.given(new Player(PLAYER_1, new Vector3(0.0f, 10.0f, 0.0f), Vector3.ZERO, false, 100));

    sandbox.triggerLoop("PhysicsTick");

    Player postTickPlayer = sandbox.store(GameWorldView.class).get(PLAYER_1);
    assertThat(postTickPlayer.position().y()).isLessThan(10.0f);
    assertThat(postTickPlayer.velocity().y()).isEqualTo(-9.8f * DT);
    assertThat(postTickPlayer.position().y()).isCloseTo(10.0f - 9.8f * DT * DT, within(1e-5f));
    assertThat(postTickPlayer.isGrounded()).isFalse();
  }

  @Test
  void triggeringALoopRunsExactlyOneTickAndAdvancesTheClockByItsPeriod(Sandbox sandbox) {
    long before = sandbox.clock().nanoTime();

    sandbox.triggerLoop("PhysicsTick");

    assertThat(sandbox.loopStats("PhysicsTick").ticks()).isEqualTo(1);
    assertThat(sandbox.clock().nanoTime() - before).isEqualTo(Duration.ofMillis(16).toNanos());
  }

  @Test
  void velocityMovesAGroundedPlayerAlongTheFloor(Sandbox sandbox) {
    sandbox.given(new Player(PLAYER_1, Vector3.ZERO, new Vector3(2.0f, 0f, -1.0f), true, 100));

    sandbox.triggerLoop("PhysicsTick");

    Player after = sandbox.store(GameWorldView.class).get(PLAYER_1);
    assertThat(after.position().x()).isEqualTo(2.0f * DT);
    assertThat(after.position().z()).isEqualTo(-1.0f * DT);
    assertThat(after.position().y()).isZero();
    assertThat(after.isGrounded()).isTrue();
  }

  @Test
  void aFallingPlayerLandsOnTheFloorAndStaysThere(Sandbox sandbox) {
    sandbox.given(new Player(PLAYER_1, new Vector3(0f, 1.0f, 0f), Vector3.ZERO, false, 100));

    // From 1 unit up, a fall under -9.8 takes about 0.45 s; two seconds is plenty.
    sandbox.advance(Duration.ofSeconds(2));

    Player landed = sandbox.store(GameWorldView.class).get(PLAYER_1);
    assertThat(landed.position().y()).isZero();
    assertThat(landed.velocity().y()).isZero();
    assertThat(landed.isGrounded()).isTrue();

    sandbox.advance(Duration.ofSeconds(1));

    assertThat(sandbox.store(GameWorldView.class).get(PLAYER_1)).isEqualTo(landed);
  }

  @Test
  void advancingOneSecondRunsTheTicksTheGridSays(Sandbox sandbox) {
    // Ticks fall at 16 ms, 32 ms, ... : 62 of them by 1 s (992 ms), then 63 more by 2 s (2000 ms).
    assertThat(sandbox.advance(Duration.ofSeconds(1))).isEqualTo(62);
    assertThat(sandbox.advance(Duration.ofSeconds(1))).isEqualTo(63);
    assertThat(sandbox.loopStats("PhysicsTick").ticks()).isEqualTo(125);
    assertThat(sandbox.loopStats("PhysicsTick").skipped()).isZero();
  }

  @Test
  void everyPlayerMovesInTheSameTick(Sandbox sandbox) {
    sandbox.given(
        new Player(PLAYER_1, Vector3.ZERO, new Vector3(1f, 0f, 0f), true, 100),
        new Player(PLAYER_2, new Vector3(0f, 5f, 0f), Vector3.ZERO, false, 80));

    sandbox.triggerLoop("physicsTick");

    GameWorldView world = sandbox.store(GameWorldView.class);
    assertThat(world.get(PLAYER_1).position().x()).isEqualTo(DT);
    assertThat(world.get(PLAYER_2).position().y()).isLessThan(5f);
    assertThat(world.get(PLAYER_2).health()).isEqualTo(80);
  }

  @Test
  void inputThenTickMovesThePlayerAtTheInputVelocity(Sandbox sandbox) {
    sandbox.given(new Player(PLAYER_1, Vector3.ZERO, Vector3.ZERO, true, 100));

    assertThat(sandbox.call(sandbox.session(PLAYER_1), "HandleInput", PLAYER_1, new Vector3(0f, 0f, 5f)))
        .succeeds();
    sandbox.advance(Duration.ofMillis(160));

    Player after = sandbox.store(GameWorldView.class).get(PLAYER_1);
    assertThat(after.position().z()).isCloseTo(5f * DT * 10, within(1e-4f));
    assertThat(after.position().y()).isZero();
  }
}
