package io.carotene.example.arena;

import java.io.IOException;
import java.util.Arrays;

/**
 * The persisted PhysicsTick's cost against the ephemeral one's on a shared machine: the two ticks
 * of {@link PersistedTickBenchmark} (its same setup) run by turns, in blocks of {@link #BLOCK}
 * ticks of one engine then of the other, so that a burst of someone else's load falls on both
 * alike. JMH runs one benchmark after the other, and a load that changes between them moves their
 * ratio. The first {@link #COLD} ticks of a block are not counted: they find the caches full of
 * the other engine's slab, which a server running one engine never does. Allocation is JMH's to
 * measure ({@code -prof gc}).
 *
 * <p>In one JVM, the call sites a pass goes through see both engines, which slows the ephemeral
 * tick against a JVM that runs only it. A third argument, {@code ephemeral} or {@code persisted},
 * times only that engine's ticks (the blocks of the other are left out): two such JVMs started
 * together share the machine's load as the two engines of a server would run apart.
 *
 * <pre>
 * java -cp carotene-benchmarks/target/benchmarks.jar io.carotene.example.arena.PersistedTickRatio 100000 40
 * </pre>
 */
public final class PersistedTickRatio {
  static final int BLOCK = 100;
  static final int COLD = 10;

  private PersistedTickRatio() {}

  public static void main(String[] args) throws IOException {
    int players = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int rounds = blocks * (BLOCK - COLD);
    String only = args.length > 2 ? args[2] : "both";
    PersistedTickBenchmark ticks = new PersistedTickBenchmark();
    ticks.players = players;
    ticks.setUp();
    try {
      for (int i = 0; i < 10 * BLOCK; i++) { // warm-up: the ticks compiled
        if (!only.equals("persisted")) {
          ticks.ephemeralTick();
        }
        if (!only.equals("ephemeral")) {
          ticks.persistedTick();
        }
      }
      long[] ephemeral = new long[rounds];
      long[] persisted = new long[rounds];
      int counted = 0;
      for (int block = 0; block < blocks; block++) {
        boolean persistedFirst = (block & 1) == 1;
        for (int engine = 0; engine < 2; engine++) {
          boolean isPersisted = persistedFirst == (engine == 0);
          if (only.equals(isPersisted ? "ephemeral" : "persisted")) {
            continue;
          }
          long[] into = isPersisted ? persisted : ephemeral;
          for (int i = 0; i < BLOCK; i++) {
            long nanos = timed(ticks, isPersisted);
            if (i >= COLD) {
              into[counted + i - COLD] = nanos;
            }
          }
        }
        counted += BLOCK - COLD;
      }
      Arrays.sort(ephemeral);
      Arrays.sort(persisted);
      System.out.printf("players %d, %d blocks of %d ticks of each engine, %d ticks counted of each%n",
          players, blocks, BLOCK, rounds);
      if (!only.equals("persisted")) {
        System.out.printf("ephemeral tick: p10 %s, median %s, p90 %s%n",
            micros(ephemeral, 0.1), micros(ephemeral, 0.5), micros(ephemeral, 0.9));
      }
      if (!only.equals("ephemeral")) {
        System.out.printf("persisted tick (with commit): p10 %s, median %s, p90 %s%n",
            micros(persisted, 0.1), micros(persisted, 0.5), micros(persisted, 0.9));
      }
      if (only.equals("both")) {
        System.out.printf("ratio of the medians %.2f, of the p10s %.2f%n",
            at(persisted, 0.5) / at(ephemeral, 0.5), at(persisted, 0.1) / at(ephemeral, 0.1));
      }
    } finally {
      ticks.tearDown();
    }
  }

  private static long timed(PersistedTickBenchmark ticks, boolean persisted) {
    long start = System.nanoTime();
    if (persisted) {
      ticks.persistedTick();
    } else {
      ticks.ephemeralTick();
    }
    return System.nanoTime() - start;
  }

  private static double at(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))];
  }

  private static String micros(long[] sorted, double quantile) {
    return String.format("%,.0f µs", at(sorted, quantile) / 1_000);
  }
}
