package io.carotene.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Runs generated code: a model with every supported component type goes into a generated store
 * (over a real Chronicle Map), comes back equal, is updated in place through its flyweight, and
 * is written as JSON. A probe compiled with the sources drives it, so the test itself needs no
 * reflection beyond loading the probe.
 */
class GeneratedCodeRoundTripTest {

  private static final JavaFileObject INVENTORY =
      Sources.domain(
          "Inventory",
          """
            enum Rarity { COMMON, RARE, EPIC }

            record Stats(byte level, short armor, char grade, double weight, Rarity rarity) {}

            record Item(@Id long id, String name, UUID owner, Stats stats, boolean equipped, float wear,
                Rarity rarity) {}

            @Store(model = Item.class, capacity = 100)
            interface Items {}
          """);

  private static final JavaFileObject PROBE =
      Sources.source(
          "Probe",
          """
          package test.arena;

          import io.carotene.runtime.*;
          import io.carotene.runtime.internal.StoreOptions;
          import java.io.StringWriter;
          import java.util.UUID;
          import java.util.function.Supplier;

          public class Probe implements Supplier<String> {
            @Override
            public String get() {
              Clock clock = () -> 0L;
              try (World world = io.carotene.runtime.world.DomainWorld.create(new InventoryApplication(), clock, new StoreOptions(16))) {
                ItemsStore items = world.store(ItemsStore.class);
                UUID owner = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
                Inventory.Item sword = new Inventory.Item(7L, "Sword \\u00e9", owner,
                    new Inventory.Stats((byte) -3, (short) 300, 'A', 2.5, Inventory.Rarity.EPIC),
                    true, 0.25f, null);
                Inventory.Item nameless = new Inventory.Item(8L, null, owner,
                    new Inventory.Stats((byte) 0, (short) 0, 'z', 0, null), false, 0f, Inventory.Rarity.RARE);
                items.put(sword);
                items.put(nameless);
                boolean roundTrips = items.get(7L).equals(sword) && items.get(8L).equals(nameless);
                items.update(7L, item -> item.wear(0.5f).stats().level((byte) 4));
                Inventory.Item worn = items.get(7L);
                StringWriter json = new StringWriter();
                try (var generator = new com.fasterxml.jackson.core.JsonFactory().createGenerator(json)) {
                  items.update(7L, item -> { // the flyweight in place, only read here
                    if (item.id() == 7L) {
                      try {
                        ItemCodec.toJson(generator, item);
                      } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    }
                  });
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
                return roundTrips + "|" + worn.wear() + "|" + worn.stats().level() + "|" + json;
              }
            }
          }
          """);

  @Test
  void everySupportedComponentTypeRoundTripsThroughAGeneratedStore() throws Exception {
    Compilation compilation = Sources.compile(INVENTORY, PROBE);
    assertThat(compilation).succeeded();

    @SuppressWarnings("unchecked")
    Supplier<String> probe =
        (Supplier<String>)
            new CompiledClasses(compilation)
                .loadClass("test.arena.Probe")
                .getDeclaredConstructor()
                .newInstance();

    assertThat(probe.get())
        .isEqualTo(
            "true|0.5|4|{\"id\":7,\"name\":\"Sword é\","
                + "\"owner\":\"123e4567-e89b-12d3-a456-426614174000\","
                + "\"stats\":{\"level\":4,\"armor\":300,\"grade\":\"A\",\"weight\":2.5,"
                + "\"rarity\":\"EPIC\"},\"equipped\":true,\"wear\":0.5,\"rarity\":null}");
  }

  /** The classes a compilation wrote, loadable; everything else comes from the test's loader. */
  static final class CompiledClasses extends ClassLoader {
    private final Map<String, JavaFileObject> classes = new HashMap<>();

    CompiledClasses(Compilation compilation) {
      super(GeneratedCodeRoundTripTest.class.getClassLoader());
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String binaryName =
              path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length())
                  .replace(".class", "")
                  .replace('/', '.');
          classes.put(binaryName, file);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      JavaFileObject file = classes.get(name);
      if (file == null) {
        throw new ClassNotFoundException(name);
      }
      try (InputStream in = file.openInputStream()) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
