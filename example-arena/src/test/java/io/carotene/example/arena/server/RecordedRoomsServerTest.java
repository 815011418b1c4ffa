package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.ArenaRooms;
import io.carotene.runtime.Room;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.test.RecordingSummary;
import io.carotene.test.Replay;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServer.HttpResult;
import io.carotene.test.server.TestServer.SeatReservation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server of rooms, recording: each Arena room is journaled into a directory of its own,
 * from its creation to its end, and each replays in the sandbox with every checksum matching; a
 * thousand rooms' worth of churn leaves no journal file open or mapped and no writer thread.
 */
class RecordedRoomsServerTest {
  @TempDir Path recordings;

  record Login(String token, UUID playerId) {}

  static Login login(TestServer server, String name) {
    HttpResult result = server.post("/api/login", Map.of("name", name));
    assertThat(result.status()).as(result.text()).isEqualTo(200);
    return new Login(result.body().get("token").asText(), UUID.fromString(result.body().get("playerId").asText()));
  }

  @Test
  void aServerOfRoomsRecordsEachRoomApartAndEachReplaysWithEveryChecksumMatching() throws Exception {
    String cheaterRoom;
    UUID cheaterId;
    try (TestServer server = TestServer.builder(new ArenaApplication())
        .roomType(ArenaRooms.TYPE.withMaxClients(2))
        .record(RecordingSettings.into(recordings))
        .matchmakingRateLimit(null, null)
        .start()) {
      Login alice = login(server, "alice");
      Login bob = login(server, "bob");
      Login carol = login(server, "carol");
      Login cheater = login(server, "cheater");
      cheaterId = cheater.playerId();
      SeatReservation aliceSeat = server.joinOrCreate(alice.token(), "arena", Map.of());
      SeatReservation bobSeat = server.joinOrCreate(bob.token(), "arena", Map.of());
      SeatReservation carolSeat = server.joinOrCreate(carol.token(), "arena", Map.of());
      SeatReservation cheaterSeat = server.joinOrCreate(cheater.token(), "arena", Map.of());
      assertThat(bobSeat.roomId()).isEqualTo(aliceSeat.roomId());
      assertThat(cheaterSeat.roomId()).isEqualTo(carolSeat.roomId()).isNotEqualTo(aliceSeat.roomId());
      cheaterRoom = cheaterSeat.roomId();
      try (TestClient a = server.connect(alice.token(), aliceSeat);
          TestClient b = server.connect(bob.token(), bobSeat);
          TestClient c = server.connect(carol.token(), carolSeat);
          TestClient x = server.connect(cheater.token(), cheaterSeat)) {
        for (int i = 0; i < 5; i++) {
          assertThat(a.call("HandleInput", ArenaServerTest.input(alice.playerId(), 1.0 + i * 0.25, -0.5)).isOk()).isTrue();
          assertThat(b.call("HandleInput", ArenaServerTest.input(bob.playerId(), -1.0, i * 0.5)).isOk()).isTrue();
          assertThat(c.call("HandleInput", ArenaServerTest.input(carol.playerId(), 2.0, 2.0 - i)).isOk()).isTrue();
          a.nextSnapshot();
        }
        assertThat(x.call("HandleInput", ArenaServerTest.input(cheaterId, 30, 40)).code()).isEqualTo("REJECTED");
        assertThat(x.call("HandleInput", ArenaServerTest.input(cheaterId, 3, 4)).isOk()).isTrue();
        x.awaitSnapshot(snapshot -> ArenaServerTest.player(snapshot, cheaterId) != null
            && ArenaServerTest.player(snapshot, cheaterId).get("velocity").get("x").asDouble() == 3.0);
      }
      RoomsServerTest.await("both rooms ended", () -> server.server().roomsAlive() == 0);
    }
    List<Path> rooms = recordingsOf(recordings.resolve("arena"));
    assertThat(rooms).extracting(path -> path.getFileName().toString()).hasSize(2).contains(cheaterRoom);

    for (Path room : rooms) {
      RecordingSummary summary = RecordingSummary.read(room);
      Replay.Result replayed = Replay.of(new ArenaApplication(), room).replay();

      assertThat(summary.room().id()).isEqualTo(room.getFileName().toString());
      assertThat(summary.ended()).isTrue();
      assertThat(summary.joins()).isEqualTo(2);
      assertThat(summary.leaves()).isEqualTo(Map.of("CLOSED", 2L));
      assertThat(replayed.ticks()).isEqualTo(summary.ticks()).isPositive();
      assertThat(replayed.checksums()).isEqualTo(summary.ticks());
      assertThat(replayed.calls()).isEqualTo(summary.calls());
      if (room.getFileName().toString().equals(cheaterRoom)) {
        assertThat(summary.calls()).isEqualTo(5 + 2);
        assertThat(summary.rejectionsOf(cheaterId)).isEqualTo(Map.of("HandleInput: Speed hack detected", 1L));
      } else {
        assertThat(summary.calls()).isEqualTo(5 + 5);
        assertThat(summary.rejectionsByCode()).isEmpty();
      }
    }
  }

  @Test
  void manyRecordedRoomsComingAndGoingLeaveNoJournalFileOpenOrMappedNorAWriterThreadAndKeepTheNewest() throws Exception {
    int rooms = 120;
    int keep = 20;
    try (TestServer server = TestServer.builder(new ArenaApplication())
        .roomType(ArenaRooms.TYPE.withRecording(RecordingSettings.into(recordings).withKeepRecordings(keep)))
        .matchmakingRateLimit(null, null)
        .maxRooms(rooms + 1)
        .start()) {
      Login alice = login(server, "alice");
      for (int i = 0; i < rooms; i++) {
        SeatReservation seat = server.create(alice.token(), "arena", Map.of("round", i));
        try (TestClient client = server.connect(alice.token(), seat)) {
          client.nextSnapshot();
        }
        RoomsServerTest.await("room " + i + " ended", () -> server.server().roomsAlive() == 0);
      }

      // Each room's writer closes its journal on its own thread once the room ended.
      RoomsServerTest.await("every recording's writer ended", () -> Thread.getAllStackTraces().keySet().stream()
          .noneMatch(thread -> thread.getName().startsWith("carotene-recorder-")));
      assertThat(openFilesUnder(recordings)).as("journal files still open").isEmpty();
      assertThat(mappingsUnder(recordings)).as("journal files still mapped").isEmpty();
      List<Path> kept = recordingsOf(recordings.resolve("arena"));
      assertThat(kept).hasSize(keep);
      for (Path recording : kept) {
        assertThat(RecordingSummary.read(recording).ended()).isTrue();
      }
      List<Room> none = server.server().rooms();
      assertThat(none).isEmpty();
    }
  }

  static List<Path> recordingsOf(Path type) throws IOException {
    try (Stream<Path> made = Files.list(type)) {
      return made.sorted().toList();
    }
  }

  /** The files of this process open under {@code root} (its file descriptors' targets). */
  static List<String> openFilesUnder(Path root) throws IOException {
    String prefix = root.toRealPath().toString();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.map(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString();
        } catch (IOException closedMeanwhile) {
          return "";
        }
      }).filter(target -> target.startsWith(prefix)).toList();
    }
  }

  /** The memory mappings of this process of files under {@code root}. */
  static List<String> mappingsUnder(Path root) throws IOException {
    String prefix = root.toRealPath().toString();
    return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(line -> line.contains(prefix)).toList();
  }
}
