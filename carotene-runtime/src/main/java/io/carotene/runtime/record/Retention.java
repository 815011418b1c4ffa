package io.carotene.runtime.record;

import io.carotene.runtime.CaroteneConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** Names a new recording's directory and deletes the oldest beyond the settings' retention. */
final class Retention {
  private static final Logger LOG = Logger.getLogger(Retention.class.getName());
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The recordings this process is writing now: retention never deletes them. */
  static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  private Retention() {}

  /**
   * A new, empty directory {@code <directory>/<roomType>/<roomId>} for a room's recording; the
   * least recently written recordings of that type beyond retention are deleted (not live ones).
   */
  static Path newRoomRecording(RecordingSettings settings, String roomType, String roomId) {
    Path root = settings.directory().resolve(roomType);
    try {
      Files.createDirectories(root);
      Path directory = root.resolve(roomId);
      if (!directory.normalize().getParent().equals(root.normalize()) || roomType.startsWith(".")) {
        throw new IOException("room type '" + roomType + "' and id '" + roomId + "' do not name a directory of their own");
      }
      if (Files.exists(directory)) {
        throw new IOException("a recording of room " + roomId + " is there already");
      }
      pruneRooms(root, settings.keepRecordings() - 1);
      Files.createDirectories(directory);
      return directory;
    } catch (IOException e) {
      throw new CaroteneConfigurationException(
          "Cannot create a recording under " + root + ": " + e.getMessage()
              + "; check that the directory (" + RecordingSettings.DIRECTORY_VARIABLE + ") is writable");
    }
  }

  /** Deletes the least recently written room recordings in {@code root} until at most {@code keep} remain. */
  private static void pruneRooms(Path root, int keep) throws IOException {
    List<Path> recordings = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      children.filter(Files::isDirectory).filter(path -> !LIVE.contains(path)).forEach(recordings::add);
    }
    recordings.sort(Comparator.comparing(Retention::lastWritten).thenComparing(Path::toString));
    for (int i = 0; i < recordings.size() - keep; i++) {
      delete(recordings.get(i));
    }
  }

  /** When anything in {@code recording} was last written (its newest file). */
  private static FileTime lastWritten(Path recording) {
    try (Stream<Path> files = Files.walk(recording)) {
      FileTime newest = Files.getLastModifiedTime(recording);
      for (Path file : files.toList()) {
        FileTime written = Files.getLastModifiedTime(file);
        if (written.compareTo(newest) > 0) {
          newest = written;
        }
      }
      return newest;
    } catch (IOException gone) {
      return FileTime.fromMillis(0);
    }
  }

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
          .filter(path -> !LIVE.contains(path))
          .forEach(recordings::add);
    }
    recordings.sort(Comparator.comparing(path -> path.getFileName().toString()));
    for (int i = 0; i < recordings.size() - keep; i++) {
      delete(recordings.get(i));
    }
  }

  private static void delete(Path old) throws IOException {
    LOG.info(() -> "Deleting recording " + old + " (retention)");
    try (Stream<Path> files = Files.walk(old)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
