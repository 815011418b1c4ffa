package io.carotene.runtime.snapshot;

/**
 * The handles of entries that left a {@link StoreTracker}'s store, oldest first, each with the tick
 * it was freed: a handle is reused only after {@link StoreTracker#HISTORY} + 1 ticks, so a handle
 * in any baseline a client can still name means the same entry. A ring that grows (doubling) only
 * when more entries leave than ever before.
 */
final class FreedHandles {
  private int[] handles = new int[16];
  private long[] ticks = new long[16];
  private int head;
  private int count;

  /** The oldest freed handle if it may be reused at {@code tick}, taken; else -1. */
  int takeReusable(long tick) {
    if (count == 0 || ticks[head] + StoreTracker.HISTORY + 1 > tick) {
      return -1;
    }
    int h = handles[head];
    head = (head + 1) % handles.length;
    count--;
    return h;
  }

  void add(int h, long freedAt) {
    if (count == handles.length) {
      int[] moreHandles = new int[count * 2];
      long[] moreTicks = new long[count * 2];
      for (int i = 0; i < count; i++) {
        moreHandles[i] = handles[(head + i) % count];
        moreTicks[i] = ticks[(head + i) % count];
      }
      handles = moreHandles;
      ticks = moreTicks;
      head = 0;
    }
    int at = (head + count) % handles.length;
    handles[at] = h;
    ticks[at] = freedAt;
    count++;
  }
}
