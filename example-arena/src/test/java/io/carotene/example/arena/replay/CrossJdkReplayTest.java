package io.carotene.example.arena.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.carotene.example.arena.Arena;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.test.CaroteneTest;
import io.carotene.test.ReplayMain;
import io.carotene.test.Sandbox;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording made on this JVM replays bit-identically on another JDK: the same session, replayed
 * by {@link ReplayMain} in a child JVM started on Temurin 25 (skipped where it is not installed,
 * as on CI).
 */
@CaroteneTest(Arena.class)
class CrossJdkReplayTest {
  static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  @TempDir Path recordings;
  @TempDir Path logs;

  @Test
  void aRecordingReplaysWithEveryChecksumMatchingInAChildJvmOnTemurin25(Sandbox sandbox) throws Exception {
    assumeTrue(Files.isExecutable(TEMURIN_25), "Temurin 25 is not installed at " + TEMURIN_25 + "; skipped");
    Path recording = sandbox.record(RecordingSettings.into(recordings));
    RecordReplayTest.playSession(sandbox, new ArrayList<UUID>(), 60);
    sandbox.recorder().close();

    List<String> command = new ArrayList<>();
    command.add(TEMURIN_25.toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Dchronicle")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReplayMain.class.getName(), recording.toString()));
    File output = logs.resolve("replay.log").toFile();
    Process replay = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
    boolean ended = replay.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      replay.destroyForcibly();
    }
    String log = Files.readString(output.toPath());

    assertThat(ended).as("the replay ended; its output:%n%s", log).isTrue();
    assertThat(replay.exitValue()).as("exit code; output:%n%s", log).isZero();
    assertThat(log).contains("OK: 3750 ticks replayed, 3750 checksums matched, 30000 calls applied");
  }
}
