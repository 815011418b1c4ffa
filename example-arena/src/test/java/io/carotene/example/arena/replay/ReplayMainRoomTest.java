package io.carotene.example.arena.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.Arena;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.test.CaroteneTest;
import io.carotene.test.ReplayMain;
import io.carotene.test.Sandbox;
import io.carotene.test.SandboxRoom;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on a room's recording: its summary, then the replay's verdict (README, "Forensics"). */
@CaroteneTest(Arena.class)
class ReplayMainRoomTest {
  @TempDir Path recordings;

  record Output(int exit, String out, String err) {}

  static Output replayMain(Path directory) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ReplayMain.run(directory, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void replayMainPrintsARoomsSummaryWithTheSpeedHackersRejectionsAndReplaysItOk(Sandbox sandbox) {
    SandboxRoom room = sandbox.createRoom(
        new RoomRecordReplayTest().recorded(RecordingSettings.into(recordings)), RoomRecordReplayTest.OPTIONS);
    RoomRecordReplayTest.playSession(sandbox, room, 10);

    Output replayed = replayMain(room.recording());
    System.out.println(replayed.out()); // what the README shows

    assertThat(replayed.exit()).as(replayed.err()).isZero();
    assertThat(replayed.out())
        .contains("Arena room " + room.id() + " of type arena, created with {\"map\":\"dunes\",\"mode\":\"ffa\"},")
        .contains("ticks: 625 (10.0 s), until the room ended")
        .contains("joins: 50, leaves: {CLOSED=10, ROOM_ENDING=40}")
        .contains("rejections by code: {JOIN_REFUSED=1, REJECTED=2}")
        .contains("00000000-c11e-0000-0000-000000000007: 2\n      2 × HandleInput: Speed hack detected")
        .contains("guest: 1\n      1 × join: Log in first (POST /api/login): only a player may join an arena")
        .contains("OK: 625 ticks replayed, 625 checksums matched, 4500 calls applied");
  }

  @Test
  void givenTheRecordDirectoryReplayMainListsTheRoomsRecordingsToChooseFrom(Sandbox sandbox) {
    RoomRecordReplayTest rooms = new RoomRecordReplayTest();
    SandboxRoom first = sandbox.createRoom(rooms.recorded(RecordingSettings.into(recordings)), null);
    SandboxRoom second = sandbox.createRoom(rooms.recorded(RecordingSettings.into(recordings)), null);
    first.join(new java.util.UUID(1, 1));
    sandbox.advance(java.time.Duration.ofMillis(160));
    first.dispose();
    second.dispose();

    Output listed = replayMain(recordings);

    assertThat(listed.exit()).isEqualTo(2);
    assertThat(listed.out())
        .startsWith("2 recordings in " + recordings + "; replay one by naming its directory:")
        .contains(recordings.resolve("arena").resolve(first.id()) + "  (10 ticks, 1 players, 0 rejections)")
        // An arena no one joined ends at once (no linger): its recording has no tick.
        .contains(recordings.resolve("arena").resolve(second.id()) + "  (0 ticks, 0 players, 0 rejections)");
  }
}
