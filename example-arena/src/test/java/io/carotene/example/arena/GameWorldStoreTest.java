package io.carotene.example.arena;

import static io.carotene.test.TestIds.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.test.CaroteneTest;
import io.carotene.test.Sandbox;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The generated store over a real off-heap Chronicle Map, through the user's own types. */
@CaroteneTest(value = Arena.class, capacity = 3)
class GameWorldStoreTest {
  static final UUID ALICE = uuid("alice");
  static final UUID BOB = uuid("bob");

  static Player player(UUID id, float x) {
    return player(id, x, 90);
  }

  static Player player(UUID id, float x, int health) {
    return new Player(id, new Vector3(x, 2f, -x), new Vector3(0.5f, 0f, 0f), false, health);
  }

  @Test
  void aPutModelComesBackEqualFieldByField(Sandbox sandbox) {
    GameWorldStore world = sandbox.store(GameWorldStore.class);
    world.put(player(ALICE, 1.25f));

    assertThat(world.get(ALICE)).isEqualTo(player(ALICE, 1.25f));
    assertThat(world.find(BOB)).isEmpty();
    assertThat(world.contains(ALICE)).isTrue();
    assertThat(world.count()).isEqualTo(1);
  }

  @Test
  void updateChangesTheEntryInPlace(Sandbox sandbox) {
    GameWorldStore world = sandbox.store(GameWorldStore.class);
    world.put(player(ALICE, 1f));

    boolean found = world.update(ALICE, p -> p.health(42).position().y(7f));

    assertThat(found).isTrue();
    Player after = world.get(ALICE);
    assertThat(after.health()).isEqualTo(42);
    assertThat(after.position()).isEqualTo(new Vector3(1f, 7f, -1f));
    assertThat(world.update(BOB, p -> p.health(0))).isFalse();
    assertThat(world.contains(BOB)).isFalse();
  }

  @Test
  void updateEachWritesEveryEntryBack(Sandbox sandbox) {
    GameWorldStore world = sandbox.store(GameWorldStore.class);
    world.batchUpdate(List.of(player(ALICE, 1f), player(BOB, 2f)));

    world.updateEach(p -> p.health(p.health() - 10));

    assertThat(world.all()).extracting(Player::health).containsExactlyInAnyOrder(80, 80);
  }

  @Test
  void putReplacesAndRemoveDeletes(Sandbox sandbox) {
    GameWorldStore world = sandbox.store(GameWorldStore.class);
    world.put(player(ALICE, 1f));
    world.put(player(ALICE, 3f));

    assertThat(world.count()).isEqualTo(1);
    assertThat(world.get(ALICE).position().x()).isEqualTo(3f);
    assertThat(world.remove(ALICE)).isTrue();
    assertThat(world.remove(ALICE)).isFalse();
    assertThat(world.count()).isZero();
  }

  @Test
  void removingAnEntryKeepsEveryOtherEntryReachableById(Sandbox sandbox) {
    GameWorldStore world = sandbox.store(GameWorldStore.class);
    UUID carol = uuid("carol");
    world.batchUpdate(List.of(player(ALICE, 1f), player(BOB, 2f), player(carol, 3f)));

    world.remove(ALICE); // the last entry moves into the freed slot
    world.updateEach(p -> p.health(p.health() + 1));

    assertThat(world.count()).isEqualTo(2);
    assertThat(world.get(BOB)).isEqualTo(player(BOB, 2f, 91));
    assertThat(world.get(carol)).isEqualTo(player(carol, 3f, 91));
    assertThat(world.find(ALICE)).isEmpty();
    world.put(player(ALICE, 4f));
    assertThat(world.all()).extracting(Player::id).containsExactlyInAnyOrder(ALICE, BOB, carol);
  }

  @Test
  void removingDuringAPassTakesEffectWhenThePassEndsAndSparesTheOthers(Sandbox sandbox) {
    GameWorldStore world = sandbox.store(GameWorldStore.class);
    UUID carol = uuid("carol");
    world.batchUpdate(List.of(player(ALICE, 1f, 0), player(BOB, 2f, 50), player(carol, 3f, 60)));
    List<UUID> visited = new java.util.ArrayList<>();

    world.updateEach(p -> {
      visited.add(p.id());
      if (p.health() <= 0) {
        world.remove(p.id()); // the dead leave; the last entry must not be overwritten or skipped
      } else {
        p.health(p.health() + 1);
      }
    });

    assertThat(visited).containsExactlyInAnyOrder(ALICE, BOB, carol);
    assertThat(world.find(ALICE)).isEmpty();
    assertThat(world.get(BOB)).isEqualTo(player(BOB, 2f, 51));
    assertThat(world.get(carol)).isEqualTo(player(carol, 3f, 61));
    assertThat(world.count()).isEqualTo(2);
  }

  @Test
  void aPassMayUpdateAnotherEntryWithoutCorruptingItsOwn(Sandbox sandbox) {
    GameWorldStore world = sandbox.store(GameWorldStore.class);
    world.batchUpdate(List.of(player(ALICE, 1f, 100), player(BOB, 2f, 100)));

    world.updateEach(p -> {
      if (p.id().equals(ALICE)) {
        world.update(BOB, other -> other.health(other.health() - 30)); // Alice hits Bob
        p.position().x(10f);
      }
    });

    assertThat(world.get(ALICE)).isEqualTo(new Player(ALICE, new Vector3(10f, 2f, -1f), new Vector3(0.5f, 0f, 0f), false, 100));
    assertThat(world.get(BOB).health()).isEqualTo(70);
    assertThat(world.get(BOB).position().x()).isEqualTo(2f);
  }

  @Test
  void aPassInsideAPassIsRefusedWithAMessage(Sandbox sandbox) {
    GameWorldStore world = sandbox.store(GameWorldStore.class);
    world.put(player(ALICE, 1f));

    assertThatThrownBy(() -> world.updateEach(p -> world.updateEach(q -> q.health(0))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GameWorld: updateEach and readEach cannot run inside another");
    assertThat(world.get(ALICE).health()).isEqualTo(90);
    world.updateEach(p -> p.health(1)); // the store is usable again after the failed pass
    assertThat(world.get(ALICE).health()).isEqualTo(1);
  }

  @Test
  void getOfAMissingIdNamesTheStoreAndTheId(Sandbox sandbox) {
    GameWorldView world = sandbox.store(GameWorldView.class);

    assertThatThrownBy(() -> world.get(BOB))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("GameWorld has no entry with id " + BOB);
  }

  @Test
  void aFullStoreRefusesANewEntryAndSaysWhichSettingToRaise(Sandbox sandbox) {
    GameWorldStore world = sandbox.store(GameWorldStore.class);
    world.batchUpdate(List.of(player(uuid("a"), 1), player(uuid("b"), 2), player(uuid("c"), 3)));

    assertThatThrownBy(() -> world.put(player(uuid("d"), 4)))
        .isInstanceOf(CaroteneConfigurationException.class)
        .hasMessageContaining("capacity of 3")
        .hasMessageContaining("@Store(capacity = ...)");
    world.put(player(uuid("a"), 9)); // replacing an entry still works when full
    assertThat(world.get(uuid("a")).position().x()).isEqualTo(9f);
  }
}
