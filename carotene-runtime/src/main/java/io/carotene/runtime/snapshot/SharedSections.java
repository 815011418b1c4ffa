package io.carotene.runtime.snapshot;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One store's whole section of this tick, written once per baseline and copied into the frame of
 * every client that sees the store unfiltered and acked that baseline (baseline 0: the full
 * section): such a section (removed handles, entered entries, updates) depends only on the tick
 * and the baseline, since every such client was sent the store's live handles at the baseline and
 * sees its live handles now. With everyone visible, a tick's frames then cost one encoding per distinct baseline and a
 * copy per client, instead of a walk over every entry per client. Keeps {@link #SLOTS} sections,
 * reused in turn; allocates nothing once the store stopped growing. World thread only.
 */
final class SharedSections {
  /** Distinct baselines kept per tick; a further one evicts the oldest. */
  static final int SLOTS = 4;

  private final long[] slotTick = new long[SLOTS];
  private final long[] slotBaseline = new long[SLOTS];
  private final ByteSink[] data = new ByteSink[SLOTS];
  private int nextSlot;

  SharedSections() {
    Arrays.fill(slotTick, -1);
    Arrays.setAll(data, i -> new ByteSink());
  }

  /** Copies the section of {@code tick} against {@code baseline} into {@code out}; false if none is kept. */
  boolean copy(long tick, long baseline, ByteBuffer out) {
    for (int s = 0; s < SLOTS; s++) {
      if (slotTick[s] == tick && slotBaseline[s] == baseline) {
        out.put(data[s].array(), 0, data[s].size());
        return true;
      }
    }
    return false;
  }

  /** Keeps {@code out}'s bytes from {@code start} to its position as the section of {@code tick} against {@code baseline}. */
  void keep(long tick, long baseline, ByteBuffer out, int start) {
    int s = nextSlot;
    nextSlot = (nextSlot + 1) % SLOTS;
    slotTick[s] = tick;
    slotBaseline[s] = baseline;
    ByteSink sink = data[s];
    sink.reset();
    sink.write(out.array(), out.arrayOffset() + start, out.position() - start);
  }
}
