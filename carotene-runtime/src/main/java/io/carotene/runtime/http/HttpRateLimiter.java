package io.carotene.runtime.http;

import io.carotene.runtime.Clock;
import io.carotene.runtime.limit.RateLimit;
import io.carotene.runtime.limit.TokenBucket;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link RateLimit} of HTTP routes, one token bucket per client address, shared by every IO
 * thread. Memory is bounded: past {@value #MAX_ADDRESSES} addresses the buckets are all forgotten
 * (each address starts again with a full burst) rather than kept without end.
 */
public final class HttpRateLimiter {
  static final int MAX_ADDRESSES = 10_000;

  private final RateLimit limit;
  private final Clock clock;
  private final ConcurrentHashMap<InetAddress, TokenBucket> buckets = new ConcurrentHashMap<>();

  public HttpRateLimiter(RateLimit limit, Clock clock) {
    this.limit = limit;
    this.clock = clock;
  }

  RateLimit limit() {
    return limit;
  }

  /** Takes one request's token for {@code address}; false when its bucket is empty. */
  boolean tryAcquire(InetAddress address) {
    TokenBucket bucket = buckets.get(address);
    if (bucket == null) {
      if (buckets.size() >= MAX_ADDRESSES) {
        buckets.clear();
      }
      bucket = buckets.computeIfAbsent(address, unused -> new TokenBucket(limit, clock));
    }
    synchronized (bucket) { // TokenBucket is single-threaded; one address may use several IO threads
      return bucket.tryAcquire();
    }
  }
}
