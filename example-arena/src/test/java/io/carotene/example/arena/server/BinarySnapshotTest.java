package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.ArenaServerSettings;
import io.carotene.example.arena.GameWorldStore;
import io.carotene.runtime.server.snapshot.StoreTracker;
import io.carotene.test.server.SnapshotDecoder;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServerExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Binary snapshots over a real WebSocket against the Arena with its default interest (a radius
 * around the client's own player): a client that applies every frame it receives — full
 * snapshots and deltas against what it acknowledged — holds exactly the players the server says
 * it sees, across players joining, leaving, moving out of and back into view, unacknowledged and
 * unapplied frames. Asserts states, never time.
 */
class BinarySnapshotTest {
  @RegisterExtension
  static final TestServerExtension arena =
      TestServerExtension.of(ArenaApplication::new);

  static final float RADIUS = ArenaServerSettings.VIEW_RADIUS;

  TestServer server;

  @BeforeEach
  void emptyWorld() {
    server = arena.server();
    server.onWorld(world -> {
      world.store(GameWorldStore.class).clear();
      return null;
    });
  }

  static UUID id(int n) {
    return new UUID(0x5eed, n);
  }

  static Player still(UUID id, float x, float z) {
    return new Player(id, new Vector3(x, 0, z), Vector3.ZERO, true, 100);
  }

  void put(Player... players) {
    server.onWorld(world -> {
      GameWorldStore store = world.store(GameWorldStore.class);
      for (Player player : players) {
        store.put(player);
      }
      return null;
    });
  }

  void remove(UUID... ids) {
    server.onWorld(world -> {
      GameWorldStore store = world.store(GameWorldStore.class);
      for (UUID id : ids) {
        store.remove(id);
      }
      return null;
    });
  }

  /** What the server says the viewer sees now, decoded as the client decodes. */
  Map<String, Map<String, Object>> visibleTo(UUID viewer, float radius) {
    return server.onWorld(world -> {
      GameWorldStore store = world.store(GameWorldStore.class);
      Map<String, Map<String, Object>> seen = new TreeMap<>();
      Player own = store.find(viewer).orElse(null);
      if (own == null) {
        return seen;
      }
      for (Player player : store.all()) {
        float dx = player.position().x() - own.position().x();
        float dz = player.position().z() - own.position().z();
        if (dx * dx + dz * dz <= radius * radius) {
          seen.put(player.id().toString(), fields(player));
        }
      }
      return seen;
    });
  }

  static Map<String, Object> fields(Player player) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", player.id().toString());
    fields.put("position.x", player.position().x());
    fields.put("position.y", player.position().y());
    fields.put("position.z", player.position().z());
    fields.put("velocity.x", player.velocity().x());
    fields.put("velocity.y", player.velocity().y());
    fields.put("velocity.z", player.velocity().z());
    fields.put("isGrounded", player.isGrounded());
    fields.put("health", player.health());
    return fields;
  }

  /** A binary client that applies the frames it is told to and acks the ones it is told to. */
  static final class Follower implements AutoCloseable {
    final TestClient client;
    final SnapshotDecoder decoder;
    int fulls;
    int deltas;

    Follower(TestClient client) {
      this.client = client;
      this.decoder = new SnapshotDecoder(client.schema());
    }

    /** Takes the next frame; applies it when asked, and acks it when asked (only if applied). */
    void step(boolean apply, boolean ack) {
      byte[] frame = client.nextBinarySnapshot();
      if (!apply) {
        return;
      }
      long tick = decoder.apply(frame);
      if (decoder.last().baseline() == 0) {
        fulls++;
      } else {
        deltas++;
      }
      if (ack) {
        client.ack(tick);
      }
    }

    /** Applies and acks frames until the state equals {@code expected}, then checks it stays so. */
    void awaitState(Map<String, Map<String, Object>> expected) {
      for (int i = 0; i < 600; i++) {
        step(true, true);
        if (decoder.entities("GameWorld").equals(expected)) {
          for (int j = 0; j < 10; j++) {
            step(true, true);
            assertThat(decoder.entities("GameWorld")).isEqualTo(expected);
          }
          return;
        }
      }
      assertThat(decoder.entities("GameWorld")).as("the client's state after 600 frames").isEqualTo(expected);
    }

    @Override
    public void close() {
      client.close();
    }
  }

  @Test
  void theSchemaDescribesThePlayerAsItsGeneratedCodecEncodesIt() {
    put(still(id(1), 0, 0));
    try (TestClient client = server.connectBinary(server.tokens().issue(id(1).toString()))) {
      JsonNode schema = client.schema();
      JsonNode store = schema.get("stores").get(0);
      assertThat(schema.get("format").asText()).isEqualTo("carotene.binary.v1");
      assertThat(store.get("name").asText()).isEqualTo("GameWorld");
      assertThat(store.get("mode").asText()).isEqualTo("delta");
      assertThat(store.get("entitySize").asInt()).isEqualTo(45);
      assertThat(store.get("idOffset").asInt()).isZero();
      assertThat(store.get("idSize").asInt()).isEqualTo(16);
      List<String> layout = new ArrayList<>();
      store.get("fields").forEach(f -> layout.add(f.get("name").asText() + ":" + f.get("type").asText() + "@" + f.get("offset").asInt()));
      assertThat(layout).containsExactly("id:uuid@0", "position.x:f32@16", "position.y:f32@20", "position.z:f32@24",
          "velocity.x:f32@28", "velocity.y:f32@32", "velocity.z:f32@36", "isGrounded:bool@40", "health:i32@41");
    }
  }

  @Test
  void aClientSeesThePlayersWithinItsRadiusAsTheyJoinLeaveAndCrossTheEdge() {
    UUID me = id(1);
    put(still(me, 0, 0), still(id(2), 10, 0), still(id(3), 100, 0));
    try (Follower follower = new Follower(server.connectBinary(server.tokens().issue(me.toString())))) {
      follower.awaitState(visibleTo(me, RADIUS));
      assertThat(follower.decoder.entities("GameWorld")).containsOnlyKeys(me.toString(), id(2).toString());

      put(still(id(2), 80, 0), still(id(3), 20, 0), still(id(4), 5, 5)); // 2 leaves, 3 enters, 4 joins
      follower.awaitState(visibleTo(me, RADIUS));
      assertThat(follower.decoder.entities("GameWorld")).containsOnlyKeys(me.toString(), id(3).toString(), id(4).toString());

      remove(id(4));
      put(still(id(2), 0, 30)); // 2 comes back into view
      follower.awaitState(visibleTo(me, RADIUS));
      assertThat(follower.decoder.entities("GameWorld")).containsOnlyKeys(me.toString(), id(2).toString(), id(3).toString());

      put(still(me, 200, 200)); // I move away from everyone
      follower.awaitState(visibleTo(me, RADIUS));
      assertThat(follower.decoder.entities("GameWorld")).containsOnlyKeys(me.toString());
      assertThat(follower.deltas).as("deltas applied").isPositive();
    }
  }

  @Test
  void deltasReconstructTheServersStateAcrossChurnUnackedAndUnappliedFrames() {
    Random random = new Random(5);
    UUID me = id(0);
    List<UUID> others = new ArrayList<>();
    put(still(me, 0, 0));
    for (int i = 1; i <= 40; i++) {
      others.add(id(i));
      put(still(id(i), random.nextFloat() * 160 - 80, random.nextFloat() * 160 - 80));
    }
    try (Follower follower = new Follower(server.connectBinary(server.tokens().issue(me.toString())))) {
      follower.awaitState(visibleTo(me, RADIUS));
      int nextId = 41;
      for (int phase = 0; phase < 8; phase++) {
        // Some players run about (some across the edge of view), some leave, some join.
        List<Player> changes = new ArrayList<>();
        for (UUID other : others) {
          int roll = random.nextInt(10);
          if (roll < 4) {
            changes.add(new Player(other, new Vector3(random.nextFloat() * 160 - 80, 0, random.nextFloat() * 160 - 80),
                new Vector3(random.nextFloat() * 8 - 4, 0, random.nextFloat() * 8 - 4), true, 100 - phase));
          }
        }
        put(changes.toArray(Player[]::new));
        UUID leaving = others.remove(random.nextInt(others.size()));
        remove(leaving);
        UUID joining = id(nextId++);
        others.add(joining);
        put(still(joining, random.nextFloat() * 100 - 50, random.nextFloat() * 100 - 50));
        if (phase == 4) {
          remove(me); // I leave the world for a moment, then come back elsewhere
          follower.step(true, true);
          follower.step(true, true);
          put(still(me, 30, -30));
        }
        // While they move: frames applied and acked, applied but not acked, or not applied at all.
        for (int i = 0; i < 40; i++) {
          int roll = random.nextInt(20);
          follower.step(roll >= 3, roll >= 8);
        }
        if (phase == 6) {
          for (int i = 0; i < 45; i++) { // longer than the history without an ack: a full snapshot follows
            follower.step(true, false);
          }
        }
        // Everyone stops; the client's state must converge to exactly what the server shows it.
        server.onWorld(world -> {
          world.store(GameWorldStore.class).updateEach(p -> p.velocity().set(Vector3.ZERO));
          return null;
        });
        follower.awaitState(visibleTo(me, RADIUS));
      }
      assertThat(follower.deltas).isGreaterThan(follower.fulls);
      assertThat(follower.fulls).as("full snapshots after the first").isGreaterThan(1);
    }
  }

  @Test
  void ackingZeroAsksForAFullSnapshot() {
    UUID me = id(1);
    put(still(me, 0, 0), still(id(2), 1, 1));
    try (Follower follower = new Follower(server.connectBinary(server.tokens().issue(me.toString())))) {
      follower.awaitState(visibleTo(me, RADIUS));
      follower.client.ack(0);
      for (int i = 0; i < 100; i++) {
        byte[] frame = follower.client.nextBinarySnapshot();
        follower.decoder.apply(frame);
        if (follower.decoder.last().baseline() == 0) {
          assertThat(follower.decoder.entities("GameWorld")).isEqualTo(visibleTo(me, RADIUS));
          return;
        }
      }
      fail("No full snapshot after acking 0");
    }
  }

  @Test
  void anAckCarriedInACallIsTheBaselineOfLaterDeltas() {
    UUID me = id(1);
    put(still(me, 0, 0), still(id(2), 1, 1));
    try (Follower follower = new Follower(server.connectBinary(server.tokens().issue(me.toString())))) {
      follower.step(true, false);
      follower.step(true, false);
      assertThat(follower.deltas).as("nothing acked yet: only full snapshots").isZero();
      long applied = follower.decoder.last().tick();

      follower.client.sendText("{\"op\":\"HandleInput\",\"seq\":1,\"ack\":" + applied
          + ",\"args\":{\"playerId\":\"" + me + "\",\"inputVector\":{\"x\":0,\"y\":0,\"z\":0}}}");

      for (int i = 0; i < StoreTracker.HISTORY; i++) {
        follower.decoder.apply(follower.client.nextBinarySnapshot());
        if (follower.decoder.last().baseline() == applied) {
          assertThat(follower.decoder.entities("GameWorld")).isEqualTo(visibleTo(me, RADIUS));
          assertThat(follower.client.awaitReply(1).isOk()).isTrue();
          return;
        }
      }
      fail("No delta against the tick acked in the call within " + StoreTracker.HISTORY + " snapshots");
    }
  }

  @Test
  void aCallWhoseAckIsNotATickIsABadRequest() {
    UUID me = id(1);
    put(still(me, 0, 0));
    try (TestClient client = server.connectBinary(server.tokens().issue(me.toString()))) {
      client.sendText("{\"op\":\"HandleInput\",\"seq\":4,\"ack\":\"soon\",\"args\":{}}");
      TestClient.Reply reply = client.awaitReply(4);
      assertThat(reply.code()).isEqualTo("BAD_REQUEST");
      assertThat(reply.message()).contains("'ack'");
    }
  }

  @Test
  void jsonClientsSeeOnlyThePlayersInTheirRadiusToo() {
    UUID me = id(1);
    put(still(me, 0, 0), still(id(2), 10, 0), still(id(3), 100, 0));
    try (TestClient client = server.connect(server.tokens().issue(me.toString()))) {
      JsonNode snapshot = client.awaitSnapshot(s -> ids(s).equals(Set.of(me.toString(), id(2).toString())));
      assertThat(snapshot.get("GameWorld").get(0).get("position")).isNotNull();
    }
  }

  static Set<String> ids(JsonNode snapshot) {
    Set<String> ids = new HashSet<>();
    snapshot.get("GameWorld").forEach(p -> ids.add(p.get("id").asText()));
    return ids;
  }

  @Test
  void theSubprotocolSelectsBinaryAndABadFormatIsRefused() {
    put(still(id(1), 0, 0));
    String token = server.tokens().issue(id(1).toString());
    try (TestClient client = server.connect(token, null, "carotene.binary.v1")) {
      assertThat(client.subprotocol()).isEqualTo("carotene.binary.v1");
      assertThat(client.schema().get("type").asText()).isEqualTo("schema");
      assertThat(client.nextBinarySnapshot()[0]).isEqualTo((byte) 0x01);
    }
    assertThat(server.handshakeStatus(token, "xml")).isEqualTo(400);
  }

  @Test
  void badBinaryFramesAreBadRequestsWithoutAStackTrace() {
    put(still(id(1), 0, 0));
    String token = server.tokens().issue(id(1).toString());
    try (ArenaServerTest.StackTraces stackTraces = new ArenaServerTest.StackTraces();
        TestClient binary = server.connectBinary(token);
        TestClient json = server.connect(token)) {
      binary.sendBinary(new byte[] {1, 2, 3});
      TestClient.Reply reply = binary.nextReply();
      assertThat(reply.re()).isNull();
      assertThat(reply.code()).isEqualTo("BAD_REQUEST");
      assertThat(reply.message()).contains("ack");
      binary.sendBinary(new byte[] {2, -1, -1, -1, -1, -1, -1, -1, -1});
      assertThat(binary.nextReply().code()).isEqualTo("BAD_REQUEST");
      json.sendBinary(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, 0});
      assertThat(json.nextReply().code()).isEqualTo("BAD_REQUEST");
      binary.nextBinarySnapshot(); // still served
      assertThat(stackTraces.logged()).isEmpty();
    }
  }

  @Test
  void withInterestOffEveryClientSeesEveryPlayer() {
    try (TestServer open = TestServer.builder(new ArenaApplication()).interestRadius(0).start()) {
      open.onWorld(world -> {
        GameWorldStore store = world.store(GameWorldStore.class);
        store.put(still(id(1), 0, 0));
        store.put(still(id(2), 1000, 1000));
        return null;
      });
      try (TestClient client = open.connectBinary(open.tokens().issue(UUID.randomUUID().toString()))) {
        SnapshotDecoder decoder = new SnapshotDecoder(client.schema());
        decoder.apply(client.nextBinarySnapshot());
        assertThat(decoder.entities("GameWorld")).containsOnlyKeys(id(1).toString(), id(2).toString());
      }
    }
  }
}
