package io.carotene.runtime.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.Clock;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private long now = 1_000_000_000L;
  private final Clock clock = () -> now;

  @Test
  void aFullBucketLetsABurstThroughThenRefuses() {
    TokenBucket bucket = new TokenBucket(new RateLimit(10, 3), clock);

    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.tryAcquire()).isFalse();
  }

  @Test
  void theBucketRefillsAtItsRate() {
    TokenBucket bucket = new TokenBucket(new RateLimit(10, 1), clock);
    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.tryAcquire()).isFalse();

    now += 50_000_000L; // 50 ms: half a token at 10/s
    assertThat(bucket.tryAcquire()).isFalse();
    now += 50_000_000L; // 100 ms in all: one token
    assertThat(bucket.tryAcquire()).isTrue();
  }

  @Test
  void aLongPauseRefillsNoMoreThanTheBurst() {
    TokenBucket bucket = new TokenBucket(new RateLimit(10, 2), clock);
    bucket.tryAcquire();
    bucket.tryAcquire();

    now += 60_000_000_000L; // a minute
    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.tryAcquire()).isFalse();
  }

  @Test
  void theDefaultLetsA60HzClientThroughForever() {
    TokenBucket bucket = new TokenBucket(RateLimit.DEFAULT, clock);
    for (int i = 0; i < 60 * 60; i++) { // a minute of input at 60 per second
      now += 1_000_000_000L / 60;
      assertThat(bucket.tryAcquire()).as("input %d", i).isTrue();
    }
  }

  @Test
  void aRateLimitMustBePositive() {
    assertThatThrownBy(() -> new RateLimit(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimit(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
