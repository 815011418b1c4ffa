package io.carotene.example.arena;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.Tick;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Arena's PhysicsTick over the same players in an ephemeral and in a persisted engine, in the
 * same run, each tick ended as the world ends it (the persisted one commits its epoch); a sparse
 * tick that changes {@link #SPARSE} players by id; the put-then-remove rate of each, one entity at a time and as a wave of {@link #WAVE} entities
 * spawned in one tick and despawned in the next. Run with {@code -prof gc}; see BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
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
public class PersistedTickBenchmark {
  /** Entities spawned in one tick, then despawned in the next. */
  static final int WAVE = 1_000;
  /** Players changed one by one in a sparse tick. */
  static final int SPARSE = 1_000;

  @Param({"10000", "100000"})
  int players;

  GameServer server;
  Tick tick;
  Path directory;
  StoreOptions persistedOptions;
  ChronicleStore<UUID, Player, MutablePlayer> ephemeral;
  ChronicleStore<UUID, Player, MutablePlayer> persisted;
  GameWorldStore ephemeralStore;
  GameWorldStore persistedStore;
  Player extra;
  Player[] wave;
  /** Two disjoint sets of {@link #SPARSE} players, changed by turns: each tick changes other players than the last. */
  UUID[][] sparse;
  int sparseTurn;
  Consumer<MutablePlayer> move;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    server = new GameServer();
    tick = new Tick("PhysicsTick", TimeUnit.MILLISECONDS.toNanos(16));
    directory = Files.createTempDirectory("carotene-bench");
    persistedOptions = new StoreOptions(players + WAVE).persistedIn(directory, false).forWorld();
    ephemeral = GameWorldStore.newEngine(new StoreOptions(players + WAVE));
    persisted =
        new ChronicleStore<>(
            "GameWorld", UUID.class, Player.class, MutablePlayer.class, PlayerCodec.INSTANCE,
            players + WAVE, Player::id, persistedOptions, List.of("benchmark"));
    ephemeralStore = new GameWorldStore(ephemeral);
    persistedStore = new GameWorldStore(persisted);
    for (int i = 0; i < players; i++) {
      boolean onFloor = i % 2 == 0;
      Player player =
          new Player(
              new UUID(i, ~i),
              new Vector3(i, onFloor ? 0f : 1_000_000f, -i),
              new Vector3(1f, 0f, -1f),
              onFloor,
              100);
      ephemeral.put(player);
      persisted.put(player);
    }
    persistedOptions.journal().commit();
    extra = new Player(new UUID(-1, -1), Vector3.ZERO, Vector3.ZERO, true, 100);
    wave = new Player[WAVE];
    for (int i = 0; i < WAVE; i++) {
      wave[i] = new Player(new UUID(-2, i), new Vector3(i, 0f, i), Vector3.ZERO, true, 100);
    }
    sparse = new UUID[2][SPARSE];
    for (int i = 0; i < SPARSE; i++) {
      int spread = players / SPARSE;
      sparse[0][i] = new UUID(i * spread, ~(i * spread));
      sparse[1][i] = new UUID(i * spread + 1, ~(i * spread + 1));
    }
    float dt = tick.deltaSeconds();
    move = player -> GameServer.step(player, dt);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    ephemeral.close();
    persisted.close();
    persistedOptions.journal().close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Benchmark
  public void ephemeralTick() {
    server.physicsTick(tick, ephemeralStore);
  }

  /** The tick, then the epoch's commit, as the world runs it. */
  @Benchmark
  public void persistedTick() {
    server.physicsTick(tick, persistedStore);
    persistedOptions.journal().commit();
  }

  /** A tick that changes {@link #SPARSE} players one by one (by id): the time is per player. */
  @Benchmark
  @OperationsPerInvocation(SPARSE)
  public void ephemeralSparseUpdates() {
    for (UUID id : sparse[sparseTurn ^= 1]) {
      ephemeral.update(id, move);
    }
  }

  /** The same over files, then the commit; each tick changes other players than the one before. */
  @Benchmark
  @OperationsPerInvocation(SPARSE)
  public void persistedSparseUpdates() {
    for (UUID id : sparse[sparseTurn ^= 1]) {
      persisted.update(id, move);
    }
    persistedOptions.journal().commit();
  }

  @Benchmark
  public void ephemeralPutRemove() {
    ephemeral.put(extra);
    ephemeral.remove(extra.id());
  }

  /** A put and a remove, then a commit: a tick that adds and drops one entity. */
  @Benchmark
  public void persistedPutRemove() {
    persisted.put(extra);
    persisted.remove(extra.id());
    persistedOptions.journal().commit();
  }

  /** A wave spawned (puts), then despawned (removes): the time is per put or remove. */
  @Benchmark
  @OperationsPerInvocation(2 * WAVE)
  public void ephemeralWavePutsThenRemoves() {
    for (Player player : wave) {
      ephemeral.put(player);
    }
    for (Player player : wave) {
      ephemeral.remove(player.id());
    }
  }

  /** The same wave over files: the spawning tick commits, then the despawning tick commits. */
  @Benchmark
  @OperationsPerInvocation(2 * WAVE)
  public void persistedWavePutsThenRemoves() {
    for (Player player : wave) {
      persisted.put(player);
    }
    persistedOptions.journal().commit();
    for (Player player : wave) {
      persisted.remove(player.id());
    }
    persistedOptions.journal().commit();
  }
}
