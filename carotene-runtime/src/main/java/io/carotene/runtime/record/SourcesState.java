package io.carotene.runtime.record;

import io.carotene.runtime.Ids;
import io.carotene.runtime.Rng;
import io.carotene.runtime.internal.WorldServices;

/**
 * Where a world's {@link Rng} and {@link Ids} are: a recording that starts in the middle of a
 * world's life keeps it, and its replay restores it, so the numbers and ids drawn after the start
 * are the recorded world's. Reaches the sources' state through an {@link Access} the runtime's
 * package grants once (from {@code Rng}'s class initializer), so the state stays out of their API.
 * Not API.
 */
public final class SourcesState {
  /** The numbers {@link #of} gives: the random source's state, the id source's, its counter. */
  public static final int LONGS = 3;

  /** How the runtime's package reads and sets the sources' state. */
  public interface Access {
    long[] state(Rng random, Ids ids);

    void restore(Rng random, Ids ids, long[] state);
  }

  private static volatile Access access;

  private SourcesState() {}

  /** Called once, by {@code Rng}'s class initializer. */
  public static void grant(Access granted) {
    if (access != null) {
      throw new IllegalStateException("The sources' state access was granted already");
    }
    access = granted;
  }

  /** Where {@code services}' sources are now ({@link #LONGS} numbers). */
  public static long[] of(WorldServices services) {
    return access.state(services.random(), services.ids());
  }

  /** Puts {@code services}' sources where {@link #of} said they were. */
  public static void restore(WorldServices services, long[] state) {
    if (state.length != LONGS) {
      throw new IllegalArgumentException("The sources' state is " + LONGS + " numbers, got " + state.length);
    }
    access.restore(services.random(), services.ids(), state);
  }
}
