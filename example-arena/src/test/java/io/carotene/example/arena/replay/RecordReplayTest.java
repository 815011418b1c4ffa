package io.carotene.example.arena.replay;

import static io.carotene.test.CaroteneAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.example.arena.Arena;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.GameWorldView;
import io.carotene.runtime.Rng;
import io.carotene.runtime.Session;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.test.CaroteneTest;
import io.carotene.test.RecordingSummary;
import io.carotene.test.Replay;
import io.carotene.test.ReplayDivergence;
import io.carotene.test.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record-and-replay proofs on the Arena: a recorded session replays to the same world tick by
 * tick, its summary shows who cheated, a replay can stop at a tick, and a changed byte is found.
 */
@CaroteneTest(Arena.class)
class RecordReplayTest {
  static final int CLIENTS = 50;
  static final Duration INPUT_EVERY = Duration.ofMillis(100);

  @TempDir Path recordings;

  /** 50 players, one of them a cheater, for {@code seconds} of frozen time; returns the ticks run. */
  static long playSession(Sandbox sandbox, List<UUID> players, int seconds) {
    Rng clients = new Rng(2026);
    for (int i = 0; i < CLIENTS; i++) {
      UUID id = new UUID(0xC11E_0000L, i);
      players.add(id);
      sandbox.given(new Player(id, new Vector3(i * 3f, 0f, -i * 2f), Vector3.ZERO, true, 100));
    }
    long ticks = 0;
    int rounds = (int) (seconds * 1000 / INPUT_EVERY.toMillis());
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < CLIENTS; i++) {
        UUID id = players.get(i);
        float speed = clients.nextFloat() * 5f;
        float direction = clients.nextFloat() * 6.2831855f;
        Vector3 input = new Vector3(speed * (float) StrictMath.cos(direction), 0f, speed * (float) StrictMath.sin(direction));
        if (i == 7 && round % 50 == 25) {
          input = new Vector3(30f, 0f, 40f); // the speed hacker, every 5 s
        }
        sandbox.call(sandbox.session(id), "HandleInput", id, input);
      }
      ticks += sandbox.advance(INPUT_EVERY);
    }
    return ticks;
  }

  static List<Player> everyone(Sandbox sandbox) {
    List<Player> all = new ArrayList<>(sandbox.store(GameWorldView.class).all());
    all.sort(Comparator.comparing(Player::id));
    return all;
  }

  @Test
  void fiftyClientsForSixtySecondsReplayWithEveryChecksumMatchingAndTheSameWorldAtTheEnd(Sandbox sandbox) {
    Path recording = sandbox.record(RecordingSettings.into(recordings));
    List<UUID> players = new ArrayList<>();
    long ticks = playSession(sandbox, players, 60);
    sandbox.recorder().close();

    Replay.Result result = Replay.of(new ArenaApplication(), recording).replay();

    assertThat(ticks).isEqualTo(3750); // 60 s of a 16 ms loop
    assertThat(result.ticks()).isEqualTo(ticks);
    assertThat(result.checksums()).isEqualTo(ticks);
    assertThat(result.calls()).isEqualTo(CLIENTS * 600L);
    try (Sandbox replayed = Replay.of(new ArenaApplication(), recording).replayUntil(ticks)) {
      assertThat(everyone(replayed)).isEqualTo(everyone(sandbox));
    }
  }

  @Test
  void theSummaryListsTheSpeedHackersRejectionsAndAReplayStopsAtOneOfThem(Sandbox sandbox) {
    Path recording = sandbox.record(RecordingSettings.into(recordings));
    List<UUID> players = new ArrayList<>();
    playSession(sandbox, players, 10);
    sandbox.recorder().close();
    UUID cheater = players.get(7);

    RecordingSummary summary = RecordingSummary.read(recording);

    assertThat(summary.ticks()).isEqualTo(625);
    assertThat(summary.players()).hasSize(CLIENTS);
    assertThat(summary.rejectionsByCode()).isEqualTo(Map.of("REJECTED", 2L));
    assertThat(summary.rejectionsOf(cheater)).isEqualTo(Map.of("HandleInput: Speed hack detected", 2L));
    assertThat(summary.toString()).contains(cheater.toString(), "2 × HandleInput: Speed hack detected");

    // The first hack came in round 25, after 25 × 100 ms: 156 ticks of 16 ms had run.
    try (Sandbox atTheHack = Replay.of(new ArenaApplication(), recording).replayUntil(156)) {
      Player before = atTheHack.store(GameWorldView.class).get(cheater);
      Session session = atTheHack.session(cheater);

      assertThat(atTheHack.call(session, "HandleInput", cheater, new Vector3(30f, 0f, 40f)))
          .isRejectedWith("Speed hack detected");
      assertThat(atTheHack.store(GameWorldView.class).get(cheater)).isEqualTo(before);
    }
  }

  @Test
  void joinsAndLeavesWithTheirReasonsAreRecordedAndCounted(Sandbox sandbox) {
    Path recording = sandbox.record(RecordingSettings.into(recordings));
    Session alice = sandbox.session("alice");
    sandbox.recorder().sessionJoined(alice, "joined");
    sandbox.advance(Duration.ofMillis(160));
    sandbox.recorder().sessionLeft(alice, "SEAT_TIMED_OUT");
    sandbox.recorder().close();

    RecordingSummary summary = RecordingSummary.read(recording);

    assertThat(summary.joins()).isEqualTo(1);
    assertThat(summary.leaves()).isEqualTo(Map.of("SEAT_TIMED_OUT", 1L));
    assertThat(summary.players()).containsExactly("alice");
    assertThat(Replay.of(new ArenaApplication(), recording).replay().ticks()).isEqualTo(10);
  }

  @Test
  void aReplayOfAnotherDomainsRecordingIsRefused(Sandbox sandbox) {
    Path recording = sandbox.record(RecordingSettings.into(recordings));
    sandbox.recorder().close();

    assertThatThrownBy(() -> Replay.of(new io.carotene.example.clockgame.ClockGameApplication(), recording).replay())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The recording is of Arena, not of ClockGame");
  }

  @Test
  void aReplayThatCheckedEveryTickButKeptNoStateStillNamesTheTick(Sandbox sandbox) throws Exception {
    // A checksum every tick, the entries never: the tick is found, the entities cannot be named.
    Path recording = sandbox.record(RecordingSettings.into(recordings).withChecksumEvery(1, 0));
    UUID id = new UUID(1, 1);
    sandbox.given(new Player(id, Vector3.ZERO, Vector3.ZERO, true, 100));
    sandbox.advance(Duration.ofMillis(160));
    sandbox.call(sandbox.session(id), "HandleInput", id, JournalEdits.MARKER);
    sandbox.advance(Duration.ofMillis(160));
    sandbox.recorder().close();
    JournalEdits.changeOneByteOfTheMarker(recording);

    assertThatThrownBy(() -> Replay.of(new ArenaApplication(), recording).replay())
        .isInstanceOfSatisfying(ReplayDivergence.class, divergence -> {
          assertThat(divergence.tick()).isEqualTo(11);
          assertThat(divergence.stateTick()).isEqualTo(-1);
        })
        .hasMessageContaining("record with stateEveryTicks equal to checksumEveryTicks");
  }
}
