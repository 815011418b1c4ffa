package io.carotene.example.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.test.RecordingSummary;
import io.carotene.test.Replay;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServer.HttpResult;
import io.carotene.test.server.TestServer.SeatReservation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistent room recorded at each opening: its id comes back, so each opening has a recording of
 * its own ({@code <type>/<id>@<time>/}), and the second starts with the stores the room reopened
 * with, which its replay restores before rerunning the created hook.
 */
class RecordedPersistentRoomTest {
  @TempDir Path data;
  @TempDir Path recordings;

  @Test
  void aPersistentRoomOpenedTwiceIsRecordedTwiceAndTheSecondReplaysFromTheStoresItReopenedWith() throws Exception {
    try (TestServer server = TestServer.builder(new LedgerApplication())
        .roomType(PersistentRoomsTest.HALL.withRecording(RecordingSettings.into(recordings)))
        .dataDirectory(data)
        .start()) {
      String alice = server.tokens().issue("alice");
      deposit(server, alice, 1, 5);
      PersistentRoomsTest.await("the hall ended", () -> server.server().roomsAlive() == 0);
      deposit(server, alice, 2, 3);
      PersistentRoomsTest.await("the hall ended again", () -> server.server().roomsAlive() == 0);
    }
    List<Path> made;
    try (Stream<Path> listed = Files.list(recordings.resolve("hall"))) {
      made = listed.sorted().toList();
    }
    assertThat(made).hasSize(2).allSatisfy(path -> assertThat(path.getFileName().toString()).startsWith("guild-7@"));

    for (Path recording : made) {
      RecordingSummary summary = RecordingSummary.read(recording);
      Replay.Result replayed = Replay.of(new LedgerApplication(), recording).replay();

      assertThat(summary.midRoom()).isFalse();
      assertThat(summary.ended()).isTrue();
      assertThat(summary.calls()).isEqualTo(1);
      assertThat(replayed.ticks()).isPositive();
      assertThat(replayed.checksums()).isEqualTo(replayed.ticks());
    }
  }

  private static void deposit(TestServer server, String token, long account, int amount) {
    HttpResult result = server.postAs(token, "/matchmake/joinOrCreate", Map.of("type", "hall", "roomId", "guild-7"));
    assertThat(result.status()).as(result.text()).isEqualTo(200);
    JsonNode body = result.body();
    SeatReservation seat = new SeatReservation(body.get("roomId").asText(), body.get("reservation").asText(),
        body.get("reconnectionToken").asText(), body.get("expiresInMillis").asLong());
    try (TestClient client = server.connect(token, seat)) {
      assertThat(client.call("Deposit", Map.of("account", account, "amount", amount)).isOk()).isTrue();
      client.awaitSnapshot(snapshot -> {
        for (JsonNode entry : snapshot.path("Entries")) {
          if (entry.get("id").asLong() == account && entry.get("pending").asInt() == 0) {
            return true;
          }
        }
        return false;
      });
    }
  }
}
