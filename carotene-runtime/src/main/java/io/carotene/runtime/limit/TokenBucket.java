package io.carotene.runtime.limit;

import io.carotene.runtime.Clock;

/**
 * One connection's {@link RateLimit}. Used by the connection's IO thread only, so it needs no
 * locks; refilled lazily from the clock, so it needs no timer.
 */
public final class TokenBucket {
  private final Clock clock;
  private final double tokensPerNano;
  private final double capacity;
  private double tokens;
  private long refilledAt;

  public TokenBucket(RateLimit limit, Clock clock) {
    this.clock = clock;
    this.tokensPerNano = limit.perSecond() / 1e9;
    this.capacity = limit.burst();
    this.tokens = capacity;
    this.refilledAt = clock.nanoTime();
  }

  /** Takes one call's token; false when the bucket is empty. */
  public boolean tryAcquire() {
    long now = clock.nanoTime();
    long elapsed = now - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
      refilledAt = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
