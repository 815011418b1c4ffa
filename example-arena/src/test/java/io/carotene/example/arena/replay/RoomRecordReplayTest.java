package io.carotene.example.arena.replay;

import static io.carotene.test.CaroteneAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.example.arena.Arena;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.ArenaRooms;
import io.carotene.example.arena.GameWorldView;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.Rng;
import io.carotene.runtime.Session;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.test.CaroteneTest;
import io.carotene.test.RecordingSummary;
import io.carotene.test.Replay;
import io.carotene.test.ReplayDivergence;
import io.carotene.test.ReplayDivergence.FieldDifference;
import io.carotene.test.Sandbox;
import io.carotene.test.SandboxRoom;
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
 * The record-and-replay proofs on an Arena room: a room recorded from its creation (options, seed)
 * through its players' joins, inputs, refused joins, leaves and its end replays to the same world,
 * tick by tick, with its hooks rerun; its summary shows who cheated; a changed byte is found.
 */
@CaroteneTest(Arena.class)
class RoomRecordReplayTest {
  static final int CLIENTS = 50;
  static final int LEAVERS = 10;
  static final Duration INPUT_EVERY = Duration.ofMillis(100);
  static final Map<String, Object> OPTIONS = new java.util.TreeMap<>(Map.of("mode", "ffa", "map", "dunes"));

  @TempDir Path recordings;

  RoomType recorded(RecordingSettings settings) { // also used by ReplayMainRoomTest
    return ArenaRooms.TYPE.withMaxClients(64).withRecording(settings);
  }

  /** What a session did to the room, for the assertions. */
  record Session60(List<UUID> players, long ticks, long calls, List<Player> atTheEnd) {}

  /**
   * 50 players join (a guest who did not log in is refused), move for {@code seconds} of frozen
   * time, one of them sends a speed hack every 5 s, 10 leave half way; the room then ends.
   */
  static Session60 playSession(Sandbox sandbox, SandboxRoom room, int seconds) {
    Rng clients = new Rng(2026);
    List<UUID> players = new ArrayList<>();
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      UUID id = new UUID(0xC11E_0000L, i);
      players.add(id);
      sessions.add(room.join(id));
    }
    assertThatThrownBy(() -> room.join("guest")).isInstanceOf(SandboxRoom.Refused.class);
    long ticks = 0;
    long calls = 0;
    int rounds = (int) (seconds * 1000 / INPUT_EVERY.toMillis());
    for (int round = 0; round < rounds; round++) {
      if (round == rounds / 2) {
        for (int i = CLIENTS - LEAVERS; i < CLIENTS; i++) {
          room.leave(players.get(i));
        }
      }
      int playing = round < rounds / 2 ? CLIENTS : CLIENTS - LEAVERS;
      for (int i = 0; i < playing; i++) {
        float speed = clients.nextFloat() * 5f;
        float direction = clients.nextFloat() * 6.2831855f;
        Vector3 input = new Vector3(speed * (float) StrictMath.cos(direction), 0f, speed * (float) StrictMath.sin(direction));
        if (i == 7 && round % 50 == 25) {
          input = new Vector3(30f, 0f, 40f); // the speed hacker, every 5 s
        }
        room.call(sessions.get(i), "HandleInput", players.get(i), input);
        calls++;
      }
      ticks += sandbox.advance(INPUT_EVERY);
    }
    List<Player> atTheEnd = everyone(room.store(GameWorldView.class).all());
    room.dispose();
    return new Session60(players, ticks, calls, atTheEnd);
  }

  static List<Player> everyone(java.util.Collection<Player> players) {
    List<Player> all = new ArrayList<>(players);
    all.sort(Comparator.comparing(Player::id));
    return all;
  }

  @Test
  void aRoomOfFiftyClientsForSixtySecondsReplaysWithEveryChecksumMatchingAndTheSameWorldAtTheEnd(Sandbox sandbox) {
    SandboxRoom room = sandbox.createRoom(recorded(RecordingSettings.into(recordings)), OPTIONS);
    Session60 played = playSession(sandbox, room, 60);
    Path recording = room.recording();

    Replay.Result result = Replay.of(new ArenaApplication(), recording).replay();

    assertThat(recording).isEqualTo(recordings.resolve("arena").resolve(room.id()));
    assertThat(played.ticks()).isEqualTo(3750); // 60 s of a 16 ms loop
    assertThat(result.ticks()).isEqualTo(played.ticks());
    assertThat(result.checksums()).isEqualTo(played.ticks());
    assertThat(result.calls()).isEqualTo(played.calls()).isEqualTo(CLIENTS * 300L + (CLIENTS - LEAVERS) * 300L);
    try (Sandbox replayed = Replay.of(new ArenaApplication(), recording).replayUntil(played.ticks())) {
      assertThat(everyone(replayed.store(GameWorldView.class).all()))
          .hasSize(CLIENTS - LEAVERS)
          .isEqualTo(played.atTheEnd());
    }
  }

  @Test
  void theRoomsSummaryListsItsOptionsJoinsLeavesAndTheSpeedHackersRejectionsAndAReplayStopsAtOne(Sandbox sandbox) {
    SandboxRoom room = sandbox.createRoom(recorded(RecordingSettings.into(recordings)), OPTIONS);
    Session60 played = playSession(sandbox, room, 10);
    UUID cheater = played.players().get(7);

    RecordingSummary summary = RecordingSummary.read(room.recording());

    assertThat(summary.room().type()).isEqualTo("arena");
    assertThat(summary.room().id()).isEqualTo(room.id());
    assertThat(summary.room().options()).isEqualTo("{\"map\":\"dunes\",\"mode\":\"ffa\"}");
    assertThat(summary.room().holds()).isEqualTo("ROOM_STORES");
    assertThat(summary.ended()).isTrue();
    assertThat(summary.ticks()).isEqualTo(625);
    assertThat(summary.players()).hasSize(CLIENTS + 1).contains("guest");
    assertThat(summary.joins()).isEqualTo(CLIENTS);
    assertThat(summary.leaves()).isEqualTo(Map.of("CLOSED", (long) LEAVERS, "ROOM_ENDING", (long) (CLIENTS - LEAVERS)));
    assertThat(summary.rejectionsByCode()).isEqualTo(Map.of("REJECTED", 2L, "JOIN_REFUSED", 1L));
    assertThat(summary.rejectionsOf(cheater)).isEqualTo(Map.of("HandleInput: Speed hack detected", 2L));
    assertThat(summary.rejectionsOf("guest"))
        .isEqualTo(Map.of("join: Log in first (POST /api/login): only a player may join an arena", 1L));
    assertThat(summary.toString())
        .contains("room " + room.id() + " of type arena", "until the room ended", cheater.toString(),
            "2 × HandleInput: Speed hack detected");

    // The first hack came in round 25, after 25 × 100 ms: 156 ticks of 16 ms had run.
    try (Sandbox atTheHack = Replay.of(new ArenaApplication(), room.recording()).replayUntil(156)) {
      Player before = atTheHack.store(GameWorldView.class).get(cheater);
      Session session = atTheHack.session(cheater);

      assertThat(atTheHack.call(session, "HandleInput", cheater, new Vector3(30f, 0f, 40f)))
          .isRejectedWith("Speed hack detected");
      assertThat(atTheHack.store(GameWorldView.class).get(cheater)).isEqualTo(before);
      assertThat(atTheHack.store(GameWorldView.class).count()).as("the joins' spawns, rerun").isEqualTo(CLIENTS);
    }
  }

  @Test
  void oneChangedByteOfAnArgumentInARoomJournalIsReportedAtItsTickNamingTheEntity(Sandbox sandbox) {
    UUID runner = new UUID(0xAAAA, 1);
    UUID bystander = new UUID(0xBBBB, 2);
    SandboxRoom room = sandbox.createRoom(recorded(RecordingSettings.into(recordings).withChecksumEvery(1, 1)), null);
    Session session = room.join(runner);
    room.join(bystander);
    long ticksBefore = sandbox.advance(Duration.ofSeconds(2));
    room.call(session, "HandleInput", runner, JournalEdits.MARKER);
    sandbox.advance(Duration.ofSeconds(1));
    room.dispose();
    Path recording = room.recording();
    assertThat(Replay.of(new ArenaApplication(), recording).replay().checksums()).isEqualTo(187);

    JournalEdits.changeOneByteOfTheMarker(recording);

    assertThatThrownBy(() -> Replay.of(new ArenaApplication(), recording).replay())
        .isInstanceOfSatisfying(ReplayDivergence.class, divergence -> {
          assertThat(divergence.tick()).isEqualTo(ticksBefore + 1);
          assertThat(divergence.entities()).singleElement().satisfies(entity -> {
            assertThat(entity.store()).isEqualTo("GameWorld");
            assertThat(entity.id()).isEqualTo(runner);
            assertThat(entity.fields()).contains(new FieldDifference("velocity.x", 1.375f, JournalEdits.CHANGED_X));
          });
        })
        .hasMessageContaining("Replay diverged at tick " + (ticksBefore + 1))
        .hasMessageContaining("GameWorld " + runner);
  }

  @Test
  void aRoomOfATypeWithoutRecordingIsNotRecordedAndSaysSo(Sandbox sandbox) {
    SandboxRoom room = sandbox.createRoom(ArenaRooms.TYPE, null);

    assertThatThrownBy(room::recording)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Room " + room.id() + " is not recorded: its type arena has no recording (RoomType.withRecording)"
            + " and startRecording was not called");
  }
}
