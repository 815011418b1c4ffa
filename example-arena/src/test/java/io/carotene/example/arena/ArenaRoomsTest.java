package io.carotene.example.arena;

import static io.carotene.test.CaroteneAssertions.assertThat;
import static io.carotene.test.TestIds.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.Session;
import io.carotene.test.CaroteneTest;
import io.carotene.test.Sandbox;
import io.carotene.test.SandboxRoom;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Arenas as rooms, on the sandbox's frozen clock: joining spawns, leaving removes, seats and grace. */
@CaroteneTest(Arena.class)
class ArenaRoomsTest {
  static final UUID ALICE = uuid("alice");
  static final UUID BOB = uuid("bob");
  static final Duration GRACE = ArenaRooms.TYPE.reconnectGrace();

  static Player player(SandboxRoom arena, UUID id) {
    return arena.store(GameWorldView.class).get(id);
  }

  @Test
  void joiningAnArenaSpawnsThePlayerStandingAtFullHealth(Sandbox sandbox) {
    SandboxRoom arena = sandbox.createRoom(ArenaRooms.TYPE);

    arena.join(ALICE);

    Player alice = player(arena, ALICE);
    assertThat(alice).isNotNull();
    assertThat(alice.health()).isEqualTo(ArenaRooms.START_HEALTH);
    assertThat(alice.isGrounded()).isTrue();
    assertThat(alice.position()).isEqualTo(ArenaHttp.spawnPoint(0));
  }

  @Test
  void aPlayerWhoClosesTheConnectionIsRemovedAtOnce(Sandbox sandbox) {
    SandboxRoom arena = sandbox.createRoom(ArenaRooms.TYPE);
    arena.join(ALICE);
    arena.join(BOB);

    arena.leave(ALICE);

    assertThat(arena.store(GameWorldView.class).contains(ALICE)).isFalse();
    assertThat(arena.store(GameWorldView.class).contains(BOB)).isTrue();
    assertThat(arena.userIds()).containsExactly(BOB.toString());
  }

  @Test
  void aDroppedPlayerIsRemovedExactlyWhenTheGraceEnds(Sandbox sandbox) {
    SandboxRoom arena = sandbox.createRoom(ArenaRooms.TYPE);
    arena.join(ALICE);
    arena.join(BOB);

    arena.drop(ALICE);
    sandbox.advance(GRACE.minusNanos(1));

    assertThat(arena.store(GameWorldView.class).contains(ALICE)).as("within the grace").isTrue();
    assertThat(arena.clients()).isEqualTo(2);

    sandbox.advance(Duration.ofNanos(1));

    assertThat(arena.store(GameWorldView.class).contains(ALICE)).as("the grace ended").isFalse();
    assertThat(arena.userIds()).containsExactly(BOB.toString());
    assertThatThrownBy(() -> arena.reconnect(ALICE))
        .isInstanceOfSatisfying(SandboxRoom.Refused.class, refused -> assertThat(refused.code()).isEqualTo("RESERVATION_EXPIRED"));
  }

  @Test
  void aPlayerWhoReconnectsWithinTheGraceKeepsPositionVelocityAndHealth(Sandbox sandbox) {
    SandboxRoom arena = sandbox.createRoom(ArenaRooms.TYPE);
    Session alice = arena.join(ALICE);
    assertThat(arena.call(alice, "HandleInput", ALICE, new Vector3(3f, 0f, 4f))).succeeds();
    arena.store(GameWorldStore.class).update(ALICE, player -> player.health(42));
    sandbox.advance(Duration.ofSeconds(1));
    Player before = player(arena, ALICE);

    arena.drop(ALICE);
    sandbox.advance(GRACE.minusSeconds(1));
    Session back = arena.reconnect(ALICE);
    Player after = player(arena, ALICE);

    assertThat(after.velocity()).isEqualTo(new Vector3(3f, 0f, 4f));
    assertThat(after.health()).isEqualTo(42);
    assertThat(after.position().x()).as("kept moving meanwhile").isGreaterThan(before.position().x());
    assertThat(arena.connected(ALICE)).isTrue();

    sandbox.advance(GRACE.multipliedBy(2));

    assertThat(arena.store(GameWorldView.class).contains(ALICE)).as("a reconnected player is not timed out by the old grace").isTrue();
    assertThat(arena.call(back, "HandleInput", ALICE, new Vector3(0f, 0f, 1f))).succeeds();
  }

  @Test
  void aFullArenaRefusesTheNextJoinWithItsMessage(Sandbox sandbox) {
    RoomType small = ArenaRooms.TYPE.withMaxClients(2);
    SandboxRoom arena = sandbox.createRoom(small);
    arena.join(ALICE);
    arena.join(BOB);

    assertThatThrownBy(() -> arena.join(uuid("carol")))
        .isInstanceOfSatisfying(SandboxRoom.Refused.class, refused -> {
          assertThat(refused.code()).isEqualTo("ROOM_FULL");
          assertThat(refused.reason()).isEqualTo("Room " + arena.id() + " is full: 2 seats");
        });
    assertThat(arena.store(GameWorldView.class).contains(uuid("carol"))).isFalse();
    assertThat(arena.store(GameWorldView.class).count()).isEqualTo(2);
  }

  @Test
  void aSessionThatIsNoPlayerIsRefusedWithTheArenasMessage(Sandbox sandbox) {
    SandboxRoom arena = sandbox.createRoom(ArenaRooms.TYPE);

    assertThatThrownBy(() -> arena.join("not-a-player-id"))
        .isInstanceOfSatisfying(SandboxRoom.Refused.class, refused -> {
          assertThat(refused.code()).isEqualTo("JOIN_REFUSED");
          assertThat(refused.reason()).isEqualTo("Log in first (POST /api/login): only a player may join an arena");
        });
    assertThat(arena.clients()).isZero();
  }

  @Test
  void twoArenasDoNotSeeEachOthersPlayers(Sandbox sandbox) {
    SandboxRoom first = sandbox.createRoom(ArenaRooms.TYPE);
    SandboxRoom second = sandbox.createRoom(ArenaRooms.TYPE);

    first.join(ALICE);
    second.join(BOB);
    sandbox.advance(Duration.ofSeconds(1));

    assertThat(first.store(GameWorldView.class).all()).extracting(Player::id).containsExactly(ALICE);
    assertThat(second.store(GameWorldView.class).all()).extracting(Player::id).containsExactly(BOB);
    assertThat(first.call(sandbox.session(BOB), "HandleInput", BOB, Vector3.ZERO))
        .isRejectedWith("Player " + BOB + " is not in this arena; join it first");
  }

  @Test
  void aKickedPlayerIsRemovedAndALockedArenaAcceptsNoOne(Sandbox sandbox) {
    SandboxRoom arena = sandbox.createRoom(ArenaRooms.TYPE);
    arena.join(ALICE);

    arena.kick(ALICE.toString(), "behave");
    arena.lock();

    assertThat(arena.store(GameWorldView.class).contains(ALICE)).isFalse();
    assertThatThrownBy(() -> arena.join(BOB))
        .isInstanceOfSatisfying(SandboxRoom.Refused.class, refused -> assertThat(refused.code()).isEqualTo("ROOM_LOCKED"));
    arena.unlock();
    arena.join(BOB);
    assertThat(arena.store(GameWorldView.class).contains(BOB)).isTrue();
  }

  @Test
  void anEmptyArenaEndsWhenItsLingerRunsOut(Sandbox sandbox) {
    SandboxRoom arena = sandbox.createRoom(ArenaRooms.TYPE.withLinger(Duration.ofSeconds(5)));
    arena.join(ALICE);
    arena.leave(ALICE);

    sandbox.advance(Duration.ofSeconds(5).minusNanos(1));
    assertThat(arena.ended()).isFalse();
    sandbox.advance(Duration.ofNanos(1));

    assertThat(arena.ended()).isTrue();
    assertThatThrownBy(() -> arena.join(BOB))
        .isInstanceOfSatisfying(SandboxRoom.Refused.class, refused -> assertThat(refused.code()).isEqualTo("ROOM_NOT_FOUND"));
  }
}
