package io.carotene.runtime.limit;

/**
 * How many calls one connection may make (or, for HTTP routes, one client address): a token
 * bucket that holds up to {@code burst} calls and refills at {@code perSecond}. A call beyond it
 * is answered {@code RATE_LIMITED} (HTTP 429) and never reaches the world.
 *
 * @param perSecond sustained calls per second, more than 0
 * @param burst calls that may arrive back to back, at least 1
 */
public record RateLimit(double perSecond, int burst) {
  /** The default: 120 calls/s sustained, bursts of 120; twice a 60 Hz client's input rate. */
  public static final RateLimit DEFAULT = new RateLimit(120, 120);

  /**
   * The default for HTTP routes, per client address: 20 requests/s sustained, bursts of 40. A
   * browser logs in once; a flood of logins from one address cannot fill a world in seconds.
   */
  public static final RateLimit HTTP_DEFAULT = new RateLimit(20, 40);

  public RateLimit {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("A rate limit's calls per second must be positive and finite, got " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("A rate limit's burst must be at least 1, got " + burst);
    }
  }
}
