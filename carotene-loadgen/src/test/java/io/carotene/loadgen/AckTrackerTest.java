package io.carotene.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AckTrackerTest {
  private final AckTracker tracker = new AckTracker();
  private final List<Long> latencies = new ArrayList<>();

  @Test
  void anAckCoversEveryCallUpToItOnceFromItsOwnSendTime() {
    tracker.sent(1, 1_000, AckTracker.VALID);
    tracker.sent(2, 2_000, AckTracker.VALID);
    tracker.sent(3, 3_000, AckTracker.CHEAT);

    assertThat(tracker.acked(0, 5_000, latencies::add)).isZero();
    assertThat(tracker.acked(2, 10_000, latencies::add)).isEqualTo(2);
    assertThat(latencies).containsExactly(9_000L, 8_000L);

    latencies.clear();
    assertThat(tracker.acked(2, 11_000, latencies::add)).isZero(); // the same ack again: nothing new
    assertThat(tracker.acked(3, 12_000, latencies::add)).isEqualTo(1);
    assertThat(latencies).containsExactly(9_000L);
    assertThat(tracker.lastAck()).isEqualTo(3);
  }

  @Test
  void aSpeedHackAckedWithoutAReplyCountsAsSilentlyAcceptedAndAnAnsweredOneDoesNot() {
    AckTracker tracker = new AckTracker();
    tracker.sent(1, 100, AckTracker.CHEAT);
    tracker.sent(2, 100, AckTracker.VALID);
    tracker.sent(3, 100, AckTracker.CHEAT);
    tracker.answered(3); // REJECTED came before the snapshot that acks it
    java.util.concurrent.atomic.AtomicInteger silent = new java.util.concurrent.atomic.AtomicInteger();

    tracker.acked(3, 1_000, nanos -> {}, silent::incrementAndGet);

    assertThat(silent).hasValue(1);
    assertThat(tracker.kind(3)).isEqualTo(AckTracker.CHEAT);
  }

  @Test
  void anOlderAckAfterANewerOneCountsNothing() {
    tracker.sent(1, 0, AckTracker.VALID);
    tracker.sent(2, 0, AckTracker.VALID);
    tracker.acked(2, 100, latencies::add);
    assertThat(tracker.acked(1, 200, latencies::add)).isZero();
    assertThat(latencies).hasSize(2);
  }

  @Test
  void callsThatNeverReachTheWorldAreNotCountedByALaterAck() {
    tracker.sent(1, 1_000, AckTracker.VALID);
    tracker.sent(2, 2_000, AckTracker.VALID);
    tracker.sent(3, 3_000, AckTracker.VALID);
    tracker.exclude(2); // answered RATE_LIMITED

    tracker.acked(3, 10_000, latencies::add);

    assertThat(latencies).containsExactly(9_000L, 7_000L);
  }

  @Test
  void theKindOfACallIsKnownWhileItIsTracked() {
    tracker.sent(7, 1, AckTracker.CHEAT);
    assertThat(tracker.kind(7)).isEqualTo(AckTracker.CHEAT);
    assertThat(tracker.kind(7 + AckTracker.CAPACITY)).isZero(); // same slot, other seq
  }

  @Test
  void aCallOverwrittenInTheRingIsCountedNeverMismatched() {
    for (long seq = 1; seq <= AckTracker.CAPACITY + 10; seq++) {
      tracker.sent(seq, seq * 10, AckTracker.VALID);
    }
    assertThat(tracker.overwritten()).isEqualTo(10);

    long ack = AckTracker.CAPACITY + 10;
    int counted = tracker.acked(ack, ack * 10 + 5, latencies::add);

    assertThat(counted).isEqualTo(AckTracker.CAPACITY);
    assertThat(latencies).allSatisfy(l -> assertThat(l).isBetween(5L, AckTracker.CAPACITY * 10L));
    assertThat(latencies.get(latencies.size() - 1)).isEqualTo(5L);
  }
}
