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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 */
class CrashRecoveryTest {
  @TempDir Path temp;

  @Test
  void afterEachSigkillTheWorldIsExactlyAsAtTheEndOfARecordedTick() throws Exception {
    int kills = Integer.getInteger("carotene.crash.kills", 20);
    long seed = Long.getLong("carotene.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Path directory = temp.resolve("data");
    Path side = temp.resolve("checksums.txt");
    int lastTick = 0;
    int rolledBack = 0;
    for (int kill = 1; kill <= kills; kill++) {
      Process child = start(directory, side);
      awaitTicking(child);
      Thread.sleep(random.nextInt(150));
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

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
      }
    }
    System.out.printf(
        "CrashRecoveryTest: %d kills, seed %d, %d ticks run, %d recoveries landed on the tick before the last recorded%n",
        kills, seed, lastTick, rolledBack);
    assertThat(lastTick).as("the world made progress across the kills").isGreaterThan(kills);
  }

  @Test
  void aSigtermClosesCleanlyAndLosesNothing() throws Exception {
    Path directory = temp.resolve("data");
    Path side = temp.resolve("checksums.txt");
    Process child = start(directory, side);
    awaitTicking(child);
    Thread.sleep(300);
    child.destroy(); // SIGTERM
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

    String closing =
        Files.readAllLines(side).stream().filter(line -> line.startsWith("closing ")).findFirst().orElseThrow();
    try (CrashWorkload world = new CrashWorkload(directory)) {
      assertThat(world.tick()).isPositive();
      assertThat(world.brokenInvariants()).isEmpty();
      assertThat(world.badges.get("call").level()).as("the call after the last tick").isEqualTo(world.tick());
      assertThat(world.checksum()).isEqualTo(Long.parseLong(closing.substring(8)));
    }
  }

  private static Process start(Path directory, Path side) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle")) {
        command.add(argument);
      }
    }
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashWorkload.class.getName());
    command.add(directory.toString());
    command.add(side.toString());
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  private static void awaitTicking(Process child) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("the child's first line").startsWith("ticking from");
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
