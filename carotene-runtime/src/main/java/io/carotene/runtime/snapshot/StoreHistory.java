package io.carotene.runtime.snapshot;

/**
 * What one store looked like at each of the last {@link StoreTracker#HISTORY} ticks: its live
 * handles and every entry's wire bytes, by handle: what a delta's baseline holds. Arrays are
 * reused from slot to slot and grow only with the store. World thread only.
 */
final class StoreHistory {
  private final int[][] live = new int[StoreTracker.HISTORY][];
  private final int[] liveCount = new int[StoreTracker.HISTORY];
  private final long[] tick = new long[StoreTracker.HISTORY];
  private final byte[][] bytes = new byte[StoreTracker.HISTORY][];

  StoreHistory() {
    java.util.Arrays.fill(tick, -1);
  }

  /** Keeps {@code tick}'s live handles and the first {@code byteCount} bytes of the entries. */
  void record(long tick, int[] handles, int count, byte[] entries, int byteCount) {
    int slot = slot(tick);
    if (live[slot] == null || live[slot].length < count) {
      live[slot] = new int[Math.max(16, count + count / 2)];
    }
    System.arraycopy(handles, 0, live[slot], 0, count);
    liveCount[slot] = count;
    if (bytes[slot] == null || bytes[slot].length < byteCount) {
      bytes[slot] = new byte[Math.max(1024, byteCount + byteCount / 2)];
    }
    System.arraycopy(entries, 0, bytes[slot], 0, byteCount);
    this.tick[slot] = tick;
  }

  /** The live handles of {@code tick}, when still in the history; else null. */
  int[] liveAt(long tick) {
    int slot = slot(tick);
    return this.tick[slot] == tick ? live[slot] : null;
  }

  int liveCountAt(long tick) {
    return liveCount[slot(tick)];
  }

  /** The entries' bytes by handle at {@code tick} (see {@link #liveAt}). */
  byte[] bytesAt(long tick) {
    int slot = slot(tick);
    return this.tick[slot] == tick ? bytes[slot] : null;
  }

  private static int slot(long tick) {
    return (int) (tick % StoreTracker.HISTORY);
  }
}
