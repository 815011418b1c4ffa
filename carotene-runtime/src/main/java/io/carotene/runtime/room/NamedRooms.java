package io.carotene.runtime.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.PersistentRooms;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.wire.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rooms of persistent room types: named by the game, each keeping its persisted stores in
 * {@code <data directory>/rooms/<type>/<roomId>/} (its own tick journal there). A name is one open
 * room at a time: a second open is refused ({@code ROOM_EXISTS}), and a room that is ending keeps
 * its directory until its world is closed, so that the next room of that name waits for the files
 * rather than finding them locked. {@code rooms/rooms.lock} is held while the server runs: a
 * second server on the same directory refuses to start.
 */
public final class NamedRooms implements PersistentRooms {
  /** The sub-directory of the data directory that holds the persistent rooms. */
  public static final String DIRECTORY = "rooms";
  /** Lowercase only: two ids never name one directory, even on a case-insensitive file system. */
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  /** How long an open waits for the room of the same name to close its files. */
  static final long CLOSE_WAIT_MILLIS = 5_000;
  /** A deleted room's directory is renamed to this prefix and its id, then removed. */
  static final String DELETING = ".deleting-";
  private static final Logger LOG = Logger.getLogger(NamedRooms.class.getName());

  private final RoomManager manager;
  private final Map<String, RoomType> types = new ConcurrentHashMap<>();
  private final Path root;
  private final Map<String, Object> idLocks = new ConcurrentHashMap<>();
  /** By id: completed once the world of the room opened under that id is closed. */
  private final Map<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();
  private FileChannel lockChannel;
  private FileLock lock;

  NamedRooms(RoomManager manager, Path dataDirectory, Collection<RoomType> roomTypes) {
    this.manager = manager;
    roomTypes.stream().filter(RoomType::persisted).forEach(type -> types.put(type.name(), type));
    if (types.isEmpty()) {
      this.root = null;
      return;
    }
    if (dataDirectory == null) {
      throw new CaroteneConfigurationException("Room type " + types.keySet() + " is persistent: its rooms keep their"
          + " stores under CAROTENE_DATA_DIR/" + DIRECTORY + "/<type>/<roomId>/. Set CAROTENE_DATA_DIR"
          + " (CaroteneServer.Builder.dataDirectory), or drop .persistent() from the room type.");
    }
    this.root = dataDirectory.toAbsolutePath().normalize().resolve(DIRECTORY);
    try {
      Files.createDirectories(root);
      lockChannel = FileChannel.open(root.resolve("rooms.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException inThisProcess) {
        lock = null;
      }
    } catch (IOException e) {
      close();
      throw new CaroteneConfigurationException("Persistent rooms: cannot open " + root + " (" + e.getMessage()
          + "). Check that CAROTENE_DATA_DIR is a writable directory with free space.");
    }
    if (lock == null) {
      close();
      throw new CaroteneConfigurationException("The persistent rooms' directory " + root + " is in use by another"
          + " server (it holds rooms.lock). Stop that server first, or give this one its own CAROTENE_DATA_DIR.");
    }
    for (String type : types.keySet()) {
      RoomFiles.sweepDeleted(root.resolve(type), DELETING);
    }
  }

  boolean persistent(String type) {
    return types.containsKey(type);
  }

  @Override
  public List<String> stored(String type) {
    if (!persistent(type)) {
      throw new IllegalArgumentException("'" + type + "' is not a persistent room type; this server's are " + types.keySet());
    }
    Path directory = root.resolve(type);
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> rooms = Files.list(directory)) {
      return rooms.filter(Files::isDirectory).map(path -> path.getFileName().toString())
          .filter(id -> ID.matcher(id).matches()).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Room open(String type, String roomId) {
    return open(persistentType(type), roomId, Json.MAPPER.createObjectNode());
  }

  private RoomType persistentType(String type) {
    RoomType roomType = types.get(type);
    if (roomType == null) {
      throw new RoomException(RoomError.BAD_REQUEST,
          "'" + type + "' is not a persistent room type; this server's are " + types.keySet());
    }
    return roomType;
  }

  @Override
  public boolean delete(String type, String roomId) {
    RoomType roomType = persistentType(type);
    requireName(roomType, roomId);
    synchronized (idLocks.computeIfAbsent(roomId, unused -> new Object())) {
      ServerRoom live = manager.room(roomId);
      if (live != null && live.type().equals(type)) {
        throw new RoomException(RoomError.ROOM_EXISTS, "Room '" + roomId + "' (" + type + ") is open: its data can"
            + " be deleted once it has ended (dispose it, or let its players leave and its linger pass)");
      }
      if (live == null) {
        awaitClosed(roomId); // a room of that id that is ending holds its files until it is closed
      }
      Path directory = root.resolve(type).resolve(roomId);
      if (!Files.isDirectory(directory)) {
        return false;
      }
      Path doomed = root.resolve(type).resolve(DELETING + roomId);
      try {
        RoomFiles.deleteTree(doomed); // left by a crash in an earlier delete
        Files.move(directory, doomed, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new IllegalStateException("Room '" + roomId + "' (" + type + "): cannot delete " + directory + " ("
            + e.getMessage() + "); nothing was deleted", e);
      }
      try {
        RoomFiles.deleteTree(doomed);
      } catch (IOException e) {
        LOG.warning("Room '" + roomId + "' (" + type + ") is deleted, but " + doomed + " could not be removed"
            + " (" + e.getMessage() + "); the next start removes it");
      }
      LOG.info("Room '" + roomId + "' (" + type + "): its kept data is deleted");
      return true;
    }
  }

  /** Opens room {@code id} of persistent {@code type}: new, or resumed from its files. */
  ServerRoom open(RoomType type, String id, JsonNode options) {
    requireName(type, id);
    synchronized (idLocks.computeIfAbsent(id, unused -> new Object())) {
      ServerRoom live = manager.room(id);
      if (live != null) {
        throw new RoomException(RoomError.ROOM_EXISTS, "Room '" + id + "' (" + live.type()
            + ") is open: join it (POST /matchmake/join/" + id + " or joinOrCreate with its roomId)");
      }
      awaitClosed(id);
      Path directory = root.resolve(type.name()).resolve(id);
      CompletableFuture<Void> closed = new CompletableFuture<>();
      held.put(id, closed);
      try {
        Files.createDirectories(directory);
        return manager.create(type, options, false, id);
      } catch (IOException | CaroteneConfigurationException e) {
        held.remove(id, closed);
        closed.complete(null);
        LOG.warning("Room '" + id + "' (" + type.name() + ") could not open its files in " + directory + ": " + e.getMessage());
        throw new RoomException(RoomError.ROOM_UNAVAILABLE,
            "Room '" + id + "' cannot be opened: its stored data could not be read (the server's log says why)");
      } catch (RuntimeException | Error e) {
        held.remove(id, closed);
        closed.complete(null);
        throw e;
      }
    }
  }

  /**
   * A seat in room {@code id} of persistent {@code type}, opening the room if it is not open
   * ({@code reserve} takes the seat); a room found ending is waited for and opened again.
   */
  Reservation joinOrOpen(RoomType type, String id, JsonNode options, Function<ServerRoom, Reservation> reserve) {
    requireName(type, id);
    for (int attempt = 0; ; attempt++) {
      ServerRoom room;
      synchronized (idLocks.computeIfAbsent(id, unused -> new Object())) {
        room = manager.room(id);
        if (room == null) {
          room = open(type, id, options);
        } else if (!room.type().equals(type.name())) {
          throw new RoomException(RoomError.ROOM_EXISTS, "Room '" + id + "' is open as a room of " + room.type()
              + ", not " + type.name() + ": ids are unique among a server's open rooms");
        }
      }
      try {
        return reserve.apply(room);
      } catch (RoomException refused) {
        if (refused.error() != RoomError.ROOM_NOT_FOUND || attempt > 0) {
          throw refused;
        } // it ended meanwhile: open it again once its files are closed
      }
    }
  }

  /** {@code type}'s rooms are named and {@code id} is a name a directory can take; else BAD_REQUEST. */
  void requireName(RoomType type, String id) {
    if (!persistent(type.name())) {
      throw new RoomException(RoomError.BAD_REQUEST, "roomId names rooms of a persistent room type; '" + type.name()
          + "' is not one (its rooms get random ids): leave roomId out, or declare it RoomType.of(\""
          + type.name() + "\").persistent()");
    }
    if (id == null) {
      throw new RoomException(RoomError.BAD_REQUEST, "Rooms of persistent type '" + type.name()
          + "' are named by the game: send a roomId (1 to 64 lowercase letters, digits, '-' or '_')");
    }
    if (!ID.matcher(id).matches()) {
      throw new RoomException(RoomError.BAD_REQUEST, "roomId '" + (id.length() > 80 ? id.substring(0, 80) + "…" : id)
          + "' is not a room name: 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit");
    }
  }

  /** The store options of room {@code id} of persistent {@code type}: its stores in its own directory. */
  StoreOptions storeOptions(RoomType type, String id, StoreOptions roomOptions) {
    return roomOptions.persistedIn(root.resolve(type.name()).resolve(id), roomOptions.migrateAppendedFields());
  }

  private void awaitClosed(String id) {
    CompletableFuture<Void> closing = held.get(id);
    if (closing == null) {
      return;
    }
    try {
      closing.get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new RoomException(RoomError.ROOM_EXISTS, "Room '" + id + "' is still closing its files: try again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RoomException(RoomError.SERVER_STOPPING, "The server is stopping");
    }
  }

  /** {@code room}'s world is closed: its name's directory is free. */
  void released(ServerRoom room) {
    if (persistent(room.type())) {
      CompletableFuture<Void> closed = held.remove(room.id());
      if (closed != null) {
        closed.complete(null);
      }
    }
  }

  /** The stored rooms of {@code type} (every persistent type when null) that are not open, as {@code type -> ids}. */
  List<String[]> storedNotOpen(String type) {
    List<String[]> closed = new ArrayList<>();
    for (String name : types.keySet().stream().sorted().toList()) {
      if (type == null || type.equals(name)) {
        for (String id : stored(name)) {
          ServerRoom open = manager.room(id);
          if (open == null || !open.type().equals(name)) {
            closed.add(new String[] {name, id});
          }
        }
      }
    }
    return closed;
  }

  /** Releases {@code rooms.lock}: after every room has ended. */
  void close() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException ignored) {
      // stopping: nothing more to release
    }
    lock = null;
  }
}
