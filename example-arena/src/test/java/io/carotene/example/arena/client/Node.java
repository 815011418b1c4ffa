package io.carotene.example.arena.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node.js for the client tests: found on the PATH, else those tests are skipped with the reason
 * (a Java-only build needs nothing else; {@code -Dcarotene.skipNode=true} skips them on purpose).
 */
final class Node {
  private Node() {}

  /** Node's major version; skips the calling test when Node is missing or skipped. */
  static int requireNode() {
    assumeTrue(!Boolean.getBoolean("carotene.skipNode"), "Node tests skipped: -Dcarotene.skipNode=true");
    int major = -1;
    try {
      Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 && version.startsWith("v")) {
        major = Integer.parseInt(version.substring(1, version.indexOf('.')));
      }
    } catch (IOException | InterruptedException | NumberFormatException e) {
      major = -1;
    }
    assumeTrue(major >= 20, "Node.js 20 or newer is not on the PATH: the generated client's tests are skipped");
    return major;
  }

  /** {@code node} with the flags the client needs on this version, then {@code arguments}. */
  static List<String> command(int major, String... arguments) {
    List<String> command = new ArrayList<>(List.of("node"));
    if (major < 22) {
      command.add("--experimental-websocket"); // WebSocket is global from Node 22 on
    }
    command.addAll(List.of(arguments));
    return command;
  }
}
