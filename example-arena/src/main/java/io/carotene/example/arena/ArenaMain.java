package io.carotene.example.arena;

import io.carotene.runtime.server.ServerMain;

/**
 * The shipped Arena server ({@code java -jar arena.jar}): the generated {@code ArenaServer}'s
 * settings, with the Arena hosted as rooms of {@link ArenaRooms#TYPE}.
 */
public final class ArenaMain {
  private ArenaMain() {}

  public static void main(String[] args) {
    ServerMain.run(new ArenaApplication(), builder -> builder.roomType(ArenaRooms.TYPE));
  }
}
