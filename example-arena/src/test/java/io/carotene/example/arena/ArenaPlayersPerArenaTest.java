package io.carotene.example.arena;

import static io.carotene.test.TestIds.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.RoomType;
import io.carotene.test.CaroteneTest;
import io.carotene.test.Sandbox;
import io.carotene.test.SandboxRoom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ARENA_PLAYERS_PER_ARENA}: the shipped server's seats per arena, for a benchmark of one arena of everyone. */
@CaroteneTest(Arena.class)
class ArenaPlayersPerArenaTest {

  @Test
  void unsetOrBlankKeepsArenasOf32() {
    assertThat(ArenaRooms.type(null)).isEqualTo(ArenaRooms.TYPE);
    assertThat(ArenaRooms.type("  ")).isEqualTo(ArenaRooms.TYPE);
    assertThat(ArenaRooms.TYPE.maxClients()).isEqualTo(32);
  }

  @Test
  void aNumberSetsTheSeatsAndKeepsTheRestOfTheArena() {
    RoomType big = ArenaRooms.type(" 1000 ");

    assertThat(big.maxClients()).isEqualTo(1000);
    assertThat(big).isEqualTo(ArenaRooms.TYPE.withMaxClients(1000));
  }

  @Test
  void anArenaOfTheConfiguredSizeTakesMoreThan32Players(Sandbox sandbox) {
    SandboxRoom arena = sandbox.createRoom(ArenaRooms.type("40"));

    for (int i = 0; i < 40; i++) {
      arena.join(uuid("player-" + i));
    }

    assertThat(arena.store(GameWorldView.class).count()).isEqualTo(40);
    assertThatThrownBy(() -> arena.join(uuid("player-40")))
        .isInstanceOfSatisfying(SandboxRoom.Refused.class, refused -> assertThat(refused.code()).isEqualTo("ROOM_FULL"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "many", "1.5", "99999999999"})
  void anythingButAWholeNumberFrom1IsAConfigurationErrorNamingTheVariable(String value) {
    assertThatThrownBy(() -> ArenaRooms.type(value))
        .isInstanceOf(CaroteneConfigurationException.class)
        .hasMessage("ARENA_PLAYERS_PER_ARENA must be a whole number of players from 1 (unset: 32), got '" + value + "'");
  }
}
