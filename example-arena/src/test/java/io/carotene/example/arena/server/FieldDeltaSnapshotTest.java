package io.carotene.example.arena.server;

import static io.carotene.example.arena.server.BinarySnapshotTest.id;
import static io.carotene.example.arena.server.BinarySnapshotTest.mismatch;
import static io.carotene.example.arena.server.BinarySnapshotTest.still;
import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.GameWorldStore;
import io.carotene.example.arena.server.BinarySnapshotTest.Follower;
import io.carotene.runtime.snapshot.StoreTracker;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServerExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What format v2 adds to binary snapshots (PROTOCOL.md, section 5.2), over a real WebSocket: an
 * entry is named by a short handle, freed when it leaves the client's view and given to another
 * entry only once no baseline the client may name can still hold it; an update carries only the
 * fields that changed, a small movement in a byte per quantized field. Asserts bytes and states,
 * never time.
 */
class FieldDeltaSnapshotTest {
  @RegisterExtension
  static final TestServerExtension arena = TestServerExtension.of(ArenaApplication::new);

  TestServer server;

  @BeforeEach
  void emptyWorld(TestServer started) {
    server = started;
    server.onWorld(world -> {
      world.store(GameWorldStore.class).clear();
      return null;
    });
  }

  void put(Player... players) {
    server.onWorld(world -> {
      for (Player player : players) {
        world.store(GameWorldStore.class).put(player);
      }
      return null;
    });
  }

  void remove(UUID id) {
    server.onWorld(world -> world.store(GameWorldStore.class).remove(id));
  }

  Map<String, Map<String, Object>> visibleTo(UUID viewer) {
    return server.onWorld(world -> BinarySnapshotTest.visible(world.store(GameWorldStore.class), viewer, BinarySnapshotTest.RADIUS));
  }

  /** The handle the client holds for {@code id}, or null. */
  static Long handleOf(Follower follower, UUID id) {
    for (Map.Entry<Long, String> entry : follower.decoder.handles("GameWorld").entrySet()) {
      if (entry.getValue().equals(id.toString())) {
        return entry.getKey();
      }
    }
    return null;
  }

  @Test
  void aHandleFreedWhenItsPlayerLeavesIsGivenToAnotherPlayerOnlyAfterTheHistory() {
    // A server of its own: no handles freed by other tests before this one's.
    try (TestServer own = TestServer.builder(new ArenaApplication()).start()) {
      server = own;
      handleReuse();
    }
  }

  private void handleReuse() {
    UUID me = id(1);
    UUID leaver = id(2);
    put(still(me, 0, 0), still(leaver, 3, 3));
    try (Follower follower = new Follower(server.connectBinary(server.tokens().issue(me.toString())))) {
      follower.awaitState(visibleTo(me));
      Long freed = handleOf(follower, leaver);
      assertThat(freed).isNotNull();

      remove(leaver);
      UUID early = id(3); // joins at once: the freed handle may still be in a baseline
      put(still(early, 4, 4));
      follower.awaitState(visibleTo(me));
      assertThat(handleOf(follower, early)).as("a handle freed within the history").isNotEqualTo(freed);

      for (int i = 0; i < StoreTracker.HISTORY + 2; i++) { // every frame applied and acked
        follower.step(true, true);
      }
      UUID late = id(4);
      put(still(late, 5, 5));
      follower.awaitState(visibleTo(me));
      assertThat(handleOf(follower, late)).as("the freed handle, reused").isEqualTo(freed);
      assertThat(follower.decoder.handles("GameWorld")).hasSize(3);
    }
  }

  @Test
  void aPlayerLeavingViewIsRemovedByHandleAndSentWholeWhenItComesBack() {
    UUID me = id(1);
    UUID walker = id(2);
    put(still(me, 0, 0), still(walker, 10, 0));
    try (Follower follower = new Follower(server.connectBinary(server.tokens().issue(me.toString())))) {
      follower.awaitState(visibleTo(me));
      put(still(walker, 80, 0)); // out of the 50-unit view
      follower.awaitState(visibleTo(me));
      assertThat(handleOf(follower, walker)).isNull();
      put(still(walker, 20, 0)); // back
      for (int i = 0; i < 600 && handleOf(follower, walker) == null; i++) {
        follower.step(true, true);
      }
      assertThat(follower.decoder.last().baseline()).as("a delta brought it back").isNotZero();
      assertThat(follower.decoder.last().entered()).as("sent whole, with its id").isEqualTo(1);
      assertThat(mismatch(follower.decoder, visibleTo(me))).isNull();
    }
  }

  @Test
  void playersWalkingOnTheFloorCostAFewBytesEachPerSnapshot() {
    UUID me = id(0);
    int walkers = 20;
    put(still(me, 0, 0));
    for (int i = 1; i <= walkers; i++) {
      // 4 units/s along x and 3 along z: about two steps of 1/32 a tick on each axis.
      put(new Player(id(i), new Vector3(i, 0, -i), new Vector3(4, 0, 3), true, 100));
    }
    try (Follower follower = new Follower(server.connectBinary(server.tokens().issue(me.toString())))) {
      for (int i = 0; i < 5; i++) {
        follower.step(true, true); // they never stand still: no state to await, a few frames in
      }
      assertThat(follower.decoder.handles("GameWorld")).hasSize(walkers + 1);
      int measured = 0;
      for (int i = 0; i < 60; i++) {
        byte[] frame = follower.client.nextBinarySnapshot();
        follower.decoder.apply(frame);
        follower.client.ack(follower.decoder.last().tick());
        if (follower.decoder.last().baseline() == 0 || follower.decoder.last().updated() < walkers) {
          continue; // a full frame, or a tick in which not every walker crossed a step
        }
        assertThat(follower.decoder.last().entered() + follower.decoder.last().removed()).isZero();
        // Header (type, flags, tick, ack, since, store count) and three counts: at most 2+3+2+1+1+1+3 bytes.
        int perWalker = (frame.length - 13) / follower.decoder.last().updated();
        assertThat(perWalker).as("bytes per walking player in frame of %d bytes", frame.length).isLessThanOrEqualTo(6);
        measured++;
      }
      assertThat(measured).as("deltas in which every walker moved").isPositive();
    }
  }
}
