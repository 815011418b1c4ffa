package io.carotene.runtime.record;

import io.carotene.runtime.CaroteneConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** Names a new recording's directory and deletes the oldest beyond the settings' retention. */
final class Retention {
  private static final Logger LOG = Logger.getLogger(Retention.class.getName());
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Retention() {}

  /** A new, empty directory for a recording; the oldest recordings beyond retention are deleted. */
  static Path newRecording(RecordingSettings settings, String domain, long epochMillis, long seed) {
    Path root = settings.directory();
    try {
      Files.createDirectories(root);
      String name = domain + "-" + STAMP.format(Instant.ofEpochMilli(epochMillis)) + "-"
          + String.format(Locale.ROOT, "%016x", seed);
      Path directory = root.resolve(name);
      prune(root, domain, settings.keepRecordings() - 1);
      Files.createDirectories(directory);
      return directory;
    } catch (IOException e) {
      throw new CaroteneConfigurationException(
          "Cannot create a recording under " + root + ": " + e.getMessage()
              + "; check that the directory (" + RecordingSettings.DIRECTORY_VARIABLE + ") is writable");
    }
  }

  /** Deletes the oldest recordings of {@code domain} until at most {@code keep} remain. */
  private static void prune(Path root, String domain, int keep) throws IOException {
    List<Path> recordings = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      children.filter(Files::isDirectory)
          .filter(path -> path.getFileName().toString().startsWith(domain + "-"))
          .forEach(recordings::add);
    }
    recordings.sort(Comparator.comparing(path -> path.getFileName().toString()));
    for (int i = 0; i < recordings.size() - keep; i++) {
      Path old = recordings.get(i);
      LOG.info(() -> "Deleting recording " + old + " (retention)");
      try (Stream<Path> files = Files.walk(old)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
