package io.carotene.runtime.snapshot;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One store's updates of this tick, each written once per baseline and copied into the frame of
 * every client deltaed against that baseline: an entry's update (its handle, the field mask, the
 * changed fields) depends only on the entry and the baseline's tick, not on the client. Clients
 * that acked the same tick (most, with similar round trips) share one encoding per entry. Keeps
 * {@link #SLOTS} baselines per tick, reused in turn; nothing here allocates once the store
 * stopped growing. World thread only.
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
      data[s] = new ByteSink();
    }
  }

  void grow(int capacity) {
    for (int s = 0; s < SLOTS; s++) {
      written[s] = Arrays.copyOf(written[s], capacity);
      offset[s] = Arrays.copyOf(offset[s], capacity);
      length[s] = Arrays.copyOf(length[s], capacity);
    }
  }

  /** The most bytes one update takes: handle, mask and fields. */
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
   * The size of handle {@code h}'s update in {@code slot} (0: no field changed), written on first
   * use from {@code now} (this tick's entries) and {@code then} (the baseline's).
   */
  int prepare(int slot, int h, byte[] now, byte[] then) {
    if (written[slot][h] == generation[slot]) {
      return length[slot][h];
    }
    ByteSink sink = data[slot];
    sink.ensure(maxBytes());
    int start = sink.size();
    int at = Varint.put(sink.array(), start, h);
    int end = deltas.write(now, h * size, then, h * size, sink.array(), at);
    int bytes = end == at ? 0 : end - start;
    sink.skip(bytes);
    written[slot][h] = generation[slot];
    offset[slot][h] = start;
    length[slot][h] = bytes;
    return bytes;
  }

  /** Copies handle {@code h}'s update, {@link #prepare prepared} in {@code slot}, into {@code out}. */
  void put(ByteBuffer out, int slot, int h) {
    out.put(data[slot].array(), offset[slot][h], length[slot][h]);
  }
}
