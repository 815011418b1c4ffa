package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.carotene.example.arena.ArenaMain;
import io.carotene.example.arena.server.RawWebSocket.Frame;
import io.carotene.runtime.auth.Tokens;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Arena ({@link ArenaMain}: a server of arenas) as a child process: what SIGTERM does
 * from the first moment it serves, and the process-wide profiles across restarts.
 */
class ArenaServerProcessTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef-process";

  @TempDir
  Path logs;

  /** Starts {@code java -cp <this classpath> ArenaMain} on a free port; its output goes to a file. */
  private Process startArena(int port, File output) throws IOException {
    return startArena(port, output, logs.resolve("data"));
  }

  /** As above, its persisted stores (the profiles) in {@code data}. */
  private Process startArena(int port, File output, Path data) throws IOException {
    return startArena(port, output, data, Map.of());
  }

  /** As above, with {@code env} added to its environment. */
  private Process startArena(int port, File output, Path data, Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
        command.add(arg);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ArenaMain.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().put("CAROTENE_SECRET", SECRET);
    builder.environment().put("CAROTENE_DATA_DIR", data.toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Asks {@code /health} until it first answers 200. */
  private static void awaitFirstHealth(int port, Process process) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(5);
      }
    }
    throw new AssertionError("/health never answered 200");
  }

  private static int exitStatus(Process process) throws InterruptedException {
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the server exited").isTrue();
    return process.exitValue();
  }

  @Test
  void aSigtermRightAfterTheFirstHealthAnswerStopsCleanlyWithExitZero() throws Exception {
    int port = freePort();
    File output = logs.resolve("arena.log").toFile();
    Process process = startArena(port, output);
    try {
      awaitFirstHealth(port, process);
      process.destroy(); // SIGTERM

      assertThat(exitStatus(process)).as(Files.readString(output.toPath())).isZero();
      assertThat(Files.readString(output.toPath())).contains("server stopped").doesNotContain("\tat ");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aSigtermRightAfterStartGivesAConnectedClientANormalClose() throws Exception {
    int port = freePort();
    File output = logs.resolve("arena.log").toFile();
    Process process = startArena(port, output);
    try {
      awaitFirstHealth(port, process);
      String token = Tokens.withSecret(SECRET).issue(UUID.randomUUID().toString());
      String seat = post(port, "/matchmake/joinOrCreate", "{\"type\":\"arena\"}", token);
      String reservation = new ObjectMapper().readTree(seat).get("reservation").asText();
      try (RawWebSocket client = RawWebSocket.connect(port, token, "/ws?reservation=" + reservation)) {
        client.next(); // the first snapshot
        process.destroy(); // SIGTERM

        Frame close = client.awaitClose();

        assertThat(close.closeCode()).isEqualTo(1000);
        assertThat(close.closeReason()).contains("shutting down");
      }
      assertThat(exitStatus(process)).as(Files.readString(output.toPath())).isZero();
    } finally {
      process.destroyForcibly();
    }
  }

  /**
   * The status of a {@code joinOrCreate} by a user who is not a player: 403 (the arena refuses the
   * join, no seat is given) while an arena is open, 503 once the server drains.
   */
  private static int matchmakingStatus(int port) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/matchmake/joinOrCreate"))
        .header("Authorization", "Bearer " + Tokens.withSecret(SECRET).issue("not-a-player"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"arena\"}")).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** A new player seated in an arena through matchmaking, as ArenaMain (a server of arenas) requires. */
  private static RawWebSocket joinArena(int port) throws Exception {
    String token = Tokens.withSecret(SECRET).issue(UUID.randomUUID().toString());
    String seat = post(port, "/matchmake/joinOrCreate", "{\"type\":\"arena\"}", token);
    String reservation = new ObjectMapper().readTree(seat).get("reservation").asText();
    return RawWebSocket.connect(port, token, "/ws?reservation=" + reservation);
  }

  @Test
  void aSigtermWithADrainLetsThePlayersInTheWorldPlayOnRefusesNewOnesAndExitsZeroOnceTheyLeave() throws Exception {
    int port = freePort();
    File output = logs.resolve("arena.log").toFile();
    Process process = startArena(port, output, logs.resolve("data"), Map.of("CAROTENE_DRAIN_SECONDS", "120"));
    try {
      awaitFirstHealth(port, process);
      RawWebSocket client = joinArena(port);
      client.next();
      assertThat(matchmakingStatus(port)).as("before the drain").isEqualTo(403);
      process.destroy(); // SIGTERM

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (matchmakingStatus(port) != 503) {
        assertThat(System.nanoTime() - deadline).as("the drain refuses new players").isNegative();
        Thread.sleep(20);
      }
      for (int i = 0; i < 30; i++) {
        assertThat(client.next().opcode()).as("snapshots go on during the drain").isNotEqualTo(RawWebSocket.OP_CLOSE);
      }
      assertThat(process.isAlive()).isTrue();
      client.close(); // the last player leaves

      assertThat(exitStatus(process)).as(Files.readString(output.toPath())).isZero();
      assertThat(Files.readString(output.toPath())).contains("drained").contains("server stopped").doesNotContain("\tat ");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aDrainThatRunsOutEndsTheWorldWithANormalCloseAndExitsZero() throws Exception {
    int port = freePort();
    File output = logs.resolve("arena.log").toFile();
    Process process = startArena(port, output, logs.resolve("data"), Map.of("CAROTENE_DRAIN_SECONDS", "1"));
    try {
      awaitFirstHealth(port, process);
      try (RawWebSocket client = joinArena(port)) {
        client.next();
        process.destroy(); // SIGTERM

        Frame close = client.awaitClose();

        assertThat(close.closeCode()).isEqualTo(1000);
        assertThat(close.closeReason()).contains("shutting down");
      }
      assertThat(exitStatus(process)).as(Files.readString(output.toPath())).isZero();
      assertThat(Files.readString(output.toPath())).contains("are over").doesNotContain("\tat ");
    } finally {
      process.destroyForcibly();
    }
  }

  private static String post(int port, String path, String json) throws Exception {
    return post(port, path, json, null);
  }

  /** POSTs {@code json}, as the holder of {@code token} when it is not null. */
  private static String post(int port, String path, String json, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void profilesSurviveARestartAndAKill() throws Exception {
    Path data = logs.resolve("profiles");
    int port = freePort();
    File output = logs.resolve("arena.log").toFile();
    Process first = startArena(port, output, data);
    try {
      awaitFirstHealth(port, first);
      post(port, "/api/login", "{\"name\":\"ada\"}");
      post(port, "/api/login", "{\"name\":\"ada\"}");
      first.destroy(); // SIGTERM: a clean stop
      assertThat(exitStatus(first)).as(Files.readString(output.toPath())).isZero();
    } finally {
      first.destroyForcibly();
    }

    Process second = startArena(port, output, data);
    try {
      awaitFirstHealth(port, second);
      assertThat(post(port, "/api/profile", "{\"name\":\"ada\"}")).contains("\"gamesPlayed\":2");
      post(port, "/api/login", "{\"name\":\"ada\"}");
      // No wait: the server world (profiles, no loop) commits a route's writes before it answers.
      second.destroyForcibly(); // SIGKILL
      second.waitFor(30, TimeUnit.SECONDS);
    } finally {
      second.destroyForcibly();
    }

    Process third = startArena(port, output, data);
    try {
      awaitFirstHealth(port, third);
      assertThat(post(port, "/api/profile", "{\"name\":\"ada\"}")).contains("\"gamesPlayed\":3");
    } finally {
      third.destroy();
      exitStatus(third);
    }
  }

  @Test
  void aSecondServerOnTheSameDataDirectoryRefusesToStartAndTheFirstServesOn() throws Exception {
    Path data = logs.resolve("shared");
    int port = freePort();
    Process first = startArena(port, logs.resolve("first.log").toFile(), data);
    try {
      awaitFirstHealth(port, first);
      File secondLog = logs.resolve("second.log").toFile();
      Process second = startArena(freePort(), secondLog, data);

      assertThat(exitStatus(second)).isEqualTo(2);
      assertThat(Files.readString(secondLog.toPath())).contains("in use by another server").doesNotContain("\tat ");
      assertThat(post(port, "/api/login", "{\"name\":\"bob\"}")).contains("token");
    } finally {
      first.destroy();
      exitStatus(first);
    }
  }
}
