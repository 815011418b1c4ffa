package io.carotene.runtime.snapshot;

import java.util.Arrays;

/**
 * A uniform grid over the x–z plane, rebuilt once per tick by a counting sort of the entries into
 * hashed cells (an unbounded world needs no bounds). A radius query visits the few cells its
 * circle overlaps and checks the exact distance, so it costs about the entries near the point,
 * not the whole store. Reuses its arrays from tick to tick: a rebuild allocates only when the
 * store has grown.
 */
public final class SpatialGrid {
  private float cell = 1f;
  private int mask;
  private int[] bucketStart = new int[2];
  private int[] sorted = new int[0];
  private int[] bucketOf = new int[0];
  private int[] visited = new int[16];

  /** Files {@code handles[0, count)} by their positions {@code x[h]}, {@code z[h]} in cells of {@code cellSize}. */
  public void rebuild(float cellSize, int[] handles, int count, float[] x, float[] z) {
    this.cell = cellSize;
    int buckets = Integer.highestOneBit(Math.max(16, count * 2 - 1)) << 1;
    if (bucketStart.length < buckets + 1) {
      bucketStart = new int[buckets + 1];
    }
    mask = buckets - 1;
    if (sorted.length < count) {
      sorted = new int[Math.max(count, sorted.length * 2)];
      bucketOf = new int[sorted.length];
    }
    Arrays.fill(bucketStart, 0, buckets + 1, 0);
    for (int i = 0; i < count; i++) {
      int h = handles[i];
      int b = bucket(cellOf(x[h]), cellOf(z[h]));
      bucketOf[i] = b;
      bucketStart[b + 1]++;
    }
    for (int b = 0; b < buckets; b++) {
      bucketStart[b + 1] += bucketStart[b];
    }
    // Fill from the back of each bucket so that bucketStart ends up as each bucket's start.
    for (int i = count - 1; i >= 0; i--) {
      int b = bucketOf[i];
      sorted[--bucketStart[b + 1]] = handles[i];
    }
    // bucketStart[b + 1] now holds bucket b's start; shift so bucketStart[b] is the start of b.
    System.arraycopy(bucketStart, 1, bucketStart, 0, buckets);
    bucketStart[buckets] = count;
  }

  /**
   * Adds to {@code out} every filed handle within {@code radius} of ({@code px}, {@code pz}), each
   * once, in no particular order.
   */
  public void query(float px, float pz, float radius, float[] x, float[] z, IntList out) {
    if (Float.isNaN(px) || Float.isNaN(pz)) {
      return;
    }
    int x0 = cellOf(px - radius);
    int x1 = cellOf(px + radius);
    int z0 = cellOf(pz - radius);
    int z1 = cellOf(pz + radius);
    float r2 = radius * radius;
    int seen = 0;
    for (int cx = x0; cx <= x1; cx++) {
      for (int cz = z0; cz <= z1; cz++) {
        int b = bucket(cx, cz);
        boolean again = false;
        for (int i = 0; i < seen; i++) {
          if (visited[i] == b) {
            again = true;
            break;
          }
        }
        if (again) {
          continue;
        }
        if (seen == visited.length) {
          visited = Arrays.copyOf(visited, seen * 2);
        }
        visited[seen++] = b;
        for (int i = bucketStart[b], end = bucketStart[b + 1]; i < end; i++) {
          int h = sorted[i];
          float dx = x[h] - px;
          float dz = z[h] - pz;
          if (dx * dx + dz * dz <= r2) {
            out.add(h);
          }
        }
      }
    }
  }

  private int cellOf(float coordinate) {
    float c = coordinate / cell;
    if (c != c) {
      return 0; // NaN: filed somewhere; the distance check never passes
    }
    return (int) Math.floor(Math.max(-1e9f, Math.min(1e9f, c)));
  }

  private int bucket(int cx, int cz) {
    int h = cx * 0x9E3779B1 ^ cz * 0x85EBCA77;
    h ^= h >>> 15;
    return h & mask;
  }
}
