package io.carotene.example.arena;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.Tick;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.snapshot.Interest;
import io.carotene.runtime.snapshot.SharedBody;
import io.carotene.runtime.snapshot.SnapshotFormat;
import io.carotene.runtime.snapshot.SnapshotOutbox;
import io.carotene.runtime.snapshot.SnapshotPublisher;
import io.carotene.runtime.snapshot.Subscriber;
import io.carotene.runtime.world.DomainWorld;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The snapshot path of one Arena tick: N players move (the Arena's own PhysicsTick, every player's
 * velocity changed every 8th tick as inputs would), then the {@link SnapshotPublisher} captures
 * the store and encodes a binary snapshot for each of N clients, each acknowledging the snapshot
 * of two ticks before (a round trip in flight). No socket: the frames are counted and dropped.
 * Run with {@code -prof gc}: the allocation per tick must not grow with N (BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
      "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
      "-Dchronicle.analytics.disable=true",
      "-Dchronicle.announcer.disable=true"
    })
public class SnapshotBenchmark {
  @Param({"200", "400"})
  int players;

  /** The view radius; 0: everyone sees everyone. */
  @Param({"0", "50"})
  float radius;

  DomainWorld world;
  GameServer server;
  GameWorldStore store;
  SnapshotPublisher publisher;
  Tick tick;
  Outbox[] outboxes;
  Subscriber[] subscribers;
  long number;
  int turning;
  /** Gives the next player a new velocity on the floor, as an input would. */
  final Consumer<MutablePlayer> turn = p -> {
    double angle = (turning++ * 7 + number / 8) * 0.7;
    p.velocity().x((float) (5 * Math.cos(angle))).z((float) (5 * Math.sin(angle)));
  };

  /** Bytes per tick over every client, and how many frames: the frame size the clients see. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Sent {
    public long frameBytes;
    public long frames;
  }

  @Setup(Level.Trial)
  public void setUp() {
    world = DomainWorld.create(new ArenaApplication(), () -> 0L, new StoreOptions(players * 2));
    server = new GameServer();
    store = world.store(GameWorldStore.class);
    Interest<?> interest = radius > 0 ? ArenaServerSettings.viewRadius(radius) : Interest.everything();
    publisher = new SnapshotPublisher(world, Map.of("GameWorld", interest));
    tick = new Tick(publisher.snapshotLoop(), TimeUnit.MILLISECONDS.toNanos(16));
    outboxes = new Outbox[players];
    subscribers = new Subscriber[players];
    // Players on a grid 10 units apart: about 80 in a radius of 50.
    int side = (int) Math.ceil(Math.sqrt(players));
    for (int i = 0; i < players; i++) {
      UUID id = new UUID(0xa, i);
      store.put(new Player(id, new Vector3((i % side) * 10f, 0f, (i / side) * 10f), velocity(i, 0), true, 100));
      outboxes[i] = new Outbox(id.toString());
      subscribers[i] = publisher.subscriber(outboxes[i]);
      publisher.add(subscribers[i]);
    }
  }

  private static Vector3 velocity(int i, long tick) {
    double angle = (i * 7 + tick / 8) * 0.7;
    return new Vector3((float) (5 * Math.cos(angle)), 0f, (float) (5 * Math.sin(angle)));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    world.close();
  }

  /** One tick: physics, every 8th tick a new velocity for each player, then every client's snapshot. */
  @Benchmark
  public void moveAndPublish(Sent sent) {
    number++;
    tick.advance(number, number * 16_000_000L, 0);
    if (number % 8 == 0) {
      turning = 0;
      store.updateEach(turn);
    }
    server.physicsTick(tick, store);
    publisher.accept(tick);
    for (int i = 0; i < players; i++) {
      sent.frameBytes += outboxes[i].lastBytes;
      if (number > 2) {
        subscribers[i].acknowledge(number - 2);
      }
    }
    sent.frames += players;
  }

  /** A client whose socket writes everything at once. */
  static final class Outbox implements SnapshotOutbox {
    final String userId;
    int lastBytes;

    Outbox(String userId) {
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
