package io.carotene.example.arena.server;

import io.carotene.example.arena.ArenaApplication;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomType;
import io.carotene.test.server.TestServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Not a test: creates and disposes 10,000 rooms of the Arena on a real server (args: rooms per
 * round, default 10,000, and rounds, default 1) and prints the process's resident memory (VmRSS)
 * and the JVM's native memory (NMT) before and after each round. Run with
 * {@code -XX:NativeMemoryTracking=summary} (and the launcher's JVM flags) from the test classpath;
 * it asserts nothing, timing least of all. Each report ends with the heap's 15 largest classes
 * (live objects, after a full GC) and the count of rooms, timer tasks and Chronicle maps still
 * reachable: a room that should be gone shows itself there.
 */
public final class RoomChurnMeasurement {
  public static void main(String[] args) throws Exception {
    int rooms = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    try (TestServer server = TestServer.builder(new ArenaApplication())
        .roomType(RoomType.of("arena")).maxRooms(200).matchmakingRateLimit(null, null).start()) {
      String token = server.tokens().issue(java.util.UUID.randomUUID().toString()); // a player id, as the Arena's join hook wants
      churn(server, token, 1_000); // warm up: classes, pools, JIT
      report("after 1,000 rooms (baseline)");
      int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1; // several: whether RSS levels off
      for (int round = 1; round <= rounds; round++) {
        churn(server, token, rooms);
        report("after " + rooms * round + " more rooms");
      }
    }
  }

  private static void churn(TestServer server, String token, int count) throws InterruptedException {
    for (int i = 0; i < count; i++) {
      server.create(token, "arena", Map.of());
      if (i % 100 == 99) {
        server.server().rooms().forEach(Room::dispose);
        while (server.server().roomsAlive() > 0) {
          Thread.sleep(5);
        }
      }
    }
    server.server().rooms().forEach(Room::dispose);
    while (server.server().roomsAlive() > 0) {
      Thread.sleep(5);
    }
  }

  private static void report(String when) throws IOException, InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(line -> line.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?");
    long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.println("== " + when + ": " + rss.replaceAll("\\s+", " ") + ", heap used after GC " + heapUsed / 1024 + " kB");
    long pid = ManagementFactory.getRuntimeMXBean().getPid();
    Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "VM.native_memory", "summary").redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor();
    out.lines().filter(line -> line.startsWith("Total") || line.contains("- ") && (line.contains("Java Heap") || line.contains("Other")
        || line.contains("Internal") || line.contains("Thread") || line.contains("Class"))).forEach(System.out::println);
    Process histogram = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
    String classes = new String(histogram.getInputStream().readAllBytes());
    histogram.waitFor();
    classes.lines().skip(1).limit(16).forEach(System.out::println); // the header and the 15 largest classes
    classes.lines().filter(line -> line.contains("ServerRoom ") || line.contains("ScheduledFutureTask")
        || line.contains("VanillaChronicleMap ")).forEach(System.out::println); // rooms, timer tasks, maps still reachable
  }
}
