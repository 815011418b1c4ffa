package io.carotene.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Runs a generated dispatcher's binary call decoding: only handlers whose client-sent arguments
 * all have a fixed size are listed, with their raw (never quantized) layout, and their arguments
 * are read back from the codecs' off-heap encoding, records whole and enums by ordinal.
 */
class GeneratedBinaryCallTest {

  private static final JavaFileObject INVENTORY =
      Sources.domain(
          "Inventory",
          """
            enum Rarity { COMMON, RARE, EPIC }

            record Stats(byte level, short armor, char grade,
                @Quantized(min = 0, max = 10, precision = 0.5) double weight, Rarity rarity) {}

            record Item(@Id long id, String name, Stats stats) {}

            @Store(model = Item.class, capacity = 100)
            interface Items {}
          """);

  private static final JavaFileObject SHOP =
      Sources.backend(
          "Shop",
          """
            /** What the last tune call received, as the probe prints it. */
            static String tuned;

            @Socket
            void tune(long id, Inventory.Stats stats, Session session, boolean on, Inventory.Rarity rarity) {
              tuned = java.util.Arrays.asList(id, stats, on, rarity).toString();
            }

            @Socket
            void rename(long id, String name) {}

            @Socket
            void restock() {}
          """);

  private static final JavaFileObject PROBE =
      Sources.source(
          "Probe",
          """
          package test.arena;

          import io.carotene.runtime.Session;
          import io.carotene.runtime.internal.BadArgumentException;
          import io.carotene.runtime.internal.Operation;
          import java.util.function.Supplier;
          import net.openhft.chronicle.bytes.Bytes;

          public class Probe implements Supplier<String> {
            @Override
            public String get() {
              ShopDispatcher dispatcher = new ShopDispatcher(new Shop(), io.carotene.runtime.internal.WorldServices.seeded(1));
              StringBuilder out = new StringBuilder();
              Operation tune = null;
              Operation rename = null;
              for (Operation operation : dispatcher.operations()) {
                if (operation.binary() != null) {
                  out.append(operation.binary().schema(0)).append('\\n');
                }
                tune = operation.name().equals("Tune") ? operation : tune;
                rename = operation.name().equals("Rename") ? operation : rename;
              }
              Bytes<byte[]> in = Bytes.allocateElasticOnHeap(64);
              in.writeLong(7).writeByte((byte) -3).writeShort((short) 300).writeShort((short) 'A')
                  .writeDouble(2.25).writeByte((byte) 2).writeByte((byte) 1).writeByte((byte) -1);
              out.append(tuned(tune, in)).append('\\n');
              in.clear();
              in.writeLong(7).writeByte((byte) 0).writeShort((short) 0).writeShort((short) 0)
                  .writeDouble(0).writeByte((byte) 0).writeByte((byte) 0).writeByte((byte) 9);
              try {
                tune.decodeBinary(in);
              } catch (BadArgumentException e) {
                out.append(e.getMessage()).append('\\n');
              }
              for (byte nested : new byte[] {9, -7}) {
                in.clear();
                in.writeLong(7).writeByte((byte) 0).writeShort((short) 0).writeShort((short) 0)
                    .writeDouble(0).writeByte(nested).writeByte((byte) 0).writeByte((byte) 0);
                try {
                  out.append(tuned(tune, in)).append('\\n');
                } catch (BadArgumentException e) {
                  out.append(e.getMessage()).append('\\n');
                }
              }
              try {
                rename.decodeBinary(in);
              } catch (BadArgumentException e) {
                out.append(e.getMessage());
              }
              return out.toString();
            }

            /** Decodes a binary Tune, then runs it: the handler records what it received. */
            private static String tuned(Operation tune, Bytes<byte[]> in) {
              tune.decodeBinary(in).invoke(Session.anonymous());
              return Shop.tuned;
            }
          }
          """);

  @Test
  void fixedSizeHandlersDecodeTheirArgumentsFromTheCodecsRawLayout() throws Exception {
    Compilation compilation = Sources.compile(INVENTORY, SHOP, PROBE);
    assertThat(compilation).succeeded();

    @SuppressWarnings("unchecked")
    Supplier<String> probe =
        (Supplier<String>)
            new GeneratedCodeRoundTripTest.CompiledClasses(compilation)
                .loadClass("test.arena.Probe")
                .getDeclaredConstructor()
                .newInstance();

    assertThat(probe.get().split("\n"))
        .containsExactly(
            "{name=Tune, index=0, argsSize=24, args=["
                + "{name=id, type=i64, offset=0, size=8}, "
                + "{name=stats.level, type=i8, offset=8, size=1}, "
                + "{name=stats.armor, type=i16, offset=9, size=2}, "
                + "{name=stats.grade, type=u16, offset=11, size=2}, "
                + "{name=stats.weight, type=f64, offset=13, size=8}, "
                + "{name=stats.rarity, type=enum8, offset=21, size=1}, "
                + "{name=on, type=bool, offset=22, size=1}, "
                + "{name=rarity, type=enum8, offset=23, size=1}]}",
            "{name=Restock, index=0, argsSize=0, args=[]}",
            "[7, Stats[level=-3, armor=300, grade=A, weight=2.25, rarity=EPIC], true, null]",
            "Argument 'rarity' must be an ordinal from 0 to 2 (or -1), got 9",
            "Argument 'Stats.rarity' must be an ordinal from 0 to 2 (or -1), got 9",
            "Argument 'Stats.rarity' must be an ordinal from 0 to 2 (or -1), got -7",
            "Rename cannot be called with a binary frame; send it as JSON");
  }
}
