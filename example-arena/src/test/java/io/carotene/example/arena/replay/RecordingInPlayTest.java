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
import io.carotene.runtime.Rng;
import io.carotene.runtime.Session;
import io.carotene.runtime.record.Recorder;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.test.CaroteneTest;
import io.carotene.test.RecordingSummary;
import io.carotene.test.Replay;
import io.carotene.test.Sandbox;
import io.carotene.test.SandboxRoom;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording switched on while a room plays ({@code Room.startRecording}): the journal starts with
 * the world it found, and replays from there to the same world where the recording stopped; the
 * refusals before any hook are kept; fifty recorded rooms share a few writer threads and all
 * replay.
 */
@CaroteneTest(Arena.class)
class RecordingInPlayTest {
  static final Duration ROUND = Duration.ofMillis(100);

  @TempDir Path recordings;

  /** Everyone in {@code sessions} moves for {@code rounds} rounds of 100 ms; returns the ticks run. */
  static long play(Sandbox sandbox, SandboxRoom room, List<UUID> players, List<Session> sessions, Rng inputs, int rounds) {
    long ticks = 0;
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < sessions.size(); i++) {
        float speed = inputs.nextFloat() * 5f;
        float direction = inputs.nextFloat() * 6.2831855f;
        room.call(sessions.get(i), "HandleInput", players.get(i),
            new Vector3(speed * (float) StrictMath.cos(direction), 0f, speed * (float) StrictMath.sin(direction)));
      }
      ticks += sandbox.advance(ROUND);
    }
    return ticks;
  }

  @Test
  void aRoomRecordedFromTheMiddleOfItsLifeReplaysFromTheWorldItFoundToTheWorldWhereTheRecordingStopped(Sandbox sandbox) {
    SandboxRoom room = sandbox.createRoom(ArenaRooms.TYPE.withMaxClients(64), Map.of("mode", "ffa"));
    Rng inputs = new Rng(16);
    List<UUID> players = new ArrayList<>();
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      players.add(new UUID(0x1D_0000L, i));
      sessions.add(room.join(players.get(i)));
    }
    play(sandbox, room, players, sessions, inputs, 50); // 5 s before anyone records
    assertThat(room.isRecording()).isFalse();

    room.startRecording(RecordingSettings.into(recordings));
    assertThat(room.isRecording()).isTrue();
    long recordedTicks = play(sandbox, room, players, sessions, inputs, 30);
    for (int i = 17; i < 20; i++) {
      room.leave(players.remove(17));
      sessions.remove(17);
    }
    UUID newcomer = new UUID(0x1D_0001L, 1);
    players.add(newcomer);
    sessions.add(room.join(newcomer));
    assertThat(room.call(sessions.get(0), "HandleInput", players.get(0), new Vector3(30f, 0f, 40f)))
        .isRejectedWith("Speed hack detected");
    recordedTicks += play(sandbox, room, players, sessions, inputs, 20);
    List<Player> whenItStopped = RoomRecordReplayTest.everyone(room.store(GameWorldView.class).all());
    room.stopRecording();
    assertThat(room.isRecording()).isFalse();
    play(sandbox, room, players, sessions, inputs, 10); // the room plays on, unrecorded
    Path recording = room.recording();

    Replay.Result replayed = Replay.of(new ArenaApplication(), recording).replay();
    RecordingSummary summary = RecordingSummary.read(recording);

    assertThat(recording.getParent()).isEqualTo(recordings.resolve("arena"));
    assertThat(recording.getFileName().toString()).startsWith(room.id() + "@");
    assertThat(recordedTicks).isEqualTo(313); // a 16 ms loop's ticks due in (5 s, 10 s]
    assertThat(replayed.ticks()).isEqualTo(recordedTicks);
    assertThat(replayed.checksums()).isEqualTo(recordedTicks);
    assertThat(replayed.calls()).isEqualTo(30 * 20 + 1 + 20 * 18);
    assertThat(summary.midRoom()).isTrue();
    assertThat(summary.stopped()).isTrue();
    assertThat(summary.ended()).isFalse();
    assertThat(summary.room().options()).isEqualTo("{\"mode\":\"ffa\"}");
    assertThat(summary.joins()).isEqualTo(1);
    assertThat(summary.leaves()).isEqualTo(Map.of("CLOSED", 3L));
    assertThat(summary.rejectionsOf(players.get(0))).isEqualTo(Map.of("HandleInput: Speed hack detected", 1L));
    assertThat(summary.toString()).contains("from the middle of the room's life", "until the recording was stopped");
    try (Sandbox atTheStop = Replay.of(new ArenaApplication(), recording).replayUntil(recordedTicks)) {
      assertThat(RoomRecordReplayTest.everyone(atTheStop.store(GameWorldView.class).all()))
          .hasSize(18)
          .isEqualTo(whenItStopped);
    }
  }

  @Test
  void aRoomRecordedFromTheMiddleAndEndedReplaysItsLeavesThroughTheHooksOfPlayersWhoJoinedBeforeTheRecording(Sandbox sandbox) {
    SandboxRoom room = sandbox.createRoom(ArenaRooms.TYPE, null);
    UUID early = new UUID(0xEA, 1);
    UUID late = new UUID(0xEA, 2);
    Session earlySession = room.join(early);
    sandbox.advance(Duration.ofSeconds(1));
    room.startRecording(RecordingSettings.into(recordings).withChecksumEvery(1, 1));
    Session lateSession = room.join(late);
    room.call(earlySession, "HandleInput", early, new Vector3(1f, 0f, 2f));
    room.call(lateSession, "HandleInput", late, new Vector3(-2f, 0f, 1f));
    sandbox.advance(Duration.ofSeconds(1));
    room.leave(early);
    sandbox.advance(Duration.ofSeconds(1));
    room.dispose();

    Replay.Result replayed = Replay.of(new ArenaApplication(), room.recording()).replay();
    RecordingSummary summary = RecordingSummary.read(room.recording());

    assertThat(replayed.checksums()).isEqualTo(replayed.ticks()).isEqualTo(125);
    assertThat(summary.ended()).isTrue();
    assertThat(summary.leaves()).isEqualTo(Map.of("CLOSED", 1L, "ROOM_ENDING", 1L));
  }

  @Test
  void joinsAndCallsRefusedBeforeAnyHookOrHandlerAreInTheJournalByCodeAndByPlayerAndTheRoomStillReplays(Sandbox sandbox) {
    SandboxRoom room = sandbox.createRoom(ArenaRooms.TYPE.withMaxClients(2).withRecording(RecordingSettings.into(recordings)), null);
    UUID alice = new UUID(0xA1, 1);
    UUID bob = new UUID(0xB0, 2);
    UUID carol = new UUID(0xCA, 3);
    UUID dave = new UUID(0xDA, 4);
    Session aliceSession = room.join(alice);
    room.lock();
    assertThatThrownBy(() -> room.join(dave)).isInstanceOfSatisfying(SandboxRoom.Refused.class,
        refused -> assertThat(refused.code()).isEqualTo("ROOM_LOCKED"));
    room.unlock();
    assertThatThrownBy(() -> room.join("guest")).isInstanceOfSatisfying(SandboxRoom.Refused.class,
        refused -> assertThat(refused.code()).isEqualTo("JOIN_REFUSED"));
    room.join(bob);
    assertThatThrownBy(() -> room.join(carol)).isInstanceOfSatisfying(SandboxRoom.Refused.class,
        refused -> assertThat(refused.code()).isEqualTo("ROOM_FULL"));
    assertThat(room.call(aliceSession, "HandleInput", "not a player id", Vector3.ZERO)).isBadRequest();
    assertThat(room.call(aliceSession, "Teleport", alice)).isBadRequest();
    assertThat(room.call(aliceSession, "HandleInput", bob, new Vector3(1f, 0f, 0f))).isForbidden();
    assertThat(room.call(aliceSession, "HandleInput", alice, new Vector3(1f, 0f, 0f))).succeeds();
    sandbox.advance(Duration.ofSeconds(1));
    room.dispose();

    RecordingSummary summary = RecordingSummary.read(room.recording());
    Replay.Result replayed = Replay.of(new ArenaApplication(), room.recording()).replay();

    assertThat(summary.rejectionsByCode()).isEqualTo(Map.of(
        "ROOM_LOCKED", 1L, "JOIN_REFUSED", 1L, "ROOM_FULL", 1L, "BAD_REQUEST", 2L, "FORBIDDEN", 1L));
    assertThat(summary.rejectionsOf(dave))
        .isEqualTo(Map.of("join: Room " + room.id() + " is locked: it accepts no new players now", 1L));
    assertThat(summary.rejectionsOf(carol)).isEqualTo(Map.of("join: Room " + room.id() + " is full: 2 seats", 1L));
    assertThat(summary.rejectionsOf(alice)).hasSize(3).allSatisfy((message, count) -> assertThat(count).isEqualTo(1L));
    assertThat(summary.rejectionsOf(alice).keySet())
        .anySatisfy(message -> assertThat(message).startsWith("Teleport: Unknown operation 'Teleport'"))
        .filteredOn(message -> message.startsWith("HandleInput: ")).hasSize(2);
    assertThat(summary.players()).contains(alice.toString(), bob.toString(), carol.toString(), dave.toString(), "guest");
    assertThat(summary.calls()).as("calls that reached a handler or its guards").isEqualTo(2);
    assertThat(replayed.checksums()).isEqualTo(replayed.ticks()).isEqualTo(62);
    assertThat(replayed.calls()).isEqualTo(2);
  }

  @Test
  void fiftyRecordedRoomsShareAFewWriterThreadsAndEachReplaysWithEveryChecksumMatching(Sandbox sandbox) {
    RecordingSettings settings = RecordingSettings.into(recordings).withKeepRecordings(50);
    List<SandboxRoom> rooms = new ArrayList<>();
    List<List<UUID>> players = new ArrayList<>();
    List<List<Session>> sessions = new ArrayList<>();
    for (int r = 0; r < 50; r++) {
      SandboxRoom room = sandbox.createRoom(ArenaRooms.TYPE.withRecording(settings), Map.of("round", r));
      List<UUID> ids = List.of(new UUID(r, 1), new UUID(r, 2));
      rooms.add(room);
      players.add(ids);
      sessions.add(List.of(room.join(ids.get(0)), room.join(ids.get(1))));
    }
    Rng inputs = new Rng(50);
    int most = 0;
    for (int round = 0; round < 20; round++) {
      for (int r = 0; r < rooms.size(); r++) {
        for (int p = 0; p < 2; p++) {
          rooms.get(r).call(sessions.get(r).get(p), "HandleInput", players.get(r).get(p),
              new Vector3(inputs.nextFloat() * 4f - 2f, 0f, inputs.nextFloat() * 4f - 2f));
        }
      }
      sandbox.advance(ROUND);
      most = Math.max(most, recorderThreads());
    }
    rooms.forEach(SandboxRoom::dispose);

    assertThat(most).isBetween(1, Recorder.MAX_WRITER_THREADS);
    assertThat(Recorder.MAX_WRITER_THREADS).isLessThanOrEqualTo(4);
    for (SandboxRoom room : rooms) {
      Replay.Result replayed = Replay.of(new ArenaApplication(), room.recording()).replay();
      assertThat(replayed.ticks()).isEqualTo(125);
      assertThat(replayed.checksums()).isEqualTo(125);
      assertThat(replayed.calls()).isEqualTo(40);
    }
  }

  static int recorderThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("carotene-recorder-"))
        .count();
  }
}
