package io.carotene.runtime.fleet;

/**
 * What an allocated server does once its last room is disposed: a server allocated for one match
 * asks Agones to shut it down (and Agones replaces it with a fresh one), or returns to {@code
 * Ready} so the fleet can allocate it again.
 */
public enum MatchEndPolicy {
  /** {@code POST /shutdown}: one match per process, the Agones default for session-based games. */
  SHUTDOWN,
  /** {@code POST /ready}: the process is reused for the next allocation. */
  READY
}
