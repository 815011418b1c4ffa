package io.carotene.example.arena;

import static io.carotene.test.CaroteneAssertions.assertThat;
import static io.carotene.test.TestIds.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.ErrorCode;
import io.carotene.runtime.Session;
import io.carotene.test.CaroteneTest;
import io.carotene.test.Sandbox;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The seed's first proof, and the guards a game developer checks next. */
@CaroteneTest(Arena.class)
class AntiCheatTest {
  static final UUID PLAYER_1 = uuid("player_1");
  static final UUID PLAYER_2 = uuid("player_2");

  static Player standingAtOrigin(UUID id) {
    return new Player(id, Vector3.ZERO, Vector3.ZERO, true, 100);
  }

  @Test
  @DisplayName("Instantly rejects velocity inputs that exceed max speed")
  void instantlyRejectsVelocityInputsThatExceedMaxSpeed(Sandbox sandbox) {
    Session session = sandbox.session(PLAYER_1);
    sandbox.given(standingAtOrigin(PLAYER_1));
    Vector3 cheaterInput = new Vector3(100.0f, 0.0f, 100.0f);

    assertThat(sandbox.call(session, "HandleInput", PLAYER_1, cheaterInput))
        .isRejectedWith("Speed hack detected");
    assertThat(sandbox.store(GameWorldView.class).get(PLAYER_1).velocity()).isEqualTo(Vector3.ZERO);
  }

  @Test
  void rejectsInputJustOverMaxSpeedAndAcceptsInputAtMaxSpeed(Sandbox sandbox) {
    Session session = sandbox.session(PLAYER_1);
    sandbox.given(standingAtOrigin(PLAYER_1));

    assertThat(sandbox.call(session, "HandleInput", PLAYER_1, new Vector3(3.0f, 0f, 4.01f)))
        .isRejectedWith("Speed hack detected");
    assertThat(sandbox.call(session, "HandleInput", PLAYER_1, new Vector3(3.0f, 0f, 4.0f))).succeeds();
    assertThat(sandbox.store(GameWorldView.class).get(PLAYER_1).velocity())
        .isEqualTo(new Vector3(3.0f, 0f, 4.0f));
  }

  @Test
  void validInputSetsThePlayersVelocity(Sandbox sandbox) {
    sandbox.given(standingAtOrigin(PLAYER_1));
    Vector3 input = new Vector3(1.5f, 0f, -2.0f);

    assertThat(sandbox.call(sandbox.session(PLAYER_1), "HandleInput", PLAYER_1, input)).succeeds();

    Player after = sandbox.store(GameWorldView.class).get(PLAYER_1);
    assertThat(after.velocity()).isEqualTo(input);
    assertThat(after.position()).isEqualTo(Vector3.ZERO);
  }

  @Test
  void inputCannotLiftAPlayerOrCancelGravity(Sandbox sandbox) {
    sandbox.given(
        standingAtOrigin(PLAYER_1),
        new Player(PLAYER_2, new Vector3(0f, 10f, 0f), new Vector3(0f, -3f, 0f), false, 100));

    assertThat(sandbox.call(sandbox.session(PLAYER_1), "HandleInput", PLAYER_1, new Vector3(1f, 1000f, 0f))).succeeds();
    assertThat(sandbox.call(sandbox.session(PLAYER_2), "HandleInput", PLAYER_2, new Vector3(0f, 0f, 1f))).succeeds();

    GameWorldView world = sandbox.store(GameWorldView.class);
    assertThat(world.get(PLAYER_1).velocity()).isEqualTo(new Vector3(1f, 0f, 0f));
    assertThat(world.get(PLAYER_2).velocity()).isEqualTo(new Vector3(0f, -3f, 1f));
  }

  @Test
  void anotherPlayerCannotMoveYou(Sandbox sandbox) {
    sandbox.given(standingAtOrigin(PLAYER_1), standingAtOrigin(PLAYER_2));

    assertThat(sandbox.call(sandbox.session(PLAYER_2), "HandleInput", PLAYER_1, new Vector3(1f, 0f, 0f)))
        .isForbidden();
    assertThat(sandbox.store(GameWorldView.class).get(PLAYER_1).velocity()).isEqualTo(Vector3.ZERO);
  }

  @Test
  void anUnauthenticatedCallFails(Sandbox sandbox) {
    sandbox.given(standingAtOrigin(PLAYER_1));

    assertThat(sandbox.call(sandbox.anonymousSession(), "HandleInput", PLAYER_1, new Vector3(1f, 0f, 0f)))
        .isForbidden()
        .failsWith("HandleInput requires an authenticated session");
    assertThat(sandbox.store(GameWorldView.class).get(PLAYER_1).velocity()).isEqualTo(Vector3.ZERO);
  }

  @Test
  void inputForAPlayerWhoIsNotInTheWorldIsRejected(Sandbox sandbox) {
    assertThat(sandbox.call(sandbox.session(PLAYER_1), "HandleInput", PLAYER_1, new Vector3(1f, 0f, 0f)))
        .isRejectedWith("Player " + PLAYER_1 + " is not in this arena; join it first");
    assertThat(sandbox.store(GameWorldView.class).count()).isZero();
  }

  @Test
  void mistypedArgumentsAreABadRequestAndChangeNothing(Sandbox sandbox) {
    sandbox.given(standingAtOrigin(PLAYER_1));
    Session session = sandbox.session(PLAYER_1);

    assertThat(sandbox.call(session, "HandleInput", PLAYER_1.toString(), new Vector3(1f, 0f, 0f))).isBadRequest();
    assertThat(sandbox.call(session, "HandleInput", PLAYER_1)).isBadRequest();
    assertThat(sandbox.call(session, "NoSuchOperation")).failsWithCode(ErrorCode.BAD_REQUEST);
    assertThat(sandbox.store(GameWorldView.class).get(PLAYER_1).velocity()).isEqualTo(Vector3.ZERO);
  }
}
