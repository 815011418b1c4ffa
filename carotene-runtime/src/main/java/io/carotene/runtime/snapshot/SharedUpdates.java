package io.carotene.runtime.snapshot;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One store's updates of this tick, each written once per baseline and copied into the frame of
 * every client deltaed against that baseline: an entry's field mask and changed fields depend only
 * on the entry and the baseline's tick, not on the client. Clients that acked the same tick (most,
 * with similar round trips) share one encoding per entry. What does depend on the section an
 * update lands in, its first varint (the handle's difference from the previous update's and
 * whether the mask repeats the previous update's: PROTOCOL.md, section 5.2), is written as it is
 * copied ({@link #put}). Keeps {@link #SLOTS} baselines per tick, reused in turn; nothing here
 * allocates once the store stopped growing. World thread only.
 */
final class SharedUpdates {
  /** Distinct baselines kept per tick; a further one evicts the oldest claimed. */
  static final int SLOTS = 4;

  private final FieldDeltas deltas;
  private final int size;
  private final long[] slotTick = new long[SLOTS];
  private final long[] slotBaseline = new long[SLOTS];
  /** Per slot, per handle: the slot's generation when the handle's update was written. */
  private final long[][] written = new long[SLOTS][];
  private final int[][] offset = new int[SLOTS][];
  private final int[][] length = new int[SLOTS][];
  /** Per slot, per handle: the update's field mask, and the bytes its varint takes. */
  private final long[][] mask = new long[SLOTS][];
  private final byte[][] maskBytes = new byte[SLOTS][];
  private final long[] generation = new long[SLOTS];
  private final ByteSink[] data = new ByteSink[SLOTS];
  private long generations;
  private int nextSlot;

  SharedUpdates(FieldDeltas deltas, int size) {
    this.deltas = deltas;
    this.size = size;
    Arrays.fill(slotTick, -1);
    for (int s = 0; s < SLOTS; s++) {
      written[s] = new long[0];
      offset[s] = new int[0];
      length[s] = new int[0];
      mask[s] = new long[0];
      maskBytes[s] = new byte[0];
      data[s] = new ByteSink();
    }
  }

  void grow(int capacity) {
    for (int s = 0; s < SLOTS; s++) {
      written[s] = Arrays.copyOf(written[s], capacity);
      offset[s] = Arrays.copyOf(offset[s], capacity);
      length[s] = Arrays.copyOf(length[s], capacity);
      mask[s] = Arrays.copyOf(mask[s], capacity);
      maskBytes[s] = Arrays.copyOf(maskBytes[s], capacity);
    }
  }

  /** The most bytes one update takes: its first varint (handle difference, same-mask bit), mask and fields. */
  int maxBytes() {
    return Varint.MAX_BYTES + deltas.maxBytes();
  }

  /** The slot holding this tick's updates against {@code baseline}, claimed if none does. */
  int slot(long tick, long baseline) {
    for (int s = 0; s < SLOTS; s++) {
      if (slotTick[s] == tick && slotBaseline[s] == baseline) {
        return s;
      }
    }
    int s = nextSlot;
    nextSlot = (nextSlot + 1) % SLOTS;
    slotTick[s] = tick;
    slotBaseline[s] = baseline;
    generation[s] = ++generations;
    data[s].reset();
    return s;
  }

  /**
   * The size of handle {@code h}'s field mask and changed fields in {@code slot} (0: no field
   * changed), written on first use from {@code now} (this tick's entries) and {@code then} (the
   * baseline's).
   */
  int prepare(int slot, int h, byte[] now, byte[] then) {
    if (written[slot][h] == generation[slot]) {
      return length[slot][h];
    }
    ByteSink sink = data[slot];
    sink.ensure(deltas.maxBytes());
    byte[] array = sink.array();
    int start = sink.size();
    int end = deltas.write(now, h * size, then, h * size, array, start);
    int bytes = end - start;
    sink.skip(bytes);
    written[slot][h] = generation[slot];
    offset[slot][h] = start;
    length[slot][h] = bytes;
    if (bytes > 0) {
      // Read the mask back: its value, and its varint's length (skipped when the mask repeats).
      long value = 0;
      int at = start;
      for (int shift = 0; ; shift += 7) {
        byte b = array[at++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          break;
        }
      }
      mask[slot][h] = value;
      maskBytes[slot][h] = (byte) (at - start);
    }
    return bytes;
  }

  /**
   * Writes handle {@code h}'s update, {@link #prepare prepared} in {@code slot}, into {@code out},
   * after the update of handle {@code previous} whose mask was {@code previousMask} in the same
   * section (the first update of a section: {@code previous} -1, {@code previousMask} 0, a mask no
   * update has): the varint {@code zigZag(h - previous) << 1 | sameMask}, then the mask unless it is
   * {@code previousMask}, then the changed fields. Returns {@code h}'s mask, the next update's
   * {@code previousMask}.
   */
  long put(ByteBuffer out, int slot, int h, int previous, long previousMask) {
    long own = mask[slot][h];
    boolean same = own == previousMask;
    Varint.put(out, Varint.zigZag((long) h - previous) << 1 | (same ? 1 : 0));
    int skip = same ? maskBytes[slot][h] : 0;
    out.put(data[slot].array(), offset[slot][h] + skip, length[slot][h] - skip);
    return own;
  }
}
