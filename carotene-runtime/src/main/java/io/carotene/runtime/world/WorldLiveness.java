package io.carotene.runtime.world;

/**
 * Whether the threads that run worlds are making progress: what an orchestrator's health pings
 * ask before they tell the orchestrator "alive". A {@link WorldThread} answers for itself; a pool
 * of world threads answers for all of them (every one must be progressing).
 */
@FunctionalInterface
public interface WorldLiveness {
  /**
   * Whether every world thread came back to its loop (between ticks and tasks) within the last
   * {@code nanos}: a tick or task stuck in game code makes this false until it returns.
   */
  boolean allProgressedWithin(long nanos);
}
