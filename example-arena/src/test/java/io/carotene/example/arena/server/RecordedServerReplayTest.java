package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.test.RecordingSummary;
import io.carotene.test.Replay;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServer.HttpResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server, recording: players log in over HTTP and play over real WebSockets, one sends a
 * speed hack; the recording's summary shows it, and the sandbox replays the whole session with
 * every checksum matching (the logins included: their ids come from the world's {@code Ids}).
 */
class RecordedServerReplayTest {
  @TempDir Path recordings;

  @Test
  void aRecordedServerSessionReplaysInTheSandboxWithEveryChecksumMatching() throws Exception {
    UUID cheaterId;
    try (TestServer server = TestServer.builder(new ArenaApplication()).record(RecordingSettings.into(recordings)).start()) {
      HttpResult alice = server.post("/api/login", Map.of("name", "alice"));
      HttpResult cheater = server.post("/api/login", Map.of("name", "cheater"));
      UUID aliceId = UUID.fromString(alice.body().get("playerId").asText());
      cheaterId = UUID.fromString(cheater.body().get("playerId").asText());
      try (TestClient a = server.connect(alice.body().get("token").asText());
          TestClient c = server.connect(cheater.body().get("token").asText())) {
        for (int i = 0; i < 5; i++) {
          assertThat(a.call("HandleInput", ArenaServerTest.input(aliceId, 1.0 + i * 0.25, -0.5)).isOk()).isTrue();
          a.nextSnapshot();
        }
        assertThat(c.call("HandleInput", ArenaServerTest.input(cheaterId, 30, 40)).code()).isEqualTo("REJECTED");
        assertThat(c.call("HandleInput", ArenaServerTest.input(cheaterId, 3, 4)).isOk()).isTrue();
        JsonNode moved = c.awaitSnapshot(snapshot -> ArenaServerTest.player(snapshot, cheaterId) != null
            && ArenaServerTest.player(snapshot, cheaterId).get("velocity").get("x").asDouble() == 3.0);
        assertThat(moved).isNotNull();
      }
    }
    Path recording;
    try (Stream<Path> made = Files.list(recordings)) {
      List<Path> all = made.toList();
      assertThat(all).hasSize(1);
      recording = all.get(0);
    }

    RecordingSummary summary = RecordingSummary.read(recording);
    Replay.Result replayed = Replay.of(new ArenaApplication(), recording).replay();

    assertThat(summary.calls()).isEqualTo(2 + 5 + 2); // two logins, then the inputs
    assertThat(summary.rejectionsOf(cheaterId)).isEqualTo(Map.of("HandleInput: Speed hack detected", 1L));
    assertThat(replayed.ticks()).isEqualTo(summary.ticks()).isPositive();
    assertThat(replayed.checksums()).isEqualTo(summary.ticks());
    assertThat(replayed.calls()).isEqualTo(summary.calls());
  }
}
