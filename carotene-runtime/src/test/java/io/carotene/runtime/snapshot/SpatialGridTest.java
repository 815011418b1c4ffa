package io.carotene.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The grid answers exactly what a scan of every point would, each point once. */
class SpatialGridTest {
  @Test
  void radiusQueriesMatchABruteForceScan() {
    Random random = new Random(42);
    SpatialGrid grid = new SpatialGrid();
    for (int round = 0; round < 20; round++) {
      int count = 1 + random.nextInt(2000);
      int handles = count + 50;
      float[] x = new float[handles];
      float[] z = new float[handles];
      int[] live = new int[count];
      for (int i = 0; i < count; i++) {
        int h = i * 7 % handles == 0 ? i : i; // handles need not be dense
        live[i] = h;
        float spread = round % 3 == 0 ? 30 : 1000;
        x[h] = random.nextFloat() * 2 * spread - spread;
        z[h] = random.nextFloat() * 2 * spread - spread;
      }
      float radius = 5 + random.nextFloat() * 100;
      grid.rebuild(radius, live, count, x, z);
      IntList found = new IntList();
      for (int q = 0; q < 50; q++) {
        float px = random.nextFloat() * 2000 - 1000;
        float pz = random.nextFloat() * 2000 - 1000;
        float r = q % 2 == 0 ? radius : radius * (0.1f + random.nextFloat() * 3);
        found.clear();
        grid.query(px, pz, r, x, z, found);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
          got.add(found.get(i));
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          float dx = x[live[i]] - px;
          float dz = z[live[i]] - pz;
          if (dx * dx + dz * dz <= r * r) {
            expected.add(live[i]);
          }
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  @Test
  void pointsFarOutAndNaNDoNotBreakIt() {
    SpatialGrid grid = new SpatialGrid();
    float[] x = {0, 1e30f, -1e30f, Float.NaN, 3};
    float[] z = {0, 1e30f, 5, 0, 4};
    grid.rebuild(10, new int[] {0, 1, 2, 3, 4}, 5, x, z);
    IntList found = new IntList();
    grid.query(0, 0, 10, x, z, found);
    assertThat(found.size()).isEqualTo(2);
    found.clear();
    grid.query(Float.NaN, 0, 10, x, z, found);
    assertThat(found.size()).isZero();
  }
}
