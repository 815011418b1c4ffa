package io.carotene.runtime;

import java.util.UUID;

/**
 * New ids for entities created by game code, the same on every replay of a world: the n-th id a
 * world creates depends only on its seed and n. Take it as a parameter of a {@code @Loop},
 * {@code @Socket} or {@code @Http} method instead of calling {@code UUID.randomUUID()}, whose ids
 * differ on every run.
 *
 * <p>The UUIDs are version 4 in form. They are unique within a world and, since a production
 * world's seed is random, across worlds in practice; they are not secrets, so never use one as a
 * token. One instance per world, used from the world's thread only.
 */
public final class Ids {
  private final Rng bits;
  private long sequence;

  /** Ids derived from {@code seed}. */
  public Ids(long seed) {
    this.bits = new Rng(Rng.mix(seed ^ 0x1D5L));
  }

  /** A new version-4 UUID. */
  public UUID nextUuid() {
    long most = (bits.nextLong() & ~0xF000L) | 0x4000L;
    long least = (bits.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
    return new UUID(most, least);
  }

  Rng bits() {
    return bits;
  }

  long sequence() {
    return sequence;
  }

  void restore(long bitsState, long sequence) {
    bits.restore(bitsState);
    this.sequence = sequence;
  }

  /** 1, 2, 3, …: a counter for ids that need only be unique within the world. */
  public long nextLong() {
    return ++sequence;
  }

  @Override
  public String toString() {
    return "Ids[" + sequence + " longs issued]";
  }
}
