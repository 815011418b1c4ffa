package io.carotene.runtime.socket;

import io.carotene.runtime.snapshot.IntList;
import io.carotene.runtime.snapshot.StoreTracker;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What the world thread remembers of one client's snapshots: per store, who the client is (its own
 * entry's encoded id), the handles it was sent in each of the last {@link StoreTracker#HISTORY}
 * ticks (the baselines its acks may name), and its reused frame buffer. World thread only; bounded
 * by the history times what the client sees.
 */
public final class ClientView {
  final byte[][] viewerIds;
  final IntList[] visible;
  private final long[] ringTick = new long[StoreTracker.HISTORY];
  private final IntList[][] ring;
  private final boolean[][] ringShared;
  private ByteBuffer frame = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);

  ClientView(int stores) {
    viewerIds = new byte[stores][];
    visible = new IntList[stores];
    ring = new IntList[StoreTracker.HISTORY][stores];
    ringShared = new boolean[StoreTracker.HISTORY][stores];
    for (int s = 0; s < stores; s++) {
      visible[s] = new IntList();
    }
    java.util.Arrays.fill(ringTick, -1);
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
