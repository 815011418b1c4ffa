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
   * The directory {@code <directory>/<roomType>/<roomId>} of a room's recording (nothing is
   * written yet).
   */
  static Path roomDirectory(RecordingSettings settings, String roomType, String roomId) {
    Path root = settings.directory().resolve(roomType);
    Path directory = root.resolve(roomId);
    if (roomType.startsWith(".") || roomId.startsWith(".") || !directory.normalize().getParent().equals(root.normalize())) {
      throw new CaroteneConfigurationException(
          "Room type '" + roomType + "' and id '" + roomId + "' do not name a recording directory of their own");
    }
    return directory;
  }

  /**
   * Makes {@code directory} (a {@link #roomDirectory}) after deleting the least recently written
   * recordings of its type beyond retention (never a live one). On the recorder's writer thread.
   */
  static void prepareRoomRecording(RecordingSettings settings, Path directory) {
    Path root = directory.getParent();
    try {
      Files.createDirectories(root);
      if (Files.exists(directory)) {
        throw new IOException("a recording of room " + directory.getFileName() + " is there already");
      }
      pruneRooms(root, settings.keepRecordings() - 1);
      Files.createDirectories(directory);
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

  /** {@code epochMillis} as the directories name it: {@code 20261205-081503-123} (UTC). */
  static String stamp(long epochMillis) {
    return STAMP.format(Instant.ofEpochMilli(epochMillis));
  }

  /** The directory of a new recording of {@code domain} (nothing is written yet). */
  static Path recordingDirectory(RecordingSettings settings, String domain, long epochMillis, long seed) {
    return settings.directory().resolve(domain + "-" + STAMP.format(Instant.ofEpochMilli(epochMillis)) + "-"
        + String.format(Locale.ROOT, "%016x", seed));
  }

  /**
   * Makes {@code directory} (a {@link #recordingDirectory}) after deleting the oldest recordings
   * of {@code domain} beyond retention. On the recorder's writer thread.
   */
  static void prepareRecording(RecordingSettings settings, String domain, Path directory) {
    Path root = settings.directory();
    try {
      Files.createDirectories(root);
      prune(root, domain, settings.keepRecordings() - 1);
      Files.createDirectories(directory);
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
