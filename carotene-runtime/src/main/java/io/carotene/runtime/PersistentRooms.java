package io.carotene.runtime;

import java.util.List;

/**
 * The rooms of a server's persistent room types ({@link RoomType#persistent()}): the ones kept
 * under {@code CAROTENE_DATA_DIR/rooms/<type>/<roomId>/}, and opening one by its id. Get it from
 * {@code CaroteneServer.persistentRooms()}; safe from any thread.
 */
public interface PersistentRooms {
  /**
   * The ids of the rooms of persistent type {@code type} kept in the data directory, open or not,
   * in order: what a server re-opens at start, or what a zone list shows.
   *
   * @throws IllegalArgumentException when {@code type} is not a persistent room type of the server
   */
  List<String> stored(String type);

  /**
   * Opens room {@code roomId} of persistent type {@code type}: a new one (its directory is created)
   * or, when it is kept, its world as it was at the end of its last tick. The room has no seat: it
   * stays open until players have come and gone and its type's linger passed.
   *
   * @throws io.carotene.runtime.room.RoomException {@code ROOM_EXISTS} when a room with that id is
   *     open, {@code BAD_REQUEST} for an id that is not 1 to 64 lowercase letters, digits, '-' or '_'
   *     or a type that is not persistent, {@code ROOM_UNAVAILABLE} when its files cannot be opened
   */
  Room open(String type, String roomId);
}
