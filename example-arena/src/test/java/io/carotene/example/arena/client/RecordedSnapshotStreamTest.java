package io.carotene.example.arena.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.GameWorldStore;
import io.carotene.example.arena.UpdateLists;
import io.carotene.test.server.SnapshotDecoder;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The generated client's decoder against a recorded snapshot stream. A real single-world Arena
 * runs; real WebSocket clients play in it: players join, leave, walk out of the watcher's 50-unit
 * view and back, fall; the watcher (alice's binary connection) makes calls, drops snapshots (not
 * delivered, not acked), applies some without acking them (the next delta's baseline is then an
 * older tick; for a while it acks one frame in seven), asks for a full snapshot (ack 0) and stalls
 * longer than the server's history. Its
 * raw frames (the schema, each binary snapshot, and what the watcher did with it) and the
 * server's truth for each tick (the JSON snapshots of alice's second connection: what she sees)
 * are written to {@code target/snapshot-stream/arena.json}. Then Node runs
 * src/test/js/snapshot-stream.test.mjs: the generated {@code ArenaClient} decodes the frames the
 * watcher kept, from a socket that replays them, and must hold the truth of every tick it applied,
 * within each quantized field's precision, with enter/leave events to match. A decoder bug fails it.
 */
class RecordedSnapshotStreamTest {
  static final Path RECORDING = Path.of("target/snapshot-stream/arena.json");
  static final Path SCRIPT = Path.of("src/test/js/snapshot-stream.test.mjs");
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theGeneratedDecoderHoldsWhatTheServerSentAtEveryTickAcrossJoinsLeavesViewChangesAndDroppedSnapshots() throws Exception {
    int node = Node.requireNode();
    assertThat(GeneratedClientTest.CLIENT).as("the processor writes the client").exists();
    ObjectNode recording;
    try (TestServer server = TestServer.start(new ArenaApplication())) {
      recording = new Scenario(server).play();
    }
    checkTheRecordingCoversTheCases(recording);
    Files.createDirectories(RECORDING.getParent());
    JSON.writeValue(RECORDING.toFile(), recording);

    ProcessBuilder builder = new ProcessBuilder(Node.command(node, SCRIPT.toString()));
    builder.environment().put("CAROTENE_CLIENT", GeneratedClientTest.CLIENT.toAbsolutePath().toString());
    builder.environment().put("CAROTENE_STREAM", RECORDING.toAbsolutePath().toString());
    Process process = builder.redirectErrorStream(true).start();
    CompletableFuture.delayedExecutor(2, TimeUnit.MINUTES).execute(process::destroyForcibly); // never hang the build
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
      }
    }
    boolean exited = process.waitFor(30, TimeUnit.SECONDS);
    Files.writeString(RECORDING.resolveSibling("node-output.txt"), output);
    assertThat(exited && process.exitValue() == 0).as("the Node tests passed:\n%s", output).isTrue();
  }

  /**
   * The recording exercises what the decoder must get right: without these the Node side could
   * pass on a stream that never had them.
   */
  static void checkTheRecordingCoversTheCases(ObjectNode recording) {
    JsonNode ids = recording.get("ids");
    List<JsonNode> delivered = new ArrayList<>();
    recording.get("frames").forEach(frame -> {
      if (frame.get("delivered").asBoolean()) {
        delivered.add(frame);
      }
    });
    long dropped = recording.get("frames").size() - delivered.size();
    long fullAfterTheFirst = delivered.stream().skip(1).filter(frame -> frame.get("since").asLong() == 0).count();
    long olderBaselines = 0;
    long oldestBaseline = 0;
    for (int i = 1; i < delivered.size(); i++) {
      long since = delivered.get(i).get("since").asLong();
      oldestBaseline = Math.max(oldestBaseline, since);
      if (since != 0 && delivered.get(i).get("tick").asLong() - since != delivered.get(i - 1).get("tick").asLong()) {
        olderBaselines++;
      }
    }
    long withTruth = delivered.stream().filter(frame -> recording.get("truth").has(frame.get("tick").asText())).count();
    assertThat(dropped).as("snapshots the watcher dropped").isGreaterThan(10);
    assertThat(fullAfterTheFirst).as("full snapshots after an ack 0 or a stall").isGreaterThanOrEqualTo(2);
    assertThat(olderBaselines).as("deltas against an older tick than the last applied").isGreaterThan(5);
    assertThat(oldestBaseline).as("the most ticks a delta went back").isGreaterThan(recording.get("schema").get("history").asLong() / 3);
    assertThat(withTruth).as("applied ticks with the server's truth").isGreaterThan(50);
    // The updates the decoder applies name handles by their difference from the previous one's
    // (with the Arena's radius interest they come in grid order: some below it) and may repeat
    // the previous update's mask (PROTOCOL.md 5.2, carotene.binary.v3).
    UpdateLists updates = new UpdateLists();
    List<SnapshotDecoder.StoreSchema> stores = new SnapshotDecoder(recording.get("schema")).stores();
    delivered.forEach(frame -> updates.read(stores, Base64.getDecoder().decode(frame.get("bytes").asText())));
    assertThat(updates.negativeDifferences).as("updates below the previous update's handle").isPositive();
    assertThat(updates.repeatedMasks).as("updates that repeat the previous update's mask").isPositive();
    List<List<String>> views = new ArrayList<>();
    recording.get("truth").forEach(snapshot -> {
      List<String> view = new ArrayList<>();
      snapshot.get("GameWorld").forEach(player -> view.add(player.get("id").asText()));
      views.add(view);
    });
    assertThat(pattern(views, ids.get("bob").asText())).as("bob in view, then gone").contains("10").endsWith("0");
    assertThat(pattern(views, ids.get("dave").asText())).as("dave comes into view").contains("01");
    assertThat(pattern(views, ids.get("erin").asText())).as("erin joins").contains("01");
    assertThat(pattern(views, ids.get("carol").asText())).as("carol walks out of view and back").contains("101");
  }

  /** "1" for each run of views that hold {@code id}, "0" for each run that does not. */
  static String pattern(List<List<String>> views, String id) {
    StringBuilder runs = new StringBuilder();
    for (List<String> view : views) {
      char now = view.contains(id) ? '1' : '0';
      if (runs.isEmpty() || runs.charAt(runs.length() - 1) != now) {
        runs.append(now);
      }
    }
    return runs.toString();
  }

  /** The players, the watcher, and what they do, in order; each step waits for what the server shows. */
  static final class Scenario {
    final TestServer server;
    final Map<String, UUID> ids = new LinkedHashMap<>();
    final Map<String, String> tokens = new HashMap<>();
    final ConcurrentSkipListMap<Long, JsonNode> truth = new ConcurrentSkipListMap<>();
    final List<ObjectNode> frames = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<Runnable> watcherActions = new ConcurrentLinkedQueue<>();
    volatile boolean stalled;
    volatile boolean lazyAcks;
    volatile boolean askFull;
    volatile boolean stop;
    volatile int calls;
    volatile Throwable failure;

    Scenario(TestServer server) {
      this.server = server;
    }

    ObjectNode play() throws Exception {
      for (String name : List.of("alice", "bob", "carol", "dave", "erin")) {
        JsonNode login = server.post("/api/login", Map.of("name", name)).body();
        ids.put(name, UUID.fromString(login.get("playerId").asText()));
        tokens.put(name, login.get("token").asText());
      }
      try (TestClient seen = server.connect(tokens.get("alice"));
          TestClient watcher = server.connectBinary(tokens.get("alice"));
          TestClient bob = server.connect(tokens.get("bob"));
          TestClient carol = server.connect(tokens.get("carol"));
          TestClient dave = server.connect(tokens.get("dave"))) {
        JsonNode schema = watcher.schema();
        server.onWorld(world -> {
          GameWorldStore store = world.store(GameWorldStore.class);
          store.put(player("alice", 0, 0, 0, true, 75)); // health too: an i32 field
          store.put(player("bob", 10, 0, 10, true, 100));
          store.put(player("carol", 44, 0, 0, true, 100));
          store.put(player("dave", -56, 0, 0, true, 100));
          return null;
        });
        Thread truthReader = thread("truth", () -> {
          while (!stop) {
            JsonNode snapshot = seen.nextSnapshot();
            truth.put(snapshot.get("tick").asLong(), snapshot);
          }
        });
        Thread recorder = thread("watcher", () -> record(watcher));
        awaitTruth("everyone placed", view -> view.has("carol") && view.has("bob") && !view.has("dave"));
        awaitFrames(15);

        move(carol, "carol", 4.5, 0); // walks out of alice's view
        move(dave, "dave", 4.5, 0); // walks into it
        awaitTruth("carol out, dave in", view -> !view.has("carol") && view.has("dave"));
        bob.close(); // leaves: the Arena removes his player
        awaitTruth("bob gone", view -> !view.has("bob"));
        try (TestClient erin = server.connect(tokens.get("erin"))) {
          server.onWorld(world -> {
            world.store(GameWorldStore.class).put(player("erin", -6, 8, 4, false, 100)); // joins in the air, falls
            return null;
          });
          awaitTruth("erin landed", view -> view.has("erin") && view.get("erin").get("isGrounded").asBoolean()
              && view.get("erin").get("position").get("x").asDouble() == -6);
          watcherCall(watcher, "alice", 0, -1); // alice walks; her calls move the snapshots' ack
          lazyAcks = true; // an ack every few frames: deltas against baselines many ticks back
          awaitFrames(30);
          lazyAcks = false;
          long stalledAt = lastTick();
          stalled = true; // more than `history` ticks without an ack: the next snapshot is full
          await("a stall longer than the history", () -> lastTick() > stalledAt + schema.get("history").asLong() + 4);
          stalled = false;
          move(carol, "carol", -4.5, 0); // comes back into view
          awaitTruth("carol back", view -> view.has("carol"));
          askFull = true;
          awaitFrames(10);
          watcherCall(watcher, "alice", 0, 0);
          awaitFrames(20);
        }
        stop = true;
        recorder.join(TimeUnit.SECONDS.toMillis(30));
        truthReader.join(TimeUnit.SECONDS.toMillis(30));
        if (failure != null) {
          throw new AssertionError("A recording thread failed", failure);
        }
        return recording(schema);
      }
    }

    ObjectNode recording(JsonNode schema) {
      ObjectNode recording = JSON.createObjectNode();
      recording.set("schema", schema);
      ObjectNode names = recording.putObject("ids");
      ids.forEach((name, id) -> names.put(name, id.toString()));
      recording.put("calls", calls);
      ArrayNode list = recording.putArray("frames");
      frames.forEach(list::add);
      long last = frames.get(frames.size() - 1).get("tick").asLong();
      ObjectNode sent = recording.putObject("truth");
      truth.headMap(last, true).forEach((tick, snapshot) -> sent.set(Long.toString(tick), snapshot));
      return recording;
    }

    /** The watcher's loop: each binary snapshot recorded with what the watcher did with it. */
    void record(TestClient watcher) {
      int index = 0;
      while (!stop) {
        for (Runnable action = watcherActions.poll(); action != null; action = watcherActions.poll()) {
          action.run(); // calls go from this thread: a WebSocket sends one frame at a time
        }
        byte[] bytes = watcher.nextBinarySnapshot();
        long[] header = header(bytes);
        boolean delivered = !stalled && index % 5 != 4;
        boolean acked = delivered && (lazyAcks ? index % 7 == 0 : index % 3 != 1);
        ObjectNode frame = JSON.createObjectNode()
            .put("tick", header[0]).put("since", header[2]).put("delivered", delivered).put("acked", acked);
        if (acked && askFull) {
          askFull = false;
          watcher.ack(0);
          frame.put("ackedZero", true);
        } else if (acked) {
          watcher.ack(header[0]);
        }
        frames.add(frame.put("bytes", Base64.getEncoder().encodeToString(bytes)));
        index++;
      }
    }

    /** A call of the watcher's, sent from its thread; the reply is not awaited (the snapshots' ack says it ran). */
    void watcherCall(TestClient watcher, String name, double x, double z) {
      watcherActions.add(() -> {
        calls++;
        watcher.send("HandleInput", input(ids.get(name), x, z));
      });
    }

    void move(TestClient client, String name, double x, double z) {
      TestClient.Reply reply = client.call("HandleInput", input(ids.get(name), x, z));
      assertThat(reply.isOk()).as("%s's input: %s", name, reply).isTrue();
    }

    Player player(String name, float x, float y, float z, boolean grounded, int health) {
      return new Player(ids.get(name), new Vector3(x, y, z), Vector3.ZERO, grounded, health);
    }

    long lastTick() {
      return frames.isEmpty() ? 0 : frames.get(frames.size() - 1).get("tick").asLong();
    }

    void awaitFrames(int count) {
      int target = frames.size() + count;
      await(count + " more snapshots", () -> frames.size() >= target);
    }

    /** Waits until the latest truth, by player name, satisfies {@code wanted}. */
    void awaitTruth(String what, Predicate<ObjectNode> wanted) {
      await(what, () -> {
        Map.Entry<Long, JsonNode> latest = truth.lastEntry();
        if (latest == null) {
          return false;
        }
        ObjectNode view = JSON.createObjectNode();
        latest.getValue().get("GameWorld").forEach(player -> ids.forEach((name, id) -> {
          if (id.toString().equals(player.get("id").asText())) {
            view.set(name, player);
          }
        }));
        return wanted.test(view);
      });
    }

    /** Waits for {@code condition}; fails at once if a recording thread failed, and after a minute. */
    void await(String what, BooleanSupplier condition) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!condition.getAsBoolean()) {
        if (failure != null) {
          throw new AssertionError("A recording thread failed while waiting for " + what, failure);
        }
        assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }

    Thread thread(String name, Runnable body) {
      Thread thread = new Thread(() -> {
        try {
          body.run();
        } catch (Throwable e) {
          failure = e;
        }
      }, "recording-" + name);
      thread.setDaemon(true);
      thread.start();
      return thread;
    }
  }

  static Map<String, Object> input(UUID playerId, double x, double z) {
    return Map.of("playerId", playerId.toString(), "inputVector", Map.of("x", x, "y", 0, "z", z));
  }

  /** A binary snapshot's tick, ack and since (PROTOCOL.md 5.2: varints after the type and flags bytes). */
  static long[] header(byte[] frame) {
    long[] values = new long[3];
    int offset = 2;
    for (int i = 0; i < 3; i++) {
      long value = 0;
      int shift = 0;
      byte b;
      do {
        b = frame[offset++];
        value |= (long) (b & 0x7f) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      values[i] = value;
    }
    return values;
  }
}
