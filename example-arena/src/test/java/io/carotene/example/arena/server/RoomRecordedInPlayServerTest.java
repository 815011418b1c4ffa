package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.ArenaRooms;
import io.carotene.example.arena.server.RecordedRoomsServerTest.Login;
import io.carotene.runtime.Room;
import io.carotene.runtime.limit.RateLimit;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.test.RecordingSummary;
import io.carotene.test.Replay;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServer.HttpResult;
import io.carotene.test.server.TestServer.SeatReservation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server whose rooms are not recorded until game code (here the test, from another thread)
 * asks: {@code Room.startRecording} records the room in play from the next tick's boundary, with
 * the world it found, the refusals on the socket's IO thread (frames that do not decode, calls
 * beyond the rate limit) and the full room's refused join among its events, until {@code
 * stopRecording}; the recording replays with every checksum matching.
 */
class RoomRecordedInPlayServerTest {
  @TempDir Path recordings;

  static Map<String, Object> input(Login player, double x) {
    return ArenaServerTest.input(player.playerId(), x, 0.5);
  }

  @Test
  void aRoomRecordedWhileItPlaysKeepsTheRefusalsBeforeTheHandlersAndReplaysFromTheWorldItFound() throws Exception {
    String roomId;
    Login alice;
    Login bob;
    Login carol;
    RateLimit eightCalls = new RateLimit(0.001, 8); // a bucket of 8 that practically never refills
    try (TestServer server = TestServer.builder(new ArenaApplication())
        .roomType(ArenaRooms.TYPE.withMaxClients(2))
        .rateLimit(eightCalls)
        .matchmakingRateLimit(null, null)
        .start()) {
      alice = RecordedRoomsServerTest.login(server, "alice");
      bob = RecordedRoomsServerTest.login(server, "bob");
      carol = RecordedRoomsServerTest.login(server, "carol");
      SeatReservation aliceSeat = server.create(alice.token(), "arena", Map.of());
      roomId = aliceSeat.roomId();
      SeatReservation bobSeat = server.join(bob.token(), roomId);
      try (TestClient a = server.connect(alice.token(), aliceSeat);
          TestClient b = server.connect(bob.token(), bobSeat)) {
        assertThat(a.call("HandleInput", input(alice, 1.0)).isOk()).isTrue();
        assertThat(b.call("HandleInput", input(bob, -1.0)).isOk()).isTrue();
        a.nextSnapshot();
        Room room = server.server().rooms().get(0);
        assertThat(room.isRecording()).isFalse();

        room.startRecording(RecordingSettings.into(recordings));
        RoomsServerTest.await("the recording started", room::isRecording);
        assertThat(a.call("HandleInput", input(alice, 2.0)).isOk()).isTrue();
        assertThat(a.call("HandleInput", input(alice, 2.5)).isOk()).isTrue();
        b.sendText("{this is not json");
        assertThat(b.nextReply().code()).isEqualTo("BAD_REQUEST");
        b.sendText("{\"op\":\"HandleInput\",\"seq\":42,\"args\":{\"playerId\":\"" + bob.playerId() + "\"}}");
        assertThat(b.awaitReply(42).code()).isEqualTo("BAD_REQUEST");
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
          seqs.add(b.send("HandleInput", input(bob, -1.0 - i * 0.1)));
        }
        List<String> codes = new ArrayList<>();
        for (long seq : seqs) {
          TestClient.Reply reply = b.awaitReply(seq);
          codes.add(reply.isOk() ? "OK" : reply.code());
        }
        assertThat(codes).containsExactly("OK", "OK", "OK", "OK", "OK", "RATE_LIMITED", "RATE_LIMITED");
        HttpResult full = server.postAs(carol.token(), "/matchmake/join/" + roomId, Map.of());
        assertThat(full.body().get("error").get("code").asText()).isEqualTo("ROOM_FULL");
        a.nextSnapshot();

        room.stopRecording();
        RoomsServerTest.await("the recording stopped", () -> !room.isRecording());
        assertThat(a.call("HandleInput", input(alice, 3.0)).isOk()).isTrue(); // not recorded
        a.nextSnapshot();
      }
      RoomsServerTest.await("the room ended", () -> server.server().roomsAlive() == 0);
    }
    List<Path> made = RecordedRoomsServerTest.recordingsOf(recordings.resolve("arena"));
    assertThat(made).singleElement().satisfies(path -> assertThat(path.getFileName().toString()).startsWith(roomId + "@"));
    Path recording = made.get(0);

    RecordingSummary summary = RecordingSummary.read(recording);
    Replay.Result replayed = Replay.of(new ArenaApplication(), recording).replay();

    assertThat(summary.midRoom()).isTrue();
    assertThat(summary.stopped()).isTrue();
    assertThat(summary.ended()).isFalse();
    assertThat(summary.joins()).isZero();
    assertThat(summary.calls()).isEqualTo(2 + 5);
    assertThat(summary.rejectionsByCode()).isEqualTo(Map.of("BAD_REQUEST", 2L, "RATE_LIMITED", 2L, "ROOM_FULL", 1L));
    assertThat(summary.rejectionsOf(bob.playerId()))
        .containsEntry("call: Too many calls: at most " + eightCalls.perSecond() + " per second, bursts of 8", 2L)
        .hasSize(3);
    assertThat(summary.rejectionsOf(carol.playerId())).isEqualTo(Map.of("join: Room " + roomId + " is full: 2 seats", 1L));
    assertThat(summary.rejectionsOf(alice.playerId())).isEmpty();
    assertThat(replayed.ticks()).isEqualTo(summary.ticks()).isPositive();
    assertThat(replayed.checksums()).isEqualTo(summary.ticks());
    assertThat(replayed.calls()).isEqualTo(7);
  }
}
