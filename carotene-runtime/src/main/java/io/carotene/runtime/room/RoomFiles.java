package io.carotene.runtime.room;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** Removing a persistent room's directory: what {@link NamedRooms#delete} and a start's sweep do. */
final class RoomFiles {
  private static final Logger LOG = Logger.getLogger(RoomFiles.class.getName());

  private RoomFiles() {}

  /** Deletes {@code directory} and everything under it; nothing when it does not exist. */
  static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(directory)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }

  /** Removes the directories under {@code typeDirectory} that a delete interrupted by a crash left. */
  static void sweepDeleted(Path typeDirectory, String prefix) {
    if (!Files.isDirectory(typeDirectory)) {
      return;
    }
    try (Stream<Path> rooms = Files.list(typeDirectory)) {
      for (Path doomed : rooms.filter(path -> path.getFileName().toString().startsWith(prefix)).toList()) {
        deleteTree(doomed);
        LOG.info("Removed " + doomed + ", left by a delete that did not finish");
      }
    } catch (IOException e) {
      LOG.warning("Cannot remove what an unfinished delete left in " + typeDirectory + ": " + e.getMessage());
    }
  }
}
