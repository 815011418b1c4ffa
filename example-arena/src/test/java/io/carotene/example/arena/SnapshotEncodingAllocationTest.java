package io.carotene.example.arena;

import static io.carotene.test.TestIds.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.Tick;
import io.carotene.runtime.snapshot.Interest;
import io.carotene.runtime.snapshot.SharedBody;
import io.carotene.runtime.snapshot.SnapshotFormat;
import io.carotene.runtime.snapshot.SnapshotOutbox;
import io.carotene.runtime.snapshot.SnapshotPublisher;
import io.carotene.runtime.snapshot.Subscriber;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.test.CaroteneTest;
import io.carotene.test.Sandbox;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The world thread's whole binary snapshot path — capture, interest, and every client's frame
 * (handles, field masks, each update written once per baseline and copied) — allocates nothing per
 * player or per client once the buffers reached their size. Clients acknowledge with a lag, some
 * on different baselines, as real ones do. Counts bytes allocated by this thread, not time.
 */
@CaroteneTest(Arena.class)
class SnapshotEncodingAllocationTest {
  static final int PLAYERS = 400;
  static final int MEASURED_TICKS = 20;

  @ParameterizedTest
  @ValueSource(floats = {0f, 50f})
  void encodingEveryClientsSnapshotAllocatesNothingPerPlayer(float radius, Sandbox sandbox) {
    for (int i = 0; i < PLAYERS; i++) {
      sandbox.given(new Player(uuid("player_" + i), new Vector3((i % 20) * 10f, 0f, (i / 20) * 10f), new Vector3(4f, 0f, 3f), true, 100));
    }
    DomainWorld world = (DomainWorld) sandbox.world();
    Interest<?> interest = radius > 0 ? ArenaServerSettings.viewRadius(radius) : Interest.everything();
    SnapshotPublisher publisher = new SnapshotPublisher(world, Map.of("GameWorld", interest));
    Tick tick = new Tick(publisher.snapshotLoop(), TimeUnit.MILLISECONDS.toNanos(16));
    Counting[] outboxes = new Counting[PLAYERS];
    Subscriber[] clients = new Subscriber[PLAYERS];
    for (int i = 0; i < PLAYERS; i++) {
      outboxes[i] = new Counting(uuid("player_" + i).toString());
      clients[i] = publisher.subscriber(outboxes[i]);
      publisher.add(clients[i]);
    }
    long number = 0;
    // Warm up: buffers reach their size (views grow for a while as the grid's cells fill), the JIT
    // compiles.
    for (int i = 0; i < 1500; i++) {
      number = publish(sandbox, publisher, tick, clients, number);
    }

    long before = allocatedBytes();
    long bytes = 0;
    for (int i = 0; i < MEASURED_TICKS; i++) {
      number = publish(sandbox, publisher, tick, clients, number);
      for (Counting outbox : outboxes) {
        bytes += outbox.lastBytes;
      }
    }
    long allocated = allocatedBytes() - before;

    assertThat(bytes).as("frames were encoded").isPositive();
    // The physics tick, the capture and 400 frames a tick, 20 ticks: under a byte per player per
    // tick, per-tick overhead only (one object per client's entry would be 400 × 400 a tick).
    assertThat(allocated).isLessThan((long) PLAYERS * MEASURED_TICKS);
  }

  /** One tick: physics, then every client's snapshot; a client acks the tick 2, 3 or 4 before. */
  private static long publish(Sandbox sandbox, SnapshotPublisher publisher, Tick tick, Subscriber[] clients, long number) {
    sandbox.triggerLoop("PhysicsTick");
    number++;
    tick.advance(number, number * 16_000_000L, 0);
    publisher.accept(tick);
    for (int i = 0; i < clients.length; i++) {
      long acked = number - 2 - i % 3;
      if (acked > 0) {
        clients[i].acknowledge(acked);
      }
    }
    return number;
  }

  private static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /** A client whose socket takes every frame at once. */
  static final class Counting implements SnapshotOutbox {
    final String userId;
    int lastBytes;

    Counting(String userId) {
      this.userId = userId;
    }

    @Override
    public String userId() {
      return userId;
    }

    @Override
    public SnapshotFormat format() {
      return SnapshotFormat.BINARY;
    }

    @Override
    public boolean mayWrite() {
      return true;
    }

    @Override
    public boolean snapshotInFlight() {
      return false;
    }

    @Override
    public int framesInFlight() {
      return 0;
    }

    @Override
    public int queuedSinceFlush() {
      return 0;
    }

    @Override
    public void prepareSnapshot(long tick, long ack, SharedBody body) {}

    @Override
    public void prepareOwnFrame(ByteBuffer frame, boolean binary) {
      lastBytes = frame.remaining();
    }

    @Override
    public void handToFlusher() {}

    @Override
    public void close(int code, String reason) {}
  }
}
