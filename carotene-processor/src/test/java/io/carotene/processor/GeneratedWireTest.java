package io.carotene.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.carotene.runtime.internal.Quantization;
import io.carotene.runtime.internal.WireField;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs generated {@code <Model>Wire} classes: the layout they describe (offsets, types, the widths
 * quantization picks) is the one they write, a model without {@code @Quantized} is sent exactly as
 * its codec encodes it, and a nested flyweight of another package is read through its getters.
 */
class GeneratedWireTest {

  private static final JavaFileObject SHARED =
      JavaFileObjects.forSourceString(
          "test.shared.Spot",
          """
          package test.shared;

          import java.util.UUID;

          public record Spot(float x, UUID marker) {}
          """);

  private static final JavaFileObject INVENTORY =
      Sources.domain(
          "Inventory",
          """
            enum Rarity { COMMON, RARE }

            record Color(float r, float g, int alpha) {}

            record Stats(short armor, double weight) {}

            record Item(
                @Id long id,
                @Quantized(min = 0, max = 1, precision = 1.0 / 255) Color tint,
                @Quantized(min = -100, max = 100, precision = 0.01) double height,
                @Quantized(min = -1e5, max = 1e5, precision = 0.001) float far,
                Stats stats,
                Rarity rarity,
                char grade,
                UUID owner,
                @Quantized(min = -8, max = 8, precision = 0.5) test.shared.Spot spot,
                boolean equipped) {}

            record Plain(@Id int id, Stats stats, UUID owner, float wear) {}

            record Badge(@Id String id, @Quantized(min = 0, max = 10, precision = 1) float level) {}

            @Store(model = Item.class, capacity = 16)
            interface Items {}

            @Store(model = Plain.class, capacity = 16)
            interface Plains {}

            @Store(model = Badge.class, capacity = 16)
            interface Badges {}
          """);

  private static final JavaFileObject PROBE =
      Sources.source(
          "WireProbe",
          """
          package test.arena;

          import java.util.List;
          import java.util.Map;
          import java.util.UUID;
          import java.util.function.Supplier;
          import net.openhft.chronicle.bytes.Bytes;

          public class WireProbe implements Supplier<Map<String, Object>> {
            @Override
            public Map<String, Object> get() {
              MutableItem item = ItemCodec.INSTANCE.newFlyweight();
              item.set(new Inventory.Item(7L, new Inventory.Color(0.5f, 2f, 7), 12.34, Float.NaN,
                  new Inventory.Stats((short) 300, 2.5), Inventory.Rarity.RARE, 'A', new UUID(1, 2),
                  new test.shared.Spot(-3.25f, new UUID(3, 4)), true));
              Bytes<?> itemBytes = Bytes.allocateElasticOnHeap(64);
              ItemWire.encode(itemBytes, item);

              MutablePlain plain = PlainCodec.INSTANCE.newFlyweight();
              plain.set(new Inventory.Plain(9, new Inventory.Stats((short) -1, -0.5), new UUID(5, 6), 0.1f));
              Bytes<?> plainWire = Bytes.allocateElasticOnHeap(64);
              PlainWire.encode(plainWire, plain);
              Bytes<?> plainCodec = Bytes.allocateElasticOnHeap(64);
              PlainCodec.encode(plainCodec, plain);

              MutableBadge badge = BadgeCodec.INSTANCE.newFlyweight();
              badge.set(new Inventory.Badge("a", 3.4f));
              Bytes<?> badgeBytes = Bytes.allocateElasticOnHeap(64);
              BadgeWire.encode(badgeBytes, badge);

              return Map.of(
                  "item", itemBytes.toByteArray(),
                  "itemSize", ItemWire.SIZE,
                  "itemFields", ItemWire.FIELDS,
                  "itemId", ItemWire.INSTANCE.id(),
                  "itemWire", ItemCodec.INSTANCE.wire() == ItemWire.INSTANCE,
                  "plainWire", plainWire.toByteArray(),
                  "plainCodec", plainCodec.toByteArray(),
                  "badge", badgeBytes.toByteArray(),
                  "badgeSize", BadgeWire.INSTANCE.size(),
                  "badgeFields", BadgeWire.FIELDS);
            }
          }
          """);

  private static Map<String, Object> probe;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void compileAndRun() throws Exception {
    Compilation compilation = Sources.compile(SHARED, INVENTORY, PROBE);
    assertThat(compilation).succeededWithoutWarnings();
    probe =
        ((Supplier<Map<String, Object>>)
                new GeneratedCodeRoundTripTest.CompiledClasses(compilation)
                    .loadClass("test.arena.WireProbe")
                    .getDeclaredConstructor()
                    .newInstance())
            .get();
  }

  @Test
  @SuppressWarnings("unchecked")
  void fieldsAreFlattenedInDeclarationOrderWithTheNarrowestWidthThatHoldsTheSteps() {
    List<WireField> fields = (List<WireField>) probe.get("itemFields");

    assertThat(fields)
        .extracting(field -> field.name() + ":" + field.type() + "@" + field.offset() + "+" + field.size())
        .containsExactly(
            "id:i64@0+8",
            "tint.r:uq8@8+1", // 255 steps
            "tint.g:uq8@9+1",
            "tint.alpha:i32@10+4", // quantization applies to the floats of a record only
            "height:uq16@14+2", // 20,000 steps
            "far:uq32@16+4", // 200,000,000 steps
            "stats.armor:i16@20+2",
            "stats.weight:f64@22+8",
            "rarity:enum8@30+1",
            "grade:u16@31+2",
            "owner:uuid@33+16",
            "spot.x:uq8@49+1",
            "spot.marker:uuid@50+16",
            "equipped:bool@66+1");
    assertThat(probe.get("itemSize")).isEqualTo(67);
    assertThat(probe.get("itemId")).isEqualTo(fields.get(0));
    assertThat(fields.get(4).quantization()).isEqualTo(new Quantization(-100, 100, 0.01));
    assertThat(fields.get(4).schema())
        .containsEntry("type", "uq16")
        .containsEntry("min", -100.0)
        .containsEntry("max", 100.0)
        .containsEntry("precision", 0.01);
    assertThat(fields.get(0).schema()).doesNotContainKeys("min", "max", "precision");
    assertThat(probe.get("itemWire")).isEqualTo(true);
  }

  @Test
  void anEntryIsWrittenAsItsFieldsDescribeIt() {
    byte[] bytes = (byte[]) probe.get("item");
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

    assertThat(bytes).hasSize(67);
    assertThat(in.getLong(0)).isEqualTo(7L);
    assertThat(Byte.toUnsignedInt(in.get(8))).as("0.5 is 127.5 steps: half rounds up").isEqualTo(128);
    assertThat(Byte.toUnsignedInt(in.get(9))).as("2 is above max: clamped").isEqualTo(255);
    assertThat(in.getInt(10)).isEqualTo(7);
    assertThat(Short.toUnsignedInt(in.getShort(14))).isEqualTo(11_234); // (12.34 + 100) / 0.01
    assertThat(in.getInt(16)).as("NaN is sent as min").isZero();
    assertThat(in.getShort(20)).isEqualTo((short) 300);
    assertThat(in.getDouble(22)).isEqualTo(2.5);
    assertThat(in.get(30)).isEqualTo((byte) 1);
    assertThat(in.getChar(31)).isEqualTo('A');
    assertThat(in.getLong(33)).isEqualTo(1L);
    assertThat(in.getLong(41)).isEqualTo(2L);
    assertThat(Byte.toUnsignedInt(in.get(49))).isEqualTo(10); // (-3.25 + 8) / 0.5 = 9.5, rounded up
    assertThat(in.getLong(50)).isEqualTo(3L);
    assertThat(in.getLong(58)).isEqualTo(4L);
    assertThat(in.get(66)).isEqualTo((byte) 1);
  }

  @Test
  void aModelWithoutQuantizationIsSentAsItsCodecEncodesIt() {
    assertThat((byte[]) probe.get("plainWire")).isEqualTo((byte[]) probe.get("plainCodec"));
  }

  @Test
  void aModelWithTextHasNoFixedSizeButIsStillQuantized() {
    assertThat(probe.get("badgeSize")).isEqualTo(-1);
    assertThat((List<?>) probe.get("badgeFields")).isEmpty();
    // "a" as a stop-bit length and its byte, then 3.4 as step 3 of one byte.
    assertThat((byte[]) probe.get("badge")).containsExactly(1, 'a', 3);
  }
}
