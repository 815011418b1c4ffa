package io.carotene.example.arena.replay;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.runtime.Rng;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.record.Recorder;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.runtime.world.DomainWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Not a test (surefire does not pick it up): what recording costs the world thread, 400 players,
 * each sending an input every 100 ms, the 16 ms physics tick. Times each tick plus the calls
 * applied before it (what the world thread does), recording off, then on with the defaults (a
 * checksum every tick, every entry every 60 ticks), then on with every entry every tick, the ticks
 * paced at four times the real rate; fails if a recording stopped before its end. Prints the
 * median and p99 per tick. Run: {@code mvn -B -q verify -pl carotene-processor,example-arena
 * -am -Dtest=RecordingCostMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RecordingCostMeasurement {
  static final int PLAYERS = 400;
  static final int TICKS = 3_000;
  /**
   * The ticks are paced, one every 4 ms of wall time (four times the real 16 ms rate): unpaced, the
   * world makes events far faster than any journal takes them, its writer falls 65,536 events
   * behind and the recording stops (logged), after which "recording on" costs nothing.
   */
  static final long PACE_NANOS = 4_000_000L;

  @Test
  void measure() throws Exception {
    Path dir = Files.createTempDirectory("recording-cost");
    long epoch = 0;
    for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up
      report(pass, "off", run(null, 0));
      report(pass, "on (checksum every tick, state every 60)", run(RecordingSettings.into(dir).withChecksumEvery(1, 60), ++epoch));
      report(pass, "on (checksum and state every tick)", run(RecordingSettings.into(dir).withChecksumEvery(1, 1), ++epoch));
    }
  }

  private static void report(int pass, String what, long[] nanos) {
    if (pass == 0) {
      return;
    }
    Arrays.sort(nanos);
    System.out.printf("recording %-42s median %6.1f µs   p99 %6.1f µs%n", what,
        nanos[nanos.length / 2] / 1e3, nanos[(int) (nanos.length * 0.99)] / 1e3);
  }

  private static long[] run(RecordingSettings settings, long epochMillis) {
    long[] clock = {0};
    DomainWorld world = DomainWorld.create(new ArenaApplication(), () -> clock[0], new StoreOptions(PLAYERS * 2), 1L);
    Recorder recorder = settings == null ? null : Recorder.start(world, settings, epochMillis);
    try {
      world.start();
      UUID[] ids = new UUID[PLAYERS];
      Session[] sessions = new Session[PLAYERS];
      for (int i = 0; i < PLAYERS; i++) {
        ids[i] = new UUID(7, i);
        sessions[i] = Session.authenticated(ids[i].toString());
        world.put(new Player(ids[i], new Vector3(i, 0, -i), Vector3.ZERO, true, 100));
      }
      Rng inputs = new Rng(3);
      long[] nanos = new long[TICKS];
      long due = System.nanoTime();
      for (int tick = 0; tick < TICKS; tick++) {
        due += PACE_NANOS;
        while (System.nanoTime() - due < 0) {
          LockSupport.parkNanos(due - System.nanoTime());
        }
        long start = System.nanoTime();
        // 400 players × 10 inputs/s ≈ 67 inputs per 16 ms tick.
        for (int k = 0; k < 67; k++) {
          int p = inputs.nextInt(PLAYERS);
          world.call(sessions[p], "HandleInput", ids[p], new Vector3(inputs.nextFloat() * 3, 0, inputs.nextFloat() * 3));
        }
        clock[0] += 16_000_000L;
        world.scheduler().runDue();
        nanos[tick] = System.nanoTime() - start;
      }
      if (recorder != null && recorder.stoppedEarly()) {
        throw new AssertionError("The recording stopped before the end (see the log): the figures would not be its cost");
      }
      return nanos;
    } finally {
      if (recorder != null) {
        recorder.close();
      }
      world.close();
    }
  }
}
