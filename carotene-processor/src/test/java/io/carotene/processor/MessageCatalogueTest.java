package io.carotene.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.processor.diagnostics.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ids are a public contract: unique, well formed, and each check has its test. */
class MessageCatalogueTest {
  /** Checks that only a broken environment or a bug of ours can trigger. */
  private static final Set<Message> UNTESTABLE =
      EnumSet.of(Message.WRITE_FAILED, Message.INTERNAL_ERROR, Message.LATE_ELEMENT);

  @Test
  void idsAreUniqueAndWellFormed() {
    assertThat(Arrays.stream(Message.values()).map(Message::id))
        .doesNotHaveDuplicates()
        .allMatch(id -> id.matches("Carotene/[A-Z][A-Za-z]+"));
  }

  @Test
  void everyMessageStartsWithItsTag() {
    for (Message message : Message.values()) {
      assertThat(message.format("a", "b", "c", "d", "e")).startsWith(message.tag() + " ");
    }
  }

  @Test
  void everyCheckHasANegativeTest() throws IOException {
    String tests =
        Files.readString(
            Path.of("src/test/java/io/carotene/processor/CaroteneProcessorNegativeTest.java"));
    for (Message message : Message.values()) {
      if (!UNTESTABLE.contains(message)) {
        assertThat(tests).as("a test naming Message.%s", message.name()).contains("Message." + message.name() + ".tag()");
      }
    }
  }

  @Test
  void everyIdIsDocumentedInTheReadme() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (Message message : Message.values()) {
      assertThat(readme).as("README lists %s", message.id()).contains("`" + message.id() + "`");
    }
  }
}
