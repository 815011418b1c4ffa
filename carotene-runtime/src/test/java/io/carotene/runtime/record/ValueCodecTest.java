package io.carotene.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

class ValueCodecTest {
  enum Team { RED, BLUE }

  record Inner(float x, double y, Team team) {}

  record Outer(UUID id, String name, Inner inner, long big, boolean flag, char c, byte b, short s, Integer boxed) {}

  @Test
  void argumentsComeBackEqualWithFloatsBitForBit() {
    Object[] values = {
      new Outer(new UUID(1, 2), "näme", new Inner(Float.intBitsToFloat(0x7FC00001), -0.0, Team.BLUE),
          Long.MIN_VALUE, true, 'z', (byte) -1, (short) 300, null),
      3.1f, "text", null
    };
    Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);

    ValueCodec.writeAll(bytes, values);
    Object[] read = new ValueCodec(getClass().getClassLoader()).readAll(bytes);

    assertThat(read).containsExactly(values);
    Inner inner = ((Outer) read[0]).inner();
    assertThat(Float.floatToRawIntBits(inner.x())).isEqualTo(0x7FC00001); // a NaN's payload kept
    assertThat(Double.doubleToRawLongBits(inner.y())).isEqualTo(Double.doubleToRawLongBits(-0.0));
  }
}
