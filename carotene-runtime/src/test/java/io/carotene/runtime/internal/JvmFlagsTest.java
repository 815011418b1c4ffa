package io.carotene.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.runtime.CaroteneConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmFlagsTest {

  /** Run in a child JVM started without Chronicle's flags. */
  public static final class Probe {
    public static void main(String[] args) {
      try {
        JvmFlags.require();
        System.out.println("all flags present");
      } catch (CaroteneConfigurationException e) {
        System.out.println(e.getMessage());
        System.exit(3);
      }
    }
  }

  @Test
  void theTestJvmHasEveryFlag() {
    assertThat(JvmFlags.missing()).isEmpty();
  }

  @Test
  void aJvmWithoutTheFlagsIsToldEveryMissingFlagOnOneLine() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), Probe.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor()).isEqualTo(3);
    assertThat(output).contains(JvmFlags.REQUIRED).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(output.lines().filter(line -> line.startsWith("Missing JVM flags: ")).findFirst())
        .hasValueSatisfying(firstLine -> assertThat(firstLine).contains(JvmFlags.REQUIRED));
  }

  @Test
  void theFirstLineOfTheMessageListsEveryMissingFlag() {
    List<String> missing = List.of(JvmFlags.REQUIRED.get(0), JvmFlags.REQUIRED.get(4));

    String firstLine = JvmFlags.message(missing).lines().findFirst().orElseThrow();

    assertThat(firstLine).isEqualTo("Missing JVM flags: " + String.join(" ", missing));
  }

  @Test
  void theRootPomPassesTheSameFlagsToTests() {
    List<String> jvmArgs = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertThat(jvmArgs).containsAll(JvmFlags.REQUIRED);
  }
}
