package io.carotene.runtime;

import io.carotene.runtime.record.SourcesState;

/**
 * How a recording reads and a replay restores where a world's {@link Rng} and {@link Ids} are,
 * without making that part of their API ({@link SourcesState}). Not API.
 */
final class ServicesAccess implements SourcesState.Access {
  @Override
  public long[] state(Rng random, Ids ids) {
    return new long[] {random.state(), ids.bits().state(), ids.sequence()};
  }

  @Override
  public void restore(Rng random, Ids ids, long[] state) {
    random.restore(state[0]);
    ids.restore(state[1], state[2]);
  }
}
