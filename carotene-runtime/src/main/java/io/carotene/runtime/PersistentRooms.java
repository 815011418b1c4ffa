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

  /**
   * Deletes the kept data of room {@code roomId} of persistent type {@code type} for good (a
   * finished campaign, a zone retired): its directory and every store file in it. The room must
   * not be open; one that is ending is waited for (up to 5 s) to close its files. The directory is
   * first renamed away in one step, so the room is never seen half deleted: a crash in the middle
   * leaves a hidden directory that the next start removes. A room opened under that id afterwards
   * starts empty.
   *
   * <p>Game code or an operator's tool calls it: the server has no HTTP route for it, so that a
   * game that offers one decides who may use it (an {@code @Http} route of its own, checking its
   * own rights).
   *
   * @return true when data was kept under that id and is now deleted, false when there was none
   * @throws io.carotene.runtime.room.RoomException {@code ROOM_EXISTS} when the room is open (or
   *     still closing its files after 5 s): it can be deleted once it has ended; {@code
   *     BAD_REQUEST} for an id that is not a room name or a type that is not persistent
   */
  boolean delete(String type, String roomId);
}
