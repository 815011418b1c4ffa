package io.carotene.example.arena;

import io.carotene.runtime.RoomType;
import io.carotene.runtime.server.ServerMain;

/**
 * The shipped Arena server ({@code java -jar arena.jar}): the generated {@code ArenaServer}'s
 * settings, with the Arena hosted as rooms of {@link ArenaRooms#TYPE} ({@code
 * ARENA_PLAYERS_PER_ARENA} sets the seats per arena).
 */
public final class ArenaMain {
  private ArenaMain() {}

  public static void main(String[] args) {
    ServerMain.run(new ArenaApplication(), builder -> builder.roomType(configuredType()));
  }

  /** The arenas' room type, as the environment configures it (a bad value stops the start with exit 2). */
  static RoomType configuredType() {
    return ArenaRooms.type(System.getenv(ArenaRooms.PLAYERS_PER_ARENA_VARIABLE));
  }
}
