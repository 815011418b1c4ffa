package io.carotene.runtime.internal;

import io.carotene.runtime.internal.Bodies.Body;
import io.carotene.runtime.internal.Bodies.MutableBody;
import io.carotene.runtime.internal.VariableSizeStoreTest.Badge;
import io.carotene.runtime.internal.VariableSizeStoreTest.BadgeCodec;
import io.carotene.runtime.internal.VariableSizeStoreTest.MutableBadge;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A persisted world under a deterministic workload, run in a child JVM by {@link
 * CrashRecoveryTest} and killed at random instants. Every tick is a function of the world's
 * state alone (the tick number is itself an entry), so a world resumed after a crash carries on
 * as if nothing happened. Each tick: every body moves (some in the pass, some by {@code update}),
 * a group dies (removed inside the pass), a group spawns; a text store gets a put, a remove and the
 * tick number; between ticks a "call" writes too. Before each commit the tick's checksum is
 * appended to a side file, so whatever tick the world recovers to has its checksum recorded.
 */
final class CrashWorkload implements AutoCloseable {
  static final int SPAWN = 40;
  static final int LIFETIME = 50;
  static final long CAPACITY = SPAWN * (LIFETIME + 2);

  final StoreOptions options;
  final ChronicleStore<Long, Body, MutableBody> bodies;
  final ChronicleStore<String, Badge, MutableBadge> badges;

  CrashWorkload(Path directory) {
    options = Bodies.world(directory);
    bodies = Bodies.persisted(options, CAPACITY);
    badges =
        new ChronicleStore<>(
            "Badges", String.class, Badge.class, MutableBadge.class, new BadgeCodec(), 64,
            Badge::id, options, List.of("id String", "title String", "level int"));
  }

  /** The last tick the world completed: 0 for a new one. */
  int tick() {
    return badges.find("tick").map(Badge::level).orElse(0);
  }

  /** Runs tick {@code tick() + 1}. */
  void runTick() {
    int t = tick() + 1;
    long dying = (long) (t - LIFETIME) * SPAWN;
    bodies.updateEach(
        body -> {
          if (body.id >= dying && body.id < dying + SPAWN) {
            bodies.remove(body.id);
          }
          if (body.id % 5 != 0) {
            body.move(1, (int) (body.id % 7));
          }
        });
    for (long id = Math.max(dying, SPAWN); id < dying + SPAWN; id += 5) {
      // already removed: the pass's removals took effect when it ended
      if (bodies.contains(id)) {
        throw new IllegalStateException("body " + id + " outlived its removal");
      }
    }
    long firstAlive = Math.max(SPAWN, dying + SPAWN);
    for (long id = firstAlive - firstAlive % 5; id < (long) t * SPAWN; id += 5) {
      if (id >= firstAlive) {
        bodies.update(id, body -> body.move(1, (int) (body.id % 7)));
      }
    }
    for (long id = (long) t * SPAWN; id < (long) (t + 1) * SPAWN; id++) {
      bodies.put(Body.of(id, 0, 0));
    }
    badges.put(new Badge("b" + t % 20, "tick " + t + " ".repeat(t % 13), t));
    badges.remove("b" + (t + 10) % 20);
    badges.put(new Badge("tick", "the last tick", t));
  }

  /** A call between ticks: belongs to the next tick's epoch. */
  void call() {
    badges.put(new Badge("call", "after tick " + tick(), tick()));
  }

  /** An order-independent hash of every entry of both stores. */
  long checksum() {
    long[] sum = {bodies.count() * 31L + badges.count()};
    bodies.readEach(body -> sum[0] += body.check * 7 + body.id);
    for (Badge badge : badges.all()) {
      sum[0] += (badge.id().hashCode() * 31L + badge.title().hashCode()) * 31L + badge.level();
    }
    return sum[0];
  }

  /**
   * What must hold at the end of any tick: exactly the bodies born in the last {@code LIFETIME}
   * ticks, each untorn and moved once per tick since its birth; the tick's badges present.
   */
  List<String> brokenInvariants() {
    List<String> broken = new ArrayList<>();
    int t = tick();
    long first = Math.max(SPAWN, (long) (t - LIFETIME + 1) * SPAWN);
    long last = (long) (t + 1) * SPAWN;
    long expected = t == 0 ? 0 : last - first;
    if (bodies.count() != expected) {
      broken.add("tick " + t + ": " + bodies.count() + " bodies, expected " + expected);
    }
    bodies.readEach(
        body -> {
          if (body.check != Bodies.checkOf(body.id, body.x, body.y)) {
            broken.add("torn body " + body.toRecord());
          }
          int age = (int) (t - body.id / SPAWN);
          if (body.id < first || body.id >= last || body.x != age || body.y != age * (int) (body.id % 7)) {
            broken.add("tick " + t + ": body out of place " + body.toRecord());
          }
        });
    if (t > 0 && badges.find("b" + t % 20).map(Badge::level).orElse(-1) != t) {
      broken.add("tick " + t + ": badge b" + t % 20 + " is " + badges.find("b" + t % 20));
    }
    if (t > 0 && badges.contains("b" + (t + 10) % 20)) {
      broken.add("tick " + t + ": badge b" + (t + 10) % 20 + " survived its removal");
    }
    return broken;
  }

  @Override
  public void close() {
    badges.close();
    bodies.close();
    options.journal().close();
  }

  /**
   * {@code CrashWorkload <directory> <side file> [<scratch directory>]}: ticks until killed. On
   * SIGTERM it finishes the tick, records {@code closing <checksum>} (the call after the last tick
   * included) and closes.
   *
   * <p>With a scratch directory the child first warms up (a few ticks of a world of its own there,
   * which loads and compiles the code), prints {@code ready} and waits for a line on its input
   * before it opens {@code <directory>}. The test starts the next child that way while the current
   * one runs, so a kill does not wait for a JVM to start.
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args[0]);
    if (args.length > 2) {
      warmUp(Path.of(args[2]));
      System.out.println("ready");
      System.out.flush();
      if (new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine() == null) {
        return; // the test ended without needing this child
      }
    }
    PrintStream side = new PrintStream(new FileOutputStream(args[1], true), true, StandardCharsets.UTF_8);
    CrashWorkload world = new CrashWorkload(directory);
    Object lock = new Object();
    boolean[] stopping = {false};
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  synchronized (lock) {
                    stopping[0] = true;
                    side.println("closing " + world.checksum());
                    world.close();
                  }
                }));
    System.out.println("ticking from " + world.tick());
    System.out.flush();
    while (true) {
      synchronized (lock) {
        if (stopping[0]) {
          return;
        }
        world.runTick();
        side.println(world.tick() + " " + world.checksum());
        world.options.journal().commit();
        world.call();
      }
    }
  }

  private static void warmUp(Path scratch) {
    try (CrashWorkload world = new CrashWorkload(scratch)) {
      world.runTick();
      world.checksum();
      world.options.journal().commit();
    }
  }
}
