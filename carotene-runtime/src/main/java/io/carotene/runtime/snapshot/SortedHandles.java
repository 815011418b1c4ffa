package io.carotene.runtime.snapshot;

import java.util.Arrays;

/**
 * A store's live handles, kept in ascending order: a binary delta's updates then walk handles in
 * order, each naming its handle by a small positive difference from the previous one's
 * (PROTOCOL.md, section 5.2). Not API: the snapshot package's own.
 */
final class SortedHandles {
  private int[] handles = new int[16];
  private int count;

  /**
   * Adds {@code h}, not already here. A new handle is the largest yet and goes last; a reused one
   * is put in its place, a copy of the handles after it: nothing allocated but when the array
   * grows, and only as often as entries enter the store.
   */
  void add(int h) {
    if (count == handles.length) {
      handles = Arrays.copyOf(handles, handles.length * 2);
    }
    int at = count;
    if (at > 0 && handles[at - 1] > h) {
      at = -Arrays.binarySearch(handles, 0, count, h) - 1;
      System.arraycopy(handles, at, handles, at + 1, count - at);
    }
    handles[at] = h;
    count++;
  }

  /** The handles, ascending, in the first {@link #count()} places; written by {@link #keep}. */
  int[] array() {
    return handles;
  }

  int count() {
    return count;
  }

  /**
   * Keeps the first {@code kept} places, which the caller filled from the handles in order (a
   * subsequence, so still ascending).
   */
  void keep(int kept) {
    count = kept;
  }
}
