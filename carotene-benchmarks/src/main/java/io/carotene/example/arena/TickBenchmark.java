package io.carotene.example.arena;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.Tick;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.StoreOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 * One PhysicsTick pass over N players: the Arena's real tick over the generated off-heap store,
 * beside two on-heap baselines doing the same arithmetic — a {@code HashMap<UUID, Player>} of
 * immutable records (what plain Java code would write) and a struct of arrays (the floor). Run
 * with {@code -prof gc} to see allocation per tick; see BENCHMARKS.md.
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
public class TickBenchmark {
  static final float DT = 0.016f;

  @Param({"1000", "10000", "100000"})
  int players;

  GameServer server;
  Tick tick;
  ChronicleStore<UUID, Player, MutablePlayer> engine;
  GameWorldStore store;
  Map<UUID, Player> heap;
  float[] px, py, pz, vx, vy, vz;
  boolean[] grounded;

  @Setup(Level.Trial)
  public void setUp() {
    server = new GameServer();
    tick = new Tick("PhysicsTick", TimeUnit.MILLISECONDS.toNanos(16));
    engine = GameWorldStore.newEngine(new StoreOptions(players));
    store = new GameWorldStore(engine);
    heap = new HashMap<>(players * 2);
    px = new float[players];
    py = new float[players];
    pz = new float[players];
    vx = new float[players];
    vy = new float[players];
    vz = new float[players];
    grounded = new boolean[players];
    for (int i = 0; i < players; i++) {
      // Half stand on the floor, half fall from up high: both branches of the step stay hot.
      boolean onFloor = i % 2 == 0;
      Player player =
          new Player(
              new UUID(i, ~i),
              new Vector3(i, onFloor ? 0f : 1_000_000f, -i),
              new Vector3(1f, 0f, -1f),
              onFloor,
              100);
      store.put(player);
      heap.put(player.id(), player);
      px[i] = i;
      py[i] = player.position().y();
      pz[i] = -i;
      vx[i] = 1f;
      vz[i] = -1f;
      grounded[i] = onFloor;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  /** The Arena's own @Loop method over the generated Chronicle Map store. */
  @Benchmark
  public void chronicleStore() {
    server.physicsTick(tick, store);
  }

  /** Iteration alone: every entry read into the flyweight, nothing written back. */
  @Benchmark
  public void chronicleReadOnlyPass() {
    engine.readEach(p -> GameServer.step(p, DT));
  }

  /** Plain Java: a HashMap of immutable records, each replaced by a new one. */
  @Benchmark
  public void hashMapOfRecords() {
    for (Map.Entry<UUID, Player> entry : heap.entrySet()) {
      entry.setValue(step(entry.getValue()));
    }
  }

  /** The floor: the same arithmetic over primitive arrays. */
  @Benchmark
  public void structOfArrays() {
    for (int i = 0; i < players; i++) {
      if (!grounded[i]) {
        vy[i] += GameServer.GRAVITY * DT;
      }
      px[i] += vx[i] * DT;
      py[i] += vy[i] * DT;
      pz[i] += vz[i] * DT;
      if (py[i] <= 0f) {
        py[i] = 0f;
        if (vy[i] < 0f) {
          vy[i] = 0f;
        }
        grounded[i] = true;
      } else {
        grounded[i] = false;
      }
    }
  }

  static Player step(Player p) {
    Vector3 v = p.velocity();
    float vy = p.isGrounded() ? v.y() : v.y() + GameServer.GRAVITY * DT;
    Vector3 pos = p.position();
    float x = pos.x() + v.x() * DT;
    float y = pos.y() + vy * DT;
    float z = pos.z() + v.z() * DT;
    boolean grounded = false;
    if (y <= 0f) {
      y = 0f;
      vy = Math.max(vy, 0f);
      grounded = true;
    }
    return new Player(p.id(), new Vector3(x, y, z), new Vector3(v.x(), vy, v.z()), grounded, p.health());
  }
}
