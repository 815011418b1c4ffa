package io.carotene.example.arena;

import static io.carotene.test.TestIds.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.snapshot.IntList;
import io.carotene.runtime.snapshot.StoreLayout;
import io.carotene.runtime.snapshot.StoreTracker;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.test.CaroteneTest;
import io.carotene.test.Sandbox;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The world thread's part of a snapshot — encoding every player once, noting changes, filing the
 * interest grid, answering each client's radius query — allocates nothing per player. Counts
 * bytes allocated by this thread, not time.
 */
@CaroteneTest(Arena.class)
class SnapshotCaptureAllocationTest {
  static final int PLAYERS = 5_000;
  static final int VIEWERS = 200;
  static final int MEASURED_TICKS = 20;

  @Test
  void capturingAndQueryingAllocateNothingPerPlayer(Sandbox sandbox) {
    for (int i = 0; i < PLAYERS; i++) {
      sandbox.given(new Player(uuid("player_" + i), new Vector3(i % 100, 0f, i / 100f), new Vector3(1f, 0f, 1f), true, 100));
    }
    // The engine behind GameWorldStore, as the snapshot publisher sees it.
    StoreLayout layout = StoreLayout.of(((DomainWorld) sandbox.world()).stores().get(0), 0);
    assertThat(layout.mode()).isEqualTo(StoreLayout.Mode.DELTA);
    StoreTracker tracker = new StoreTracker(layout, ArenaServerSettings.viewRadius(20f));
    byte[][] viewers = new byte[VIEWERS][];
    for (int v = 0; v < VIEWERS; v++) {
      viewers[v] = layout.idBytesOf(uuid("player_" + v * 7).toString());
      assertThat(viewers[v]).isNotNull();
    }
    IntList visible = new IntList(4096);
    long tick = 1;
    for (int i = 0; i < 200; i++) { // warm up: arrays reach their size, the JIT compiles
      sandbox.triggerLoop("PhysicsTick");
      tracker.capture(tick++, null);
      for (byte[] viewer : viewers) {
        tracker.visible(viewer, null, visible);
      }
    }

    long before = allocatedBytes();
    int seen = 0;
    for (int i = 0; i < MEASURED_TICKS; i++) {
      sandbox.triggerLoop("PhysicsTick");
      tracker.capture(tick++, null);
      for (byte[] viewer : viewers) {
        tracker.visible(viewer, null, visible);
        seen += visible.size();
      }
    }
    long allocated = allocatedBytes() - before;

    assertThat(seen).isPositive();
    assertThat(tracker.liveCount()).isEqualTo(PLAYERS);
    // The physics tick and the capture together, 20 ticks of 5,000 players: per-tick overhead only.
    assertThat(allocated).isLessThan((long) PLAYERS * MEASURED_TICKS / 4);
  }

  private static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
