package io.carotene.runtime.snapshot;

import java.util.Arrays;

/**
 * The encoded ids of a {@link StoreTracker}'s live entries, by handle, and an open-addressing
 * table from id to handle (linear probing, backward-shift deletion, no tombstones). World thread
 * only; grows (doubling) only when the store does.
 */
final class IdIndex {
  private final int idSize;
  private byte[] ids = new byte[0];
  private int[] hashes = new int[0];
  private int[] table = new int[32]; // handle + 1; 0 is empty
  private int tableMask = 31;
  private int count;

  IdIndex(int idSize) {
    this.idSize = idSize;
  }

  /** Makes room for handles below {@code capacity}. */
  void grow(int capacity) {
    ids = Arrays.copyOf(ids, capacity * Math.max(1, idSize));
    hashes = Arrays.copyOf(hashes, capacity);
  }

  /** The ids by handle: handle h's at {@code h * idSize}. */
  byte[] ids() {
    return ids;
  }

  /** The handle whose id is the {@code idSize} bytes of {@code source} at {@code offset}, or -1. */
  int find(byte[] source, int offset) {
    int hash = hashOf(source, offset);
    for (int slot = hash & tableMask; ; slot = (slot + 1) & tableMask) {
      int entry = table[slot];
      if (entry == 0) {
        return -1;
      }
      int h = entry - 1;
      if (hashes[h] == hash
          && Arrays.mismatch(source, offset, offset + idSize, ids, h * idSize, h * idSize + idSize) < 0) {
        return h;
      }
    }
  }

  /** Files handle {@code h} under the id at {@code offset} of {@code source}. */
  void add(int h, byte[] source, int offset) {
    System.arraycopy(source, offset, ids, h * idSize, idSize);
    hashes[h] = hashOf(source, offset);
    if ((count + 1) * 2 > table.length) {
      int[] old = table;
      table = new int[old.length * 2];
      tableMask = table.length - 1;
      for (int entry : old) {
        if (entry != 0) {
          insert(entry - 1);
        }
      }
    }
    insert(h);
    count++;
  }

  private void insert(int h) {
    int slot = hashes[h] & tableMask;
    while (table[slot] != 0) {
      slot = (slot + 1) & tableMask;
    }
    table[slot] = h + 1;
  }

  /** Forgets handle {@code h}; its id stays readable in {@link #ids()} until the handle is reused. */
  void remove(int h) {
    count--;
    int i = hashes[h] & tableMask;
    while (table[i] != h + 1) {
      i = (i + 1) & tableMask;
    }
    while (true) {
      table[i] = 0;
      int j = i;
      while (true) {
        j = (j + 1) & tableMask;
        if (table[j] == 0) {
          return;
        }
        int k = hashes[table[j] - 1] & tableMask;
        boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (!stays) {
          table[i] = table[j];
          i = j;
          break;
        }
      }
    }
  }

  private int hashOf(byte[] source, int offset) {
    int h = 1;
    for (int i = 0; i < idSize; i++) {
      h = 31 * h + source[offset + i];
    }
    h *= 0x9E3779B1;
    return h ^ (h >>> 16);
  }
}
