package io.carotene.loadgen;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongConsumer;

/**
 * One bot's calls in flight, by {@code seq}, for input-to-ack latency: the time from sending the
 * call with seq S to the first snapshot whose {@code ack} is at least S.
 *
 * <p>One thread sends ({@link #sent}), another reads replies and snapshots ({@link #kind}, {@link
 * #exclude}, {@link #acked}); the slots are published through atomic arrays. A ring of {@link
 * #CAPACITY} slots: a call still unacknowledged after that many newer calls is forgotten (counted by
 * {@link #overwritten()}), never mismatched, since every slot remembers its seq.
 */
final class AckTracker {
  static final int CAPACITY = 1024;
  private static final int MASK = CAPACITY - 1;

  /** Kinds of call. */
  static final int VALID = 1;
  static final int CHEAT = 2;
  /** Added to a kind once a reply for the call arrived. */
  private static final int ANSWERED = 4;

  private final AtomicLongArray seqs = new AtomicLongArray(CAPACITY);
  private final AtomicLongArray sentAt = new AtomicLongArray(CAPACITY);
  private final AtomicIntegerArray kinds = new AtomicIntegerArray(CAPACITY);
  /** Reader only. */
  private long lastAck;
  /** Sender only. */
  private volatile long overwritten;

  /** Sender: the call {@code seq} (1, 2, 3, … in order) left at {@code nanos}. */
  void sent(long seq, long nanos, int kind) {
    int slot = (int) (seq & MASK);
    if (sentAt.get(slot) != 0) {
      overwritten++; // never acknowledged nor excluded in CAPACITY calls
    }
    sentAt.set(slot, 0);
    kinds.set(slot, kind);
    seqs.set(slot, seq);
    sentAt.set(slot, nanos == 0 ? 1 : nanos);
  }

  /** The kind of call {@code seq} if it is still tracked, else 0. */
  int kind(long seq) {
    int slot = (int) (seq & MASK);
    return seqs.get(slot) == seq ? kinds.get(slot) & ~ANSWERED : 0;
  }

  /** Reader: a reply to call {@code seq} arrived. */
  void answered(long seq) {
    int slot = (int) (seq & MASK);
    if (seqs.get(slot) == seq) {
      kinds.set(slot, kinds.get(slot) | ANSWERED);
    }
  }

  /**
   * Call {@code seq} will never move {@code ack} (answered {@code BAD_REQUEST} or {@code
   * RATE_LIMITED}): a later ack must not be counted as its.
   */
  void exclude(long seq) {
    int slot = (int) (seq & MASK);
    if (seqs.get(slot) == seq) {
      sentAt.set(slot, 0);
    }
  }

  /**
   * A snapshot with {@code ack} arrived at {@code nanos}: hands {@code latencies} the latency, in
   * nanoseconds, of every call this ack covers for the first time. Returns how many.
   */
  int acked(long ack, long nanos, LongConsumer latencies) {
    return acked(ack, nanos, latencies, () -> {});
  }

  /**
   * As {@link #acked(long, long, LongConsumer)}; {@code silentCheat} runs for each speed hack the ack
   * covers that got no reply: with {@code replies=errors} only a refused call is answered, so the
   * world ran it and said nothing, i.e. accepted it.
   */
  int acked(long ack, long nanos, LongConsumer latencies, Runnable silentCheat) {
    if (ack <= lastAck) {
      return 0;
    }
    int count = 0;
    long from = Math.max(lastAck + 1, ack - CAPACITY + 1);
    for (long seq = from; seq <= ack; seq++) {
      int slot = (int) (seq & MASK);
      long at = sentAt.get(slot);
      if (seqs.get(slot) == seq && at != 0) {
        sentAt.set(slot, 0);
        latencies.accept(Math.max(0, nanos - at));
        if (kinds.get(slot) == CHEAT) {
          silentCheat.run();
        }
        count++;
      }
    }
    lastAck = ack;
    return count;
  }

  /** The highest ack seen (reader). */
  long lastAck() {
    return lastAck;
  }

  /** Calls whose slot was reused before any ack covered them (sender's count). */
  long overwritten() {
    return overwritten;
  }
}
