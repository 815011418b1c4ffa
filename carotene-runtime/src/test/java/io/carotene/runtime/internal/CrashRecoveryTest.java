package io.carotene.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof by crashing: a child JVM runs {@link CrashWorkload} over a persisted world and is killed
 * with SIGKILL at random instants; after each kill the world reopens to exactly the end of a tick
 * it recorded, with every invariant holding, and the next child carries on from there. The
 * default run kills 20 times; the long run is
 *
 * <pre>
 * mvn -B -o test -pl carotene-runtime -Dtest=CrashRecoveryTest -Dcarotene.crash.kills=1000
 * </pre>
 *
 * <p>A child JVM takes a second or more of CPU to start, far longer than it lives. So the next
 * children are started while the current one runs ({@code -Dcarotene.crash.warm}, default 2; 0
 * starts each cold after the kill before it), and Chronicle's generated class is compiled once
 * for all of them. A warm child warms up in a scratch directory of its own and opens the data
 * directory only when its turn comes, after the check of the kill before it.
 */
class CrashRecoveryTest {
  /** Chronicle's generated class, compiled once for every child (see PrecompiledValueClasses). */
  @TempDir static Path shared;

  private static String childClassPath;

  @TempDir Path temp;

  @BeforeAll
  static void compileChronicleValueClasses() {
    String classPath = System.getProperty("java.class.path");
    childClassPath =
        PrecompiledValueClasses.compileInto(shared)
            .map(classes -> classes + File.pathSeparator + classPath)
            .orElse(classPath);
  }

  @Test
  void afterEachSigkillTheWorldIsExactlyAsAtTheEndOfARecordedTick() throws Exception {
    int kills = Integer.getInteger("carotene.crash.kills", 20);
    long seed = Long.getLong("carotene.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Path directory = temp.resolve("data");
    Path side = temp.resolve("checksums.txt");
    int lastTick = 0;
    int rolledBack = 0;
    Deque<Child> waiting = new ArrayDeque<>();
    long started = System.nanoTime();
    long childCpu = 0;
    try {
      for (int kill = 1; kill <= kills; kill++) {
        while (waiting.size() < Math.max(1, Math.min(WARM_CHILDREN, kills - kill + 1))) {
          Path scratch = WARM_CHILDREN == 0 ? null : temp.resolve("scratch-" + (kill + waiting.size()));
          waiting.add(Child.start(directory, side, scratch));
        }
        Child child = waiting.remove();
        child.go();
        Thread.sleep(random.nextInt(150));
        childCpu += child.process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
        child.process.destroyForcibly(); // SIGKILL
        assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Map<Integer, Set<Long>> recorded = recordedChecksums(side);
        try (CrashWorkload world = new CrashWorkload(directory)) {
          int tick = world.tick();
          String context = "kill " + kill + " (seed " + seed + ") recovered to tick " + tick;
          assertThat(world.brokenInvariants()).as(context).isEmpty();
          assertThat(tick).as(context).isGreaterThanOrEqualTo(lastTick);
          if (tick > 0) {
            assertThat(recorded).as(context).containsKey(tick);
            assertThat(recorded.get(tick)).as(context).contains(world.checksum());
          }
          if (recorded.containsKey(tick + 1)) {
            rolledBack++; // its checksum was recorded, its commit did not happen
          }
          lastTick = tick;
          if (kill % 100 == 0) {
            System.out.printf("CrashRecoveryTest: kill %d recovered to tick %d after %.0f s%n",
                kill, tick, (System.nanoTime() - started) / 1e9);
          }
        }
      }
    } finally {
      waiting.forEach(child -> child.process.destroyForcibly());
    }
    System.out.printf(
        "CrashRecoveryTest: %d kills, seed %d, %d ticks run, %d recoveries landed on the tick before the last recorded;"
            + " %.1f s, the children used %.1f s of CPU%n",
        kills, seed, lastTick, rolledBack, (System.nanoTime() - started) / 1e9, childCpu / 1e3);
    assertThat(lastTick).as("the world made progress across the kills").isGreaterThan(kills);
  }

  @Test
  void aSigtermClosesCleanlyAndLosesNothing() throws Exception {
    Path directory = temp.resolve("data");
    Path side = temp.resolve("checksums.txt");
    Child child = Child.start(directory, side, null);
    child.go();
    Thread.sleep(300);
    child.process.destroy(); // SIGTERM
    assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    String closing =
        Files.readAllLines(side).stream().filter(line -> line.startsWith("closing ")).findFirst().orElseThrow();
    try (CrashWorkload world = new CrashWorkload(directory)) {
      assertThat(world.tick()).isPositive();
      assertThat(world.brokenInvariants()).isEmpty();
      assertThat(world.badges.get("call").level()).as("the call after the last tick").isEqualTo(world.tick());
      assertThat(world.checksum()).isEqualTo(Long.parseLong(closing.substring(8)));
    }
  }

  /** Children started ahead of their turn, warming up while the one before them runs. */
  private static final int WARM_CHILDREN = Integer.getInteger("carotene.crash.warm", 2);

  /** A child JVM running {@link CrashWorkload}. */
  private static final class Child {
    final Process process;
    final BufferedReader out;
    final boolean warm;

    private Child(Process process, boolean warm) {
      this.process = process;
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.warm = warm;
    }

    /**
     * Starts a child over {@code directory}. With a {@code scratch} directory it warms up there and
     * waits for {@link #go()} before it opens {@code directory}; without, it opens it at once.
     */
    static Child start(Path directory, Path side, Path scratch) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle")) {
          command.add(argument);
        }
      }
      command.add("-Xmx256m");
      // A child lives for a fraction of a second: C1 only, one GC thread, no perf-data file.
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-XX:+UseSerialGC");
      command.add("-XX:-UsePerfData");
      command.add("-cp");
      command.add(childClassPath);
      command.add(CrashWorkload.class.getName());
      command.add(directory.toString());
      command.add(side.toString());
      if (scratch != null) {
        command.add(scratch.toString());
      }
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      return new Child(process, scratch != null);
    }

    /** Lets the child open the world, and returns once it is ticking. */
    void go() throws IOException {
      if (warm) {
        assertThat(out.readLine()).as("the warm child's first line").isEqualTo("ready");
        process.getOutputStream().write('\n');
        process.getOutputStream().flush();
      }
      assertThat(out.readLine()).as("the child's line once it opened the world").startsWith("ticking from");
    }
  }

  /** Every tick's recorded checksums (a tick rolled back and run again records its own twice). */
  private static Map<Integer, Set<Long>> recordedChecksums(Path side) throws IOException {
    Map<Integer, Set<Long>> recorded = new HashMap<>();
    if (!Files.exists(side)) {
      return recorded;
    }
    String text = Files.readString(side);
    // The line being written when the child died may be cut short: only whole lines count.
    String[] lines = text.substring(0, text.lastIndexOf('\n') + 1).split("\n");
    for (String line : lines) {
      String[] parts = line.split(" ");
      if (parts.length == 2 && !parts[0].equals("closing")) {
        recorded.computeIfAbsent(Integer.parseInt(parts[0]), t -> new HashSet<>()).add(Long.parseLong(parts[1]));
      }
    }
    return recorded;
  }
}
