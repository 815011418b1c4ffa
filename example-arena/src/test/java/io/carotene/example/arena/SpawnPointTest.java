package io.carotene.example.arena;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.Arena.Vector3;
import org.junit.jupiter.api.Test;

class SpawnPointTest {
  @Test
  void spawnPointsAreOnTheFloorAndNoTwoPlayersStartOnTopOfEachOther() {
    for (int a = 0; a < 400; a++) {
      Vector3 p = ArenaHttp.spawnPoint(a);
      assertThat(p.y()).isZero();
      for (int b = a + 1; b < 400; b++) {
        Vector3 q = ArenaHttp.spawnPoint(b);
        double dx = p.x() - q.x();
        double dz = p.z() - q.z();
        assertThat(Math.sqrt(dx * dx + dz * dz)).as("players %d and %d", a, b).isGreaterThan(ArenaHttp.SPAWN_SPACING / 2);
      }
    }
  }

  @Test
  void aViewRadiusHoldsABoundedCrowdHoweverManyJoin() {
    // Player 100 stands well inside the spiral (about 80 units out): count who is within 50 units.
    int withFourHundred = neighboursOf(100, 400);
    int withEightHundred = neighboursOf(100, 800);

    // pi * 50^2 over pi * 8^2 units per player: about 39 around an inner player, whatever the total.
    assertThat(withFourHundred).isBetween(30, 50);
    assertThat(withEightHundred).isEqualTo(withFourHundred);
  }

  private static int neighboursOf(int player, int players) {
    Vector3 me = ArenaHttp.spawnPoint(player);
    int within = 0;
    for (int n = 0; n < players; n++) {
      Vector3 q = ArenaHttp.spawnPoint(n);
      if (Math.hypot(me.x() - q.x(), me.z() - q.z()) <= 50) {
        within++;
      }
    }
    return within;
  }
}
