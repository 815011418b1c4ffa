package io.carotene.example.arena;

import static io.carotene.test.TestIds.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.test.CaroteneTest;
import io.carotene.test.Sandbox;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The tick's pass over the off-heap store must not allocate per entity: it reads each entry into
 * one reused flyweight and writes it back in place. Counts bytes allocated by this thread (not
 * time), so it is deterministic enough to assert.
 */
@CaroteneTest(Arena.class)
class PhysicsTickAllocationTest {
  static final int PLAYERS = 10_000;
  static final int MEASURED_TICKS = 20;

  @Test
  void aPhysicsTickOverTenThousandPlayersAllocatesNothingPerPlayer(Sandbox sandbox) {
    for (int i = 0; i < PLAYERS; i++) {
      sandbox.given(new Player(uuid("player_" + i), new Vector3(i, 1000f, -i), new Vector3(1f, 0f, 1f), false, 100));
    }
    for (int i = 0; i < 300; i++) { // let the JIT compile the pass, as it is in a running server
      sandbox.triggerLoop("PhysicsTick");
    }

    long before = allocatedBytes();
    for (int i = 0; i < MEASURED_TICKS; i++) {
      sandbox.triggerLoop("PhysicsTick");
    }
    long allocated = allocatedBytes() - before;

    // A single 16-byte object per player per tick would be 3.2 MB here; allow only per-tick overhead.
    assertThat(allocated).isLessThan((long) PLAYERS * MEASURED_TICKS / 4);
    assertThat(sandbox.store(GameWorldView.class).get(uuid("player_7")).position().x())
        .isGreaterThan(7f);
  }

  private static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
