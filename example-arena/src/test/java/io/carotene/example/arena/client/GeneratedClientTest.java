package io.carotene.example.arena.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.ArenaRooms;
import io.carotene.example.arena.GameWorldStore;
import io.carotene.runtime.RoomType;
import io.carotene.test.server.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TypeScript client the processor generated for the Arena ({@code public/carotene/arena.js}),
 * run by Node's test runner (src/test/js/arena-client.test.mjs, run as a script so that its
 * output streams) against real running Arena servers: a single world (decoding, acks, calls, routes,
 * prediction; this class sets the world up and makes the changes the script waits for) and a
 * server of arenas as ArenaMain runs it, plus persistent "hall" rooms (login, the matchmaking
 * routes, the reservation and its grace; automatic reconnection through a connection the script
 * drops without a close frame, calls made meanwhile, and its refusal once the grace is over; a
 * kick and a room's end, which this class does when the script asks). It fails with the script's
 * output when a Node test fails.
 */
class GeneratedClientTest {
  static final Path CLIENT = Path.of("target/classes/public/carotene/arena.js");
  static final Path SCRIPT = Path.of("src/test/js/arena-client.test.mjs");
  /**
   * The shipped arenas with a shorter reconnection grace: long enough for a resumption through a
   * dropped connection, short enough that the script waits it out to see a resumption refused.
   */
  static final RoomType ROOMS = ArenaRooms.TYPE.withReconnectGrace(Duration.ofSeconds(4));
  /** Arenas named by the game: the client creates and joins one by its roomId. */
  static final RoomType HALLS = RoomType.of("hall").persistent();

  @TempDir Path data;

  @Test
  void theGeneratedClientPassesItsNodeTestsAgainstARealArena() throws Exception {
    int node = Node.requireNode();
    assertThat(CLIENT).as("the processor writes the client").exists();
    try (TestServer server = TestServer.start(new ArenaApplication());
        TestServer rooms = TestServer.builder(new ArenaApplication()).roomType(ROOMS).roomType(HALLS).dataDirectory(data).start()) {
      UUID alice = UUID.fromString(server.post("/api/login", Map.of("name", "alice")).body().get("playerId").asText());
      UUID goner = new UUID(0xc1, 1);
      UUID leaver = new UUID(0xc1, 2);
      UUID comer = new UUID(0xc1, 3);
      UUID joiner = new UUID(0xc1, 4);
      server.onWorld(world -> {
        GameWorldStore store = world.store(GameWorldStore.class);
        store.clear();
        store.put(player(alice, 0, 0, 0));
        store.put(player(goner, 10, 10, 0));
        store.put(player(leaver, 46, 0, 0));
        store.put(player(comer, -57, 0, 0));
        return null;
      });
      ProcessBuilder builder = new ProcessBuilder(Node.command(node, SCRIPT.toString()));
      builder.environment().put("CAROTENE_URL", server.httpUri().toString());
      builder.environment().put("CAROTENE_ROOMS_URL", rooms.httpUri().toString());
      builder.environment().put("CAROTENE_CLIENT", CLIENT.toAbsolutePath().toString());
      builder.environment().put("CAROTENE_TOKEN", server.tokens().issue(alice.toString()));
      builder.environment().put("CAROTENE_IDS", String.format(
          "{\"alice\":\"%s\",\"goner\":\"%s\",\"leaver\":\"%s\",\"comer\":\"%s\",\"joiner\":\"%s\"}",
          alice, goner, leaver, comer, joiner));
      Process process = builder.redirectErrorStream(true).start();
      // Only so that a broken run cannot hang the build; the script has its own deadlines.
      CompletableFuture.delayedExecutor(5, TimeUnit.MINUTES).execute(process::destroyForcibly);
      StringBuilder output = new StringBuilder();
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          output.append(line).append('\n');
          if (line.contains("RECORDING")) {
            server.onWorld(world -> {
              GameWorldStore store = world.store(GameWorldStore.class);
              store.remove(goner);
              store.put(player(joiner, -5, 5, 0));
              store.put(player(leaver, 46, 0, 5)); // walks out of the 50-unit view
              store.put(player(comer, -57, 0, 5)); // walks into it
              return null;
            });
          } else if (line.startsWith("ASK ")) {
            answer(rooms, new ObjectMapper().readTree(line.substring(4)));
          }
        }
      }
      boolean exited = process.waitFor(60, TimeUnit.SECONDS);
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target/generated-client-test.txt"), output);
      assertThat(exited && process.exitValue() == 0).as("the Node tests passed:\n%s", output).isTrue();
    }
  }

  /** Does what the script asks of the game: kicks a player from a room, or ends the room. */
  static void answer(TestServer rooms, JsonNode request) throws Exception {
    boolean kick = request.has("kick");
    String roomId = kick ? request.get("roomId").asText() : request.get("end").asText();
    rooms.server().onRoom(roomId, room -> {
      if (kick) {
        room.kick(request.get("kick").asText(), request.get("reason").asText());
      } else {
        room.dispose();
      }
      return null;
    }).get(30, TimeUnit.SECONDS);
  }

  static Player player(UUID id, float x, float z, float velocityX) {
    return new Player(id, new Vector3(x, 0, z), new Vector3(velocityX, 0, 0), true, 100);
  }
}
