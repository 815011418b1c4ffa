package io.carotene.runtime.internal;

import io.carotene.runtime.Ids;
import io.carotene.runtime.Rng;
import java.util.Objects;

/**
 * What the runtime gives a world's generated dispatchers beside its stores: the deterministic
 * sources game methods may take as parameters, all derived from the world's seed (recorded at the
 * world's start, so a replay gets the same numbers and ids).
 *
 * @param seed the world's seed
 * @param random the world's seeded random source
 * @param ids the world's id source
 */
public record WorldServices(long seed, Rng random, Ids ids) {
  public WorldServices {
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(ids, "ids");
  }

  /** The sources of a world seeded with {@code seed}. */
  public static WorldServices seeded(long seed) {
    return new WorldServices(seed, new Rng(seed), new Ids(seed));
  }
}
