package io.carotene.example.arena.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's example (src/test/ts/example.ts) type-checks against the generated client's
 * declarations with {@code tsc --noEmit} (TypeScript from the npm registry, installed by the build
 * into target/npm): the .d.ts files describe the Arena's models, operations and routes.
 */
class TypeScriptExampleTest {
  static final Path TSC = Path.of("target/npm/node_modules/typescript/bin/tsc");

  @Test
  void theExampleTypeChecksAgainstTheGeneratedDeclarations() throws Exception {
    Node.requireNode();
    assumeTrue(Files.exists(TSC), "TypeScript is not installed in target/npm (the build's npm-install step did not run)");
    Process process = new ProcessBuilder("node", TSC.toString(), "-p", "src/test/ts").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("tsc finished").isTrue();
    assertThat(process.exitValue()).as("tsc --noEmit reports no error:\n%s", output).isZero();
  }
}
