package io.carotene.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated shapes that matter most, compared whole with files under {@code
 * src/test/resources/golden}. After an intended change to the generated code, regenerate them
 * and review the diff:
 *
 * <pre>
 * mvn -B verify -pl carotene-processor -am -Dtest=GoldenFilesTest -Dsurefire.failIfNoSpecifiedTests=false -Dcarotene.golden.update=true
 * </pre>
 */
class GoldenFilesTest {
  /** The switch that rewrites the golden files from the processor's output instead of comparing. */
  static final String UPDATE_PROPERTY = "carotene.golden.update";

  private static final Path ROOT = Path.of("src/test/resources/golden");

  private static Compilation compilation;

  @BeforeAll
  static void compileArena() {
    compilation = Sources.compile(Sources.ARENA, Sources.GAME_SERVER, Sources.ARENA_HTTP);
    assertThat(compilation).succeededWithoutWarnings();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GameWorldStore",
        "GameServerDispatcher",
        "ArenaHttpDispatcher",
        "PlayerCodec",
        "PlayerWire",
        "SummaryJson",
        "ArenaApplication",
        "ArenaServer"
      })
  void generatedSourceMatchesItsGoldenFile(String simpleName) throws IOException {
    String generated = CaroteneProcessorTest.generatedSource(compilation, simpleName);
    Path golden = ROOT.resolve(Sources.PACKAGE.replace('.', '/')).resolve(simpleName + ".java");

    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, generated, StandardCharsets.UTF_8);
      return;
    }
    assertThat(golden)
        .as("golden file %s; create it with -D%s=true", golden, UPDATE_PROPERTY)
        .exists();
    assertThat(generated)
        .as("%s differs from %s; if the change is intended, rerun with -D%s=true", simpleName, golden, UPDATE_PROPERTY)
        .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
