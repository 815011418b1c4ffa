package io.carotene.example.arena.server;

import static io.carotene.example.arena.server.BinarySnapshotTest.id;
import static io.carotene.example.arena.server.BinarySnapshotTest.mismatch;
import static io.carotene.example.arena.server.BinarySnapshotTest.moving;
import static io.carotene.example.arena.server.BinarySnapshotTest.still;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.ArenaServerSettings;
import io.carotene.example.arena.GameWorldStore;
import io.carotene.example.arena.server.BinarySnapshotTest.Follower;
import io.carotene.example.arena.server.BinarySnapshotTest.ServerStates;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.RoomType;
import io.carotene.test.server.SnapshotDecoder;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A snapshot rate apart from the tick rate (PROTOCOL.md, section 5): with a snapshot after every
 * third tick, every snapshot shows a tick whose number 3 divides, binary deltas rebuild each such
 * tick's state exactly across churn and skipped ticks, and an input the world ran at a tick that
 * was not sent is acknowledged by the next snapshot, which already shows its effect. Asserts
 * states, never time.
 */
class SnapshotRateTest {
  static final int EVERY = 3;

  static TestServer start() {
    return TestServer.builder(new ArenaApplication()).snapshotEvery(EVERY).start();
  }

  static void put(TestServer server, Player... players) {
    server.onWorld(world -> {
      for (Player player : players) {
        world.store(GameWorldStore.class).put(player);
      }
      return null;
    });
  }

  @Test
  void everyBinaryFrameShowsAThirdTickAndRebuildsItsStateAcrossChurnAndSkippedTicks() {
    try (TestServer server = start()) {
      Random random = new Random(17);
      UUID me = id(0);
      ServerStates states = new ServerStates(me);
      states.follow(server);
      put(server, still(me, 0, 0));
      for (int i = 1; i <= 20; i++) {
        put(server, moving(random, id(i), 100));
      }
      try (Follower follower = new Follower(server.connectBinary(server.tokens().issue(me.toString())))) {
        assertThat(follower.client.schema().get("snapshotEvery").asInt()).isEqualTo(EVERY);
        long previous = -1;
        int gapsOfEvery = 0;
        for (int i = 0; i < 90; i++) {
          if (i % 10 == 0) {
            put(server, moving(random, id(1 + random.nextInt(20)), 90), moving(random, id(21 + i), 100));
            server.onWorld(world -> world.store(GameWorldStore.class).remove(id(1 + random.nextInt(20))));
          }
          long tick = follower.step(true, random.nextInt(4) != 0); // some acks withheld
          assertThat(tick % EVERY).as("tick %d", tick).isZero();
          assertThat(mismatch(follower.decoder, states.of(tick))).as("the client's state at tick %d", tick).isNull();
          if (previous > 0 && tick - previous == EVERY) {
            gapsOfEvery++;
          }
          previous = tick;
        }
        assertThat(gapsOfEvery).as("consecutive snapshots %d ticks apart", EVERY).isPositive();
        assertThat(follower.deltas).isGreaterThan(follower.fulls);
      }
    }
  }

  @Test
  void anInputRunAtATickThatIsNotSentIsAckedByTheNextSnapshotWithItsEffect() {
    try (TestServer server = start()) {
      UUID me = id(1);
      put(server, still(me, 0, 0));
      try (TestClient client = server.connect(server.tokens().issue(me.toString()))) {
        client.awaitSnapshot(s -> ArenaServerTest.player(s, me) != null);
        for (int seq = 1; seq <= 8; seq++) {
          double x = seq % 2 == 0 ? 2.5 : -1.5 - seq * 0.25;
          long sent = client.send("HandleInput", ArenaServerTest.input(me, x, 0));
          JsonNode snapshot = client.nextSnapshot();
          while (snapshot.get("ack").longValue() < sent) {
            snapshot = client.nextSnapshot();
          }
          assertThat(snapshot.get("ack").longValue()).as("the first snapshot acking call %d", sent).isEqualTo(sent);
          assertThat(snapshot.get("tick").longValue() % EVERY).isZero();
          assertThat(ArenaServerTest.player(snapshot, me).get("velocity").get("x").doubleValue())
              .as("its effect, in the snapshot that acks it").isEqualTo(x);
          assertThat(client.awaitReply(sent).isOk()).isTrue();
        }
      }
    }
  }

  @Test
  void theArenaSendsEverySecondTickAndARoomTypeMayChooseItsOwnRate() {
    try (TestServer server = TestServer.start(new ArenaApplication());
        TestClient client = server.connectBinary(server.tokens().issue(id(1).toString()))) {
      assertThat(client.schema().get("snapshotEvery").asInt()).isEqualTo(ArenaServerSettings.SNAPSHOT_EVERY).isEqualTo(2);
      SnapshotDecoder decoder = new SnapshotDecoder(client.schema());
      for (int i = 0; i < 5; i++) {
        assertThat(decoder.apply(client.nextBinarySnapshot()) % 2).as("an even tick").isZero();
      }
    }
    assertThat(RoomType.of("arena").withSnapshotEvery(3).snapshotEvery()).isEqualTo(3);
    assertThat(RoomType.of("arena").snapshotEvery()).as("the server's default").isZero();
    assertThatThrownBy(() -> RoomType.of("arena").withSnapshotEvery(17))
        .isInstanceOf(CaroteneConfigurationException.class)
        .hasMessageContaining("snapshotEvery must be 1 to 16");
    assertThatThrownBy(() -> TestServer.builder(new ArenaApplication()).snapshotEvery(0))
        .isInstanceOf(CaroteneConfigurationException.class)
        .hasMessageContaining("snapshotEvery must be 1 to 16");
  }
}
