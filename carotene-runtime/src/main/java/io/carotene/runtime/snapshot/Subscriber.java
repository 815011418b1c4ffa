package io.carotene.runtime.snapshot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One client as the snapshot publisher knows it, owned by the world thread: its {@link
 * SnapshotOutbox}, who it is in each store (its own entry's encoded id), what it sees this tick,
 * the handles it was sent in each of the last {@link StoreTracker#HISTORY} ticks (the baselines its
 * acks may name), its reused frame buffer, and how often in a row it was skipped. Only {@link
 * #acknowledge(long)} may be called from another thread (the IO thread, as acks arrive). Bounded by
 * the history times what the client sees.
 */
public final class Subscriber {
  final SnapshotOutbox outbox;
  final byte[][] viewerIds;
  final IntList[] visible;
  private final long[] ringTick = new long[StoreTracker.HISTORY];
  private final IntList[][] ring;
  private final boolean[][] ringShared;
  private ByteBuffer frame = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);

  /**
   * The tick of the last binary snapshot the client acknowledged applying (0: none, send a full
   * one). Written by the IO thread, read by the world thread.
   */
  private volatile long ackedTick;
  /** The seq of the last call the world ran for this client. */
  private long lastAppliedSeq;
  /** Snapshots skipped in a row because frames were still waiting, counted while the server is not behind. */
  int skippedSnapshots;
  /** Snapshots skipped in a row whatever the server's state. */
  int skippedInARow;
  /** A snapshot was prepared this tick and is not yet handed to the IO thread. */
  boolean snapshotPrepared;

  Subscriber(SnapshotOutbox outbox, StoreTracker[] trackers) {
    int stores = trackers.length;
    this.outbox = outbox;
    viewerIds = new byte[stores][];
    visible = new IntList[stores];
    ring = new IntList[StoreTracker.HISTORY][stores];
    ringShared = new boolean[StoreTracker.HISTORY][stores];
    for (int s = 0; s < stores; s++) {
      visible[s] = new IntList();
      viewerIds[s] = trackers[s].layout().idBytesOf(outbox.userId());
    }
    Arrays.fill(ringTick, -1);
  }

  /** Any thread (the IO thread, as an ack arrives): the client holds the snapshot of {@code tick}. */
  public void acknowledge(long tick) {
    ackedTick = tick;
  }

  long ackedTick() {
    return ackedTick;
  }

  /** World thread: the world ran this client's call {@code seq}; the next snapshot's {@code ack}. */
  public void applied(long seq) {
    lastAppliedSeq = seq;
  }

  /** World thread: the seq of the last call the world ran for this client (0: none). */
  public long lastAppliedSeq() {
    return lastAppliedSeq;
  }

  /** Whether this client was sent the snapshot of {@code tick} and it is still remembered. */
  boolean sent(long tick) {
    return tick >= 0 && ringTick[(int) (tick % StoreTracker.HISTORY)] == tick;
  }

  /** The handles of store {@code s} sent at {@code tick} (see {@link #sent}); null when shared. */
  IntList sentAt(long tick, int s) {
    int slot = (int) (tick % StoreTracker.HISTORY);
    return ringShared[slot][s] ? null : ring[slot][s];
  }

  boolean sharedAt(long tick, int s) {
    return ringShared[(int) (tick % StoreTracker.HISTORY)][s];
  }

  /** Remembers what was sent at {@code tick}: {@link #visible}, or the store's live list when shared. */
  void record(long tick, boolean[] shared) {
    int slot = (int) (tick % StoreTracker.HISTORY);
    ringTick[slot] = tick;
    for (int s = 0; s < visible.length; s++) {
      ringShared[slot][s] = shared[s];
      if (!shared[s]) {
        if (ring[slot][s] == null) {
          ring[slot][s] = new IntList(Math.max(16, visible[s].size()));
        }
        ring[slot][s].setAll(visible[s].array(), visible[s].size());
      }
    }
  }

  /** The reused frame buffer, cleared, with room for {@code size} bytes. */
  ByteBuffer frame(int size) {
    if (frame.capacity() < size) {
      frame = ByteBuffer.allocate(Math.max(size + size / 4, frame.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
    }
    frame.clear();
    return frame;
  }
}
