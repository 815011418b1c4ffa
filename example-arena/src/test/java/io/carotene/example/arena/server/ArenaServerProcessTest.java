package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.ArenaServer;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Arena's generated main as a child process: what SIGTERM does from the first moment it serves. */
class ArenaServerProcessTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef-process";

  @TempDir
  Path logs;

  /** Starts {@code java -cp <this classpath> ArenaServer} on a free port; its output goes to a file. */
  private Process startArena(int port, File output) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
        command.add(arg);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ArenaServer.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().put("CAROTENE_SECRET", SECRET);
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
      try (RawWebSocket client = RawWebSocket.connect(port, Tokens.withSecret(SECRET).issue(UUID.randomUUID().toString()))) {
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
}
