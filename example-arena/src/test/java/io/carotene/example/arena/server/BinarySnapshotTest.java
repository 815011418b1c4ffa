package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.ArenaServerSettings;
import io.carotene.example.arena.GameWorldStore;
import io.carotene.example.arena.MutablePlayer;
import io.carotene.example.arena.UpdateLists;
import io.carotene.runtime.snapshot.Interest;
import io.carotene.runtime.snapshot.StoreTracker;
import io.carotene.test.server.SnapshotDecoder;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServerExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Binary snapshots over a real WebSocket against the Arena with its default interest (a radius
 * around the client's own player): a client that applies every frame it receives — full
 * snapshots and deltas against what it acknowledged — holds exactly the players the server says
 * it sees, across players joining, leaving, moving out of and back into view, unacknowledged and
 * unapplied frames. The Arena's position and velocity are quantized: those fields match the
 * server's within half their precision (after clamping to their range), every other field
 * exactly. Asserts states, never time.
 */
class BinarySnapshotTest {
  @RegisterExtension
  static final TestServerExtension arena =
      TestServerExtension.of(ArenaApplication::new);

  static final float RADIUS = ArenaServerSettings.VIEW_RADIUS;

  TestServer server;

  @BeforeEach
  void emptyWorld(TestServer started) {
    server = started;
    // The last test's clients are gone first: their leave hooks must not remove this test's players.
    server.awaitConnectionCount(0);
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
    return server.onWorld(world -> visible(world.store(GameWorldStore.class), viewer, radius));
  }

  /** The players of {@code store} within {@code radius} of the viewer's, by id; none without one. */
  static Map<String, Map<String, Object>> visible(GameWorldStore store, UUID viewer, float radius) {
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
  }

  /** Every player of {@code store}, by id. */
  static Map<String, Map<String, Object>> everyone(GameWorldStore store) {
    Map<String, Map<String, Object>> seen = new TreeMap<>();
    for (Player player : store.all()) {
      seen.put(player.id().toString(), fields(player));
    }
    return seen;
  }

  /**
   * What a viewer sees at each tick of the Arena's physics loop, recorded on the world thread just
   * after that tick's snapshot was captured (after-tick listeners run in the order they were added,
   * the snapshot publisher's first), for comparing every frame with the tick it says it is.
   */
  static final class ServerStates {
    final UUID viewer;
    final float radius;
    final Map<Long, CompletableFuture<Map<String, Map<String, Object>>>> byTick = new ConcurrentHashMap<>();

    ServerStates(UUID viewer) {
      this(viewer, RADIUS);
    }

    /** What {@code viewer} sees within {@code radius}; 0: every player, whoever the viewer. */
    ServerStates(UUID viewer, float radius) {
      this.viewer = viewer;
      this.radius = radius;
    }

    /** Records every physics tick of {@code server}'s world from now on. */
    void follow(TestServer server) {
      server.onWorld(world -> {
        ((DomainWorld) world).scheduler().afterEachTick(tick -> {
          if (tick.loopName().equals("PhysicsTick")) {
            GameWorldStore store = world.store(GameWorldStore.class);
            at(tick.number()).complete(radius > 0 ? visible(store, viewer, radius) : everyone(store));
            byTick.remove(tick.number() - 2000);
          }
        });
        return null;
      });
    }

    CompletableFuture<Map<String, Map<String, Object>>> at(long tick) {
      return byTick.computeIfAbsent(tick, t -> new CompletableFuture<>());
    }

    /** The state of {@code tick}, waiting for the world thread to record it. */
    Map<String, Map<String, Object>> of(long tick) {
      try {
        return at(tick).get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("No server state recorded for tick " + tick, e);
      }
    }
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
    /** The ticks applied, oldest first. */
    final List<Long> applied = new ArrayList<>();
    /** How every frame received wrote its updates. */
    final UpdateLists updates = new UpdateLists();
    /** The id each handle named when last seen, and how often a handle came to name another. */
    final Map<Long, String> idOfHandle = new HashMap<>();
    int reusedHandles;
    int fulls;
    int deltas;

    Follower(TestClient client) {
      this.client = client;
      this.decoder = new SnapshotDecoder(client.schema());
    }

    /**
     * Takes the next frame; applies it when asked, and acks it when asked (only if applied).
     * Returns the tick applied, or -1.
     */
    long step(boolean apply, boolean ack) {
      byte[] frame = client.nextBinarySnapshot();
      updates.read(decoder.stores(), frame);
      if (!apply) {
        return -1;
      }
      long tick = decoder.apply(frame);
      applied.add(tick);
      decoder.handles("GameWorld").forEach((handle, id) -> {
        String before = idOfHandle.put(handle, id);
        if (before != null && !before.equals(id)) {
          reusedHandles++;
        }
      });
      if (decoder.last().baseline() == 0) {
        fulls++;
      } else {
        deltas++;
      }
      if (ack) {
        client.ack(tick);
      }
      return tick;
    }

    /** Applies and acks frames until the state matches {@code expected}, then checks it stays so. */
    void awaitState(Map<String, Map<String, Object>> expected) {
      for (int i = 0; i < 600; i++) {
        step(true, true);
        if (mismatch(decoder, expected) == null) {
          for (int j = 0; j < 10; j++) {
            step(true, true);
            assertThat(mismatch(decoder, expected)).isNull();
          }
          return;
        }
      }
      assertThat(mismatch(decoder, expected)).as("the client's state after 600 frames").isNull();
    }

    @Override
    public void close() {
      client.close();
    }
  }

  /**
   * Whether the decoder's players match {@code expected} (the server's, by {@link #fields}): null
   * when they do, else what differs. A quantized field matches within half its precision of the
   * server's value clamped to its range; any other field exactly.
   */
  static String mismatch(SnapshotDecoder decoder, Map<String, Map<String, Object>> expected) {
    Map<String, Map<String, Object>> actual = decoder.entities("GameWorld");
    if (!actual.keySet().equals(expected.keySet())) {
      return "players " + actual.keySet() + ", expected " + expected.keySet();
    }
    for (String id : expected.keySet()) {
      for (SnapshotDecoder.FieldSchema field : decoder.stores().get(0).fields()) {
        Object got = actual.get(id).get(field.name());
        Object want = expected.get(id).get(field.name());
        boolean same;
        if (field.quantized()) {
          double clamped = Math.max(field.min(), Math.min(field.max(), ((Number) want).doubleValue()));
          same = Math.abs((Double) got - clamped) <= field.precision() / 2 + 1e-9;
        } else {
          same = got.equals(want);
        }
        if (!same) {
          return "player " + id + " " + field.name() + " is " + got + ", the server's " + want
              + "\n  client: " + actual.get(id) + "\n  server: " + expected.get(id);
        }
      }
    }
    return null;
  }

  @Test
  void theSchemaDescribesThePlayerAsItsGeneratedWireFormatWritesIt() {
    put(still(id(1), 0, 0));
    try (TestClient client = server.connectBinary(server.tokens().issue(id(1).toString()))) {
      JsonNode schema = client.schema();
      JsonNode store = schema.get("stores").get(0);
      assertThat(schema.get("format").asText()).isEqualTo("carotene.binary.v3");
      assertThat(store.get("name").asText()).isEqualTo("GameWorld");
      assertThat(store.get("mode").asText()).isEqualTo("delta");
      assertThat(store.get("entitySize").asInt()).isEqualTo(33);
      assertThat(store.get("idOffset").asInt()).isZero();
      assertThat(store.get("idSize").asInt()).isEqualTo(16);
      List<String> layout = new ArrayList<>();
      store.get("fields").forEach(f -> layout.add(f.get("name").asText() + ":" + f.get("type").asText() + "@" + f.get("offset").asInt()));
      assertThat(layout).containsExactly("id:uuid@0", "position.x:uq16@16", "position.y:uq16@18", "position.z:uq16@20",
          "velocity.x:uq16@22", "velocity.y:uq16@24", "velocity.z:uq16@26", "isGrounded:bool@28", "health:i32@29");
      JsonNode positionX = store.get("fields").get(1);
      assertThat(positionX.get("size").asInt()).isEqualTo(2);
      assertThat(positionX.get("min").asDouble()).isEqualTo(-1000.0);
      assertThat(positionX.get("max").asDouble()).isEqualTo(1000.0);
      assertThat(positionX.get("precision").asDouble()).isEqualTo(1.0 / 32);
      JsonNode velocityY = store.get("fields").get(5);
      assertThat(List.of(velocityY.get("min").asDouble(), velocityY.get("max").asDouble(), velocityY.get("precision").asDouble()))
          .containsExactly(-50.0, 50.0, 1.0 / 512);
      assertThat(store.get("fields").get(0).has("precision")).isFalse();
    }
  }

  @Test
  void quantizedValuesBeyondTheirRangeAreSentAsItsEdgeAndOtherFieldsExactly() {
    UUID me = id(41); // no other test's player: a late leave hook of theirs cannot move it to a spawn point
    put(new Player(me, new Vector3(-1500, 0, 0), Vector3.ZERO, true, 100),
        new Player(id(2), new Vector3(-1490, 500, 3), new Vector3(-4.99f, -60f, 0.001f), false, 77));
    try (Follower follower = new Follower(server.connectBinary(server.tokens().issue(me.toString())))) {
      follower.step(true, true);
      Map<String, Map<String, Object>> seen = follower.decoder.entities("GameWorld");
      Map<String, Object> mine = seen.get(me.toString());
      assertThat(mine.get("position.x")).as("-1500 is beyond the range: sent as its edge").isEqualTo(-1000.0);
      assertThat(mine.get("position.y")).isEqualTo(0.0);
      assertThat(mine.get("isGrounded")).isEqualTo(true);
      Map<String, Object> falling = seen.get(id(2).toString());
      assertThat(falling.get("position.x")).isEqualTo(-1000.0);
      assertThat(falling.get("isGrounded")).isEqualTo(false);
      assertThat(falling.get("health")).isEqualTo(77);
      assertThat(falling.get("velocity.y")).as("falling faster than 50 units/s: sent as -50").isEqualTo(-50.0);
      assertThat((Double) falling.get("velocity.x")).isCloseTo(-4.99, within(1.0 / 1024));
      assertThat((Double) falling.get("velocity.z")).isCloseTo(0.001, within(1.0 / 1024));
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
  void everyFrameAppliedHoldsTheServersStateOfItsTickAcrossChurnDroppedFramesAndReorderedAcks() {
    try (TestServer own = TestServer.builder(new ArenaApplication()).start()) {
      churn(own, RADIUS, 1);
    }
  }

  @Test
  void everyFrameAppliedHoldsTheServersStateWithEveryoneVisibleAndClientsSharingBaselines() {
    // Without interest, clients that acked the same tick are sent one shared section per store:
    // three followers, each dropping and acking on its own, so that they share baselines at times.
    try (TestServer own = TestServer.builder(new ArenaApplication()).interestRadius(0).start()) {
      churn(own, 0, 3);
    }
  }

  /**
   * Players jump, leave, join and move every tick while {@code followers} binary clients (the first
   * one a player, the others watchers) apply, drop and ack frames at random, some acks late; every
   * frame applied must hold the state of its tick as seen within {@code radius} (0: everyone).
   */
  void churn(TestServer own, float radius, int followers) {
    server = own;
    Random random = new Random(5);
    UUID me = id(0);
    ServerStates states = new ServerStates(me, radius);
    states.follow(own);
    List<UUID> others = new ArrayList<>();
    put(still(me, 0, 0));
    for (int i = 1; i <= 40; i++) {
      others.add(id(i));
      put(moving(random, id(i), 100));
    }
    List<Follower> all = new ArrayList<>();
    try {
      for (int f = 0; f < followers; f++) {
        String user = (f == 0 ? me : id(900 + f)).toString();
        all.add(new Follower(own.connectBinary(own.tokens().issue(user))));
      }
      int compared = 0;
      int nextId = 41;
      for (int phase = 0; phase < 10; phase++) {
        // Some players jump elsewhere (some across the edge of view) or into the air, some leave,
        // some join; everyone keeps moving, so positions change every tick.
        List<Player> changes = new ArrayList<>();
        for (UUID other : others) {
          if (random.nextInt(10) < 4) {
            changes.add(moving(random, other, 100 - phase));
          }
        }
        put(changes.toArray(Player[]::new));
        remove(others.remove(random.nextInt(others.size())));
        UUID joining = id(nextId++);
        others.add(joining);
        put(moving(random, joining, 100));
        if (phase == 3) {
          put(new Player(me, new Vector3(40, 0, 0), new Vector3(4, 0, 0), true, 100)); // I run
        }
        if (phase == 5) {
          remove(me); // I leave the world for a moment, then come back elsewhere
          for (Follower follower : all) {
            compared += checkNext(follower, states, true, true);
            compared += checkNext(follower, states, true, true);
          }
          put(still(me, 30, -30));
        }
        if (phase == 7) {
          all.get(0).client.ack(0); // asks for a full snapshot
        }
        // Frames applied and acked, applied but not acked, or not applied at all; now and then an
        // ack arrives late, naming a tick older than one acked before (reordered acks).
        for (int i = 0; i < 40; i++) {
          for (Follower follower : all) {
            int roll = random.nextInt(20);
            compared += checkNext(follower, states, roll >= 3, roll >= 8 && roll < 19);
            if (roll == 19 && !follower.applied.isEmpty()) {
              List<Long> applied = follower.applied;
              follower.client.ack(applied.get(applied.size() - 1 - random.nextInt(Math.min(applied.size(), 12))));
            }
          }
        }
        if (phase == 8) {
          for (int i = 0; i < 45; i++) { // longer than the history without an ack: a full snapshot follows
            compared += checkNext(all.get(0), states, true, false);
            for (Follower follower : all.subList(1, all.size())) {
              compared += checkNext(follower, states, true, true);
            }
          }
        }
      }
      assertThat(compared).isGreaterThan(300 * followers);
      for (Follower follower : all) {
        assertThat(follower.deltas).isGreaterThan(follower.fulls);
      }
      assertThat(all.get(0).fulls).as("full snapshots after the first").isGreaterThan(1);
      for (Follower follower : all) {
        assertThat(follower.updates.repeatedMasks).as("updates that repeat the previous one's mask").isPositive();
        if (radius == 0) {
          // Everyone visible: updates walk the live handles, kept in ascending order even as
          // handles freed by leavers are reused by joiners (PROTOCOL.md 5.2).
          assertThat(follower.reusedHandles).as("handles that came to name another player").isPositive();
          assertThat(follower.updates.negativeDifferences).as("updates below the previous one's handle").isZero();
        }
      }
    } finally {
      all.forEach(Follower::close);
    }
  }

  /** A player somewhere within 100 of the centre, walking, and a third of the time in the air. */
  static Player moving(Random random, UUID id, int health) {
    boolean airborne = random.nextInt(3) == 0;
    return new Player(id,
        new Vector3(random.nextFloat() * 200 - 100, airborne ? random.nextFloat() * 20 : 0, random.nextFloat() * 200 - 100),
        new Vector3(random.nextFloat() * 8 - 4, airborne ? random.nextFloat() * 10 - 8 : 0, random.nextFloat() * 8 - 4),
        !airborne, health);
  }

  /** Takes the next frame as {@link Follower#step} does; an applied one must hold its tick's state. Returns 1 if compared. */
  static int checkNext(Follower follower, ServerStates states, boolean apply, boolean ack) {
    long tick = follower.step(apply, ack);
    if (tick < 0) {
      return 0;
    }
    assertThat(mismatch(follower.decoder, states.of(tick))).as("the client's state at tick %d", tick).isNull();
    return 1;
  }

  @Test
  void aFilterInterestJudgesTheServersExactValuesNotTheQuantizedOnes() {
    // 0.01 is nearer step 0 than step 1 (1/32 = 0.03125): a client reads 0.0, the filter sees 0.01.
    Interest<MutablePlayer> east = Interest.filter((viewer, player) -> player.position().x() > 0.005f);
    try (TestServer own = TestServer.builder(new ArenaApplication()).interest("GameWorld", east).start()) {
      server = own;
      put(still(id(1), 0.01f, 0), still(id(2), -0.01f, 0), still(id(3), 200, 0));
      try (Follower follower = new Follower(own.connectBinary(own.tokens().issue(id(1).toString())))) {
        follower.step(true, true);
        Map<String, Map<String, Object>> seen = follower.decoder.entities("GameWorld");
        assertThat(seen).containsOnlyKeys(id(1).toString(), id(3).toString());
        assertThat(seen.get(id(1).toString()).get("position.x")).isEqualTo(0.0);

        put(still(id(2), 0.02f, 0), still(id(3), -200, 0)); // 2 enters the filter, 3 leaves it
        for (int i = 0; i < 600 && !follower.decoder.entities("GameWorld").containsKey(id(2).toString()); i++) {
          follower.step(true, true);
        }
        assertThat(follower.decoder.entities("GameWorld")).containsOnlyKeys(id(1).toString(), id(2).toString());
        assertThat(follower.deltas).isPositive();
      }
    }
  }

  @Test
  void aMovementSmallerThanThePrecisionIsNoChange() {
    UUID me = id(1);
    // 0.001 units/s: 1/64 unit (half a step of the position) takes over 15 s.
    put(still(me, 0, 0), new Player(id(2), new Vector3(5, 0, 5), new Vector3(0.001f, 0, 0), true, 100));
    try (Follower follower = new Follower(server.connectBinary(server.tokens().issue(me.toString())))) {
      follower.awaitState(visibleTo(me, RADIUS));
      for (int i = 0; i < 20; i++) {
        follower.step(true, true);
        if (follower.decoder.last().baseline() != 0) {
          assertThat(follower.decoder.last().written()).as("players sent in a delta").isZero();
        }
      }
      assertThat(visibleTo(me, RADIUS).get(id(2).toString()).get("position.x")).as("the server's player moved").isNotEqualTo(5f);
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
          assertThat(mismatch(follower.decoder, visibleTo(me, RADIUS))).isNull();
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
          assertThat(mismatch(follower.decoder, visibleTo(me, RADIUS))).isNull();
          assertThat(follower.client.awaitReply(1).isOk()).isTrue();
          return;
        }
      }
      fail("No delta against the tick acked in the call within " + StoreTracker.HISTORY + " snapshots");
    }
  }

  /** The Arena's HandleInput as a binary call's arguments: playerId, then inputVector x, y, z. */
  static byte[] handleInput(UUID playerId, float x, float y, float z) {
    return TestClient.binaryArgs(28)
        .putLong(playerId.getMostSignificantBits())
        .putLong(playerId.getLeastSignificantBits())
        .putFloat(x)
        .putFloat(y)
        .putFloat(z)
        .array();
  }

  @Test
  void theSchemaListsHandleInputWithItsRawArgumentLayout() {
    put(still(id(1), 0, 0));
    try (TestClient client = server.connectBinary(server.tokens().issue(id(1).toString()))) {
      JsonNode operations = client.schema().get("operations");
      assertThat(operations).hasSize(1);
      JsonNode op = operations.get(0);
      assertThat(op.get("name").asText()).isEqualTo("HandleInput");
      assertThat(op.get("index").asInt()).isZero();
      assertThat(op.get("argsSize").asInt()).isEqualTo(28);
      List<String> args = new ArrayList<>();
      op.get("args").forEach(arg -> args.add(arg.get("name").asText() + " " + arg.get("type").asText() + " @"
          + arg.get("offset").asInt() + "+" + arg.get("size").asInt()));
      assertThat(args).containsExactly(
          "playerId uuid @0+16", "inputVector.x f32 @16+4", "inputVector.y f32 @20+4", "inputVector.z f32 @24+4");
    }
  }

  @Test
  void aBinaryHandleInputMovesThePlayerAndSnapshotsAckIt() {
    UUID me = id(1);
    put(still(me, 0, 0));
    try (TestClient client = server.connectBinary(server.tokens().issue(me.toString()))) {
      long seq = client.sendBinaryCall(0, -1, handleInput(me, 3, 0, -4));
      assertThat(client.awaitReply(seq).isOk()).isTrue();
      SnapshotDecoder decoder = new SnapshotDecoder(client.schema());
      for (int i = 0; i < 200; i++) {
        decoder.apply(client.nextBinarySnapshot());
        if (decoder.last().ack() >= seq) {
          break;
        }
      }
      assertThat(decoder.last().ack()).isGreaterThanOrEqualTo(seq);
      Player player = server.onWorld(world -> world.store(GameWorldStore.class).find(me).orElseThrow());
      assertThat(player.velocity().x()).isEqualTo(3f);
      assertThat(player.velocity().z()).isEqualTo(-4f);
      assertThat(player.position().x()).as("a tick ran after the call").isGreaterThan(0f);
    }
  }

  @Test
  void aBinaryCheatIsRejectedAndAnotherPlayersIdIsForbidden() {
    UUID me = id(1);
    put(still(me, 0, 0), still(id(2), 1, 1));
    try (TestClient client = server.connectBinary(server.tokens().issue(me.toString()))) {
      long cheat = client.sendBinaryCall(0, -1, handleInput(me, 50, 0, 0));
      TestClient.Reply rejected = client.awaitReply(cheat);
      assertThat(rejected.code()).isEqualTo("REJECTED");
      assertThat(rejected.message()).isEqualTo("Speed hack detected");
      long other = client.sendBinaryCall(0, -1, handleInput(id(2), 1, 0, 0));
      assertThat(client.awaitReply(other).code()).isEqualTo("FORBIDDEN");
    }
  }

  @Test
  void badBinaryCallsAreBadRequestsWithTheirSeq() {
    UUID me = id(1);
    put(still(me, 0, 0));
    String token = server.tokens().issue(me.toString());
    try (ArenaServerTest.StackTraces stackTraces = new ArenaServerTest.StackTraces();
        TestClient client = server.connectBinary(token);
        TestClient json = server.connect(token)) {
      client.sendBinary(TestClient.binaryCall(5, -1, 0, new byte[27]));
      TestClient.Reply shortArgs = client.awaitReply(5);
      assertThat(shortArgs.code()).isEqualTo("BAD_REQUEST");
      assertThat(shortArgs.message()).contains("HandleInput").contains("28 bytes").contains("got 27");
      client.sendBinary(TestClient.binaryCall(6, -1, 7, handleInput(me, 0, 0, 0)));
      TestClient.Reply unknown = client.awaitReply(6);
      assertThat(unknown.code()).isEqualTo("BAD_REQUEST");
      assertThat(unknown.message()).contains("Unknown binary operation 7").contains("0 = HandleInput");
      client.sendBinary(TestClient.binaryCall(1L << 53, -1, 0, handleInput(me, 0, 0, 0)));
      TestClient.Reply badSeq = client.nextReply();
      assertThat(badSeq.re()).isNull();
      assertThat(badSeq.code()).isEqualTo("BAD_REQUEST");
      assertThat(badSeq.message()).contains("'seq'");
      client.sendBinary(new byte[] {3, 1, 0});
      TestClient.Reply truncated = client.nextReply();
      assertThat(truncated.re()).isNull();
      assertThat(truncated.code()).isEqualTo("BAD_REQUEST");
      client.sendBinary(TestClient.binaryCall(8, -2, 0, handleInput(me, 0, 0, 0)));
      assertThat(client.awaitReply(8).message()).contains("'ack'");
      json.sendBinary(TestClient.binaryCall(9, -1, 0, handleInput(me, 0, 0, 0)));
      TestClient.Reply onJson = json.nextReply();
      assertThat(onJson.re()).isNull();
      assertThat(onJson.code()).isEqualTo("BAD_REQUEST");
      long good = client.sendBinaryCall(0, -1, handleInput(me, 1, 0, 0));
      assertThat(client.awaitReply(good).isOk()).as("the connection still serves calls").isTrue();
      assertThat(stackTraces.logged()).isEmpty();
    }
  }

  @Test
  void anAckCarriedInABinaryCallIsTheBaselineOfLaterDeltas() {
    UUID me = id(1);
    put(still(me, 0, 0), still(id(2), 1, 1));
    try (Follower follower = new Follower(server.connectBinary(server.tokens().issue(me.toString())))) {
      follower.step(true, false);
      follower.step(true, false);
      assertThat(follower.deltas).as("nothing acked yet: only full snapshots").isZero();
      long applied = follower.decoder.last().tick();

      long seq = follower.client.sendBinaryCall(0, applied, handleInput(me, 0, 0, 0));

      for (int i = 0; i < StoreTracker.HISTORY; i++) {
        follower.decoder.apply(follower.client.nextBinarySnapshot());
        if (follower.decoder.last().baseline() == applied) {
          assertThat(mismatch(follower.decoder, visibleTo(me, RADIUS))).isNull();
          assertThat(follower.client.awaitReply(seq).isOk()).isTrue();
          return;
        }
      }
      fail("No delta against the tick acked in the binary call within " + StoreTracker.HISTORY + " snapshots");
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
    try (TestClient client = server.connect(token, null, "carotene.binary.v3")) {
      assertThat(client.subprotocol()).isEqualTo("carotene.binary.v3");
      assertThat(client.schema().get("type").asText()).isEqualTo("schema");
      assertThat(client.nextBinarySnapshot()[0]).isEqualTo((byte) 0x01);
    }
    // A client that reads only the former format is not sent frames it would misread: JSON instead.
    try (TestClient old = server.connect(token, null, "carotene.binary.v2")) {
      assertThat(old.subprotocol()).isNotEqualTo("carotene.binary.v2");
      assertThat(old.nextSnapshot().get("type").asText()).isEqualTo("snapshot");
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
      String viewer = UUID.randomUUID().toString(); // joining spawns the viewer's own player too
      try (TestClient client = open.connectBinary(open.tokens().issue(viewer))) {
        SnapshotDecoder decoder = new SnapshotDecoder(client.schema());
        decoder.apply(client.nextBinarySnapshot());
        assertThat(decoder.entities("GameWorld")).containsOnlyKeys(id(1).toString(), id(2).toString(), viewer);
      }
    }
  }
}
