package io.carotene.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The bytes of a delta's {@code updated} list (format {@code carotene.binary.v3}, PROTOCOL.md
 * section 5.2): each update's first varint is {@code zigZag(handle - previous handle) << 1 |
 * sameMask} (the first update's previous handle being -1), then its mask unless it repeats the
 * previous update's, then the changed fields. The entries are {@link FieldDeltasTest}'s.
 */
class SharedUpdatesTest {
  static final int SIZE = 13;
  static final int HANDLES = 8;

  final byte[] then = new byte[HANDLES * SIZE];
  final byte[] now = new byte[HANDLES * SIZE];
  final SharedUpdates updates = new SharedUpdates(new FieldDeltas(FieldDeltasTest.FIELDS, 0), SIZE);

  SharedUpdatesTest() {
    updates.grow(HANDLES);
    for (int h = 0; h < HANDLES; h++) {
      set(then, h, FieldDeltasTest.entry(32000, 32000, true, 100));
      set(now, h, FieldDeltasTest.entry(32000, 32000, true, 100));
    }
  }

  static void set(byte[] entries, int h, byte[] entry) {
    System.arraycopy(entry, 0, entries, h * SIZE, SIZE);
  }

  /** Writes the updates of {@code handles}, in that order, as one section does. */
  byte[] section(int slot, int... handles) {
    ByteBuffer out = ByteBuffer.allocate(handles.length * updates.maxBytes());
    int previous = -1;
    long previousMask = 0;
    for (int h : handles) {
      assertThat(updates.prepare(slot, h, now, then)).as("handle %d changed", h).isPositive();
      previousMask = updates.put(out, slot, h, previous, previousMask);
      previous = h;
    }
    return Arrays.copyOf(out.array(), out.position());
  }

  @Test
  void handlesAreDifferencesFromThePreviousUpdatesAndARepeatedMaskIsOmitted() {
    set(now, 5, FieldDeltasTest.entry(32001, 31998, true, 100)); // x +1, z -2: mask 0b0011
    set(now, 3, FieldDeltasTest.entry(32001, 31998, true, 100)); // the same mask
    set(now, 4, FieldDeltasTest.entry(32000, 32000, true, 99)); // health: mask 0b1000
    set(now, 6, FieldDeltasTest.entry(32000, 32000, true, 50)); // the same mask

    assertThat(section(updates.slot(10, 8), 5, 3, 4, 6)).containsExactly(
        // 5: 5 - (-1) = 6, zig-zag 12, << 1 = 24, mask sent: 0x03, x +1 (2), z -2 (3)
        24, 0x03, 2, 3,
        // 3: 3 - 5 = -2, zig-zag 3, << 1 | 1 = 7 (the mask repeats: omitted), x and z
        7, 2, 3,
        // 4: +1, zig-zag 2, << 1 = 4, mask 0x08, health as its 4 bytes
        4, 0x08, 99, 0, 0, 0,
        // 6: +2, zig-zag 4, << 1 | 1 = 9, health
        9, 50, 0, 0, 0);
  }

  @Test
  void walkedInHandleOrderEveryHandleCostsOneByteAndOnlyTheFirstMaskIsSent() {
    for (int h = 0; h < HANDLES; h++) {
      set(now, h, FieldDeltasTest.entry(32001, 32001, true, 100));
    }
    byte[] section = section(updates.slot(10, 8), 0, 1, 2, 3, 4, 5, 6, 7);
    // First 0 - (-1) = 1 (zig-zag 2, << 1 = 4) and the mask; then +1 with the same mask (5) each.
    assertThat(Arrays.copyOf(section, 4)).containsExactly(4, 0x03, 2, 2);
    for (int i = 1; i < HANDLES; i++) {
      assertThat(Arrays.copyOfRange(section, 4 + 3 * (i - 1), 4 + 3 * i)).as("update %d", i).containsExactly(5, 2, 2);
    }
    assertThat(section).hasSize(4 + 3 * (HANDLES - 1));
  }

  @Test
  void anUpdateSharedBySectionsIsWrittenAfterWhateverPrecedesItInEach() {
    set(now, 2, FieldDeltasTest.entry(32001, 32000, true, 100)); // mask 0b0001
    set(now, 7, FieldDeltasTest.entry(32001, 32000, true, 100)); // mask 0b0001
    int slot = updates.slot(10, 8);
    assertThat(section(slot, 7)).as("alone: +8 from -1, its mask").containsExactly(32, 0x01, 2);
    assertThat(section(slot, 2, 7)).as("after handle 2 (+3 from -1): +5, the mask repeats").containsExactly(12, 0x01, 2, 21, 2);
    assertThat(section(slot, 7, 2)).as("handle 2 after 7: -5").containsExactly(32, 0x01, 2, 19, 2);
  }
}
