package io.carotene.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.runtime.internal.WireField;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bytes of an update, as PROTOCOL.md (section 5.2) spells them out. */
class FieldDeltasTest {
  /** An id (4 bytes), x and z as quantized u16 steps, a bool, an i32. */
  static final List<WireField> FIELDS = List.of(
      WireField.raw("id", "i32", 0, 4),
      WireField.quantized("x", "uq16", 4, 2, -1000, 1000, 1.0 / 32),
      WireField.quantized("z", "uq16", 6, 2, -1000, 1000, 1.0 / 32),
      WireField.raw("grounded", "bool", 8, 1),
      WireField.raw("health", "i32", 9, 4));

  static byte[] entry(int x, int z, boolean grounded, int health) {
    return new byte[] {7, 0, 0, 0, (byte) x, (byte) (x >>> 8), (byte) z, (byte) (z >>> 8), (byte) (grounded ? 1 : 0),
        (byte) health, (byte) (health >>> 8), (byte) (health >>> 16), (byte) (health >>> 24)};
  }

  static byte[] update(byte[] then, byte[] now) {
    FieldDeltas deltas = new FieldDeltas(FIELDS, 0);
    byte[] out = new byte[deltas.maxBytes()];
    int end = deltas.write(now, 0, then, 0, out, 0);
    return java.util.Arrays.copyOf(out, end);
  }

  @Test
  void quantizedFieldsThatMovedAStepOrTwoCostAByteEach() {
    // x +1 step (zig-zag 2), z -2 steps (zig-zag 3): mask 0b011.
    assertThat(update(entry(32000, 32000, true, 100), entry(32001, 31998, true, 100)))
        .containsExactly(0b011, 2, 3);
  }

  @Test
  void aLargeJumpIsAVarintOfSeveralBytes() {
    // z +300 steps: zig-zag 600 = 0xD8 0x04.
    assertThat(update(entry(5, 5, true, 100), entry(5, 305, true, 100))).containsExactly(0b010, 0xD8 - 256, 0x04);
  }

  @Test
  void otherFieldsAreTheirNewBytesAndTheIdHasNoBit() {
    assertThat(update(entry(5, 5, true, 100), entry(5, 5, false, 99)))
        .containsExactly(0b1100, 0, 99, 0, 0, 0);
  }

  @Test
  void nothingChangedIsNothingWritten() {
    assertThat(update(entry(5, 5, true, 100), entry(5, 5, true, 100))).isEmpty();
  }

  @Test
  void varintsAndZigZagMatchTheProtocolsExamples() {
    byte[] out = new byte[Varint.MAX_BYTES];
    assertThat(java.util.Arrays.copyOf(out, Varint.put(out, 0, 300))).containsExactly(0xAC - 256, 0x02);
    assertThat(java.util.Arrays.copyOf(out, Varint.put(out, 0, 127))).containsExactly(0x7F);
    assertThat(Varint.put(out, 0, -1L)).as("a 64-bit value in ten bytes").isEqualTo(10);
    assertThat(List.of(Varint.zigZag(0), Varint.zigZag(-1), Varint.zigZag(1), Varint.zigZag(-2))).containsExactly(0L, 1L, 2L, 3L);
  }
}
