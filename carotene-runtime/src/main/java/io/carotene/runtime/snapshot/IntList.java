package io.carotene.runtime.snapshot;

import java.util.Arrays;

/** A growable list of ints reused from tick to tick. */
public final class IntList {
  private int[] values;
  private int size;

  public IntList() {
    this(16);
  }

  public IntList(int capacity) {
    values = new int[Math.max(1, capacity)];
  }

  public void clear() {
    size = 0;
  }

  public void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  /** Replaces the content with {@code source[0, count)}. */
  public void setAll(int[] source, int count) {
    if (values.length < count) {
      values = new int[Math.max(count, values.length * 2)];
    }
    System.arraycopy(source, 0, values, 0, count);
    size = count;
  }

  public int size() {
    return size;
  }

  public int get(int index) {
    return values[index];
  }

  /** The backing array; valid up to {@link #size()} until the next change. */
  public int[] array() {
    return values;
  }
}
