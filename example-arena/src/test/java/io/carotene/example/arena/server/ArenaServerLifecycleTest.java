package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.example.arena.GameWorldStore;
import io.carotene.runtime.server.CaroteneServer;
import io.carotene.runtime.limit.RateLimit;
import io.carotene.runtime.auth.Tokens;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestClient.Reply;
import io.carotene.test.server.TestServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Behaviour that needs a server of its own: rate limits and a clean stop. */
class ArenaServerLifecycleTest {

  @Test
  void callsBeyondTheRateLimitAreAnsweredRateLimited() {
    // A bucket of 5 that practically never refills: the 6th call onwards is over the limit.
    try (TestServer server = TestServer.builder(new ArenaApplication())
            .rateLimit(new RateLimit(0.001, 5))
            .start()) {
      String playerId = server.post("/api/login", Map.of("name", "spammer")).body().get("playerId").asText();
      try (TestClient client = server.connect(server.tokens().issue(playerId))) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          seqs.add(client.send("HandleInput",
              Map.of("playerId", playerId, "inputVector", Map.of("x", 1, "y", 0, "z", 0))));
        }
        List<String> codes = new ArrayList<>();
        for (long seq : seqs) {
          Reply reply = client.awaitReply(seq);
          codes.add(reply.isOk() ? "OK" : reply.code());
        }

        assertThat(codes.subList(0, 5)).containsOnly("OK");
        assertThat(codes.subList(5, 10)).containsOnly("RATE_LIMITED");
      }
    }
  }

  @Test
  void malformedBinaryFramesCountAgainstTheRateLimitButAcksDoNot() {
    // A bucket of 5 that practically never refills: three bad frames leave room for two calls.
    try (TestServer server = TestServer.builder(new ArenaApplication())
            .rateLimit(new RateLimit(0.001, 5))
            .start()) {
      String playerId = server.post("/api/login", Map.of("name", "fuzzer")).body().get("playerId").asText();
      try (TestClient client = server.connectBinary(server.tokens().issue(playerId))) {
        List<String> badFrameCodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          client.sendBinary(new byte[] {0x07, 1, 2});
          client.ack(1); // well-formed acks are free
          badFrameCodes.add(client.nextReply().code());
        }
        List<String> callCodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          Reply reply = client.awaitReply(client.send("HandleInput",
              Map.of("playerId", playerId, "inputVector", Map.of("x", 1, "y", 0, "z", 0))));
          callCodes.add(reply.isOk() ? "OK" : reply.code());
        }
        client.sendBinary(new byte[] {0x07});
        Reply overTheLimit = client.nextReply();

        assertThat(badFrameCodes).containsOnly("BAD_REQUEST");
        assertThat(callCodes).containsExactly("OK", "OK", "RATE_LIMITED");
        assertThat(overTheLimit.code()).isEqualTo("RATE_LIMITED");
        assertThat(overTheLimit.re()).isNull();
      }
    }
  }

  @Test
  void requestsWhoseBodiesNeverFinishDoNotHoldUpOtherRequests() throws Exception {
    try (TestServer server = TestServer.start(new ArenaApplication())) {
      // More than Undertow's worker threads (8 per IO thread, one IO thread per core, at least 2).
      int stuck = 8 * Math.max(2, Runtime.getRuntime().availableProcessors()) + 8;
      List<Socket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < stuck; i++) {
          Socket socket = new Socket("localhost", server.server().port());
          socket.getOutputStream().write(("POST /api/login HTTP/1.1\r\nHost: localhost\r\n"
              + "Content-Type: application/json\r\nContent-Length: 20\r\n\r\n{\"na").getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          sockets.add(socket);
        }

        assertThat(server.get("/api/rules").status()).isEqualTo(200);
        assertThat(server.post("/api/login", Map.of("name", "patient")).status()).isEqualTo(200);
      } finally {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
    }
  }

  /** A thousand players make each JSON snapshot about 150 KB, so a socket that is not read fills fast. */
  private static void putAThousandPlayers(TestServer server) {
    server.onWorld(world -> {
      GameWorldStore store = world.store(GameWorldStore.class);
      for (int i = 0; i < 1000; i++) {
        store.put(new Player(UUID.randomUUID(), new Vector3(i, 0, 0), Vector3.ZERO, true, 100));
      }
      return null;
    });
  }

  @Test
  void aClientThatStopsReadingIsDroppedWhileOthersKeepGettingSnapshots() throws Exception {
    // Interest off: each client sees all thousand, and its own player (joining spawned it).
    try (TestServer server = TestServer.builder(new ArenaApplication()).interestRadius(0).start()) {
      putAThousandPlayers(server);
      TestClient frozen = server.connect(server.tokens().issue(UUID.randomUUID().toString()));
      TestClient reader = server.connect(server.tokens().issue(UUID.randomUUID().toString()));
      frozen.nextSnapshot();
      reader.nextSnapshot();
      assertThat(server.server().connectionCount()).isEqualTo(2);
      frozen.stopReading();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (server.server().connectionCount() > 1 && System.nanoTime() < deadline) {
        reader.nextSnapshot();
      }

      assertThat(server.server().connectionCount()).as("the frozen client was dropped").isEqualTo(1);
      assertThat(server.server().slowClientsDropped()).isEqualTo(1);
      long tick = reader.nextSnapshot().get("tick").longValue();
      // The dropped client's player leaves on the world thread a moment after the connection count
      // falls: the reader goes on getting snapshots, and soon they hold the thousand and its own.
      JsonNode later = reader.awaitSnapshot(s -> s.get("tick").longValue() > tick && s.get("GameWorld").size() == 1001);
      assertThat(later.get("GameWorld").size()).isEqualTo(1001);
      frozen.close();
      reader.close();
    }
  }

  @Test
  void oneIoThreadServesEveryClientsCallsAndSnapshots() {
    try (TestServer server = TestServer.builder(new ArenaApplication()).ioThreads(1).start()) {
      // XNIO names IO threads "XNIO-<worker> I/O-<n>"; the newest worker is this server's.
      Map<Integer, Long> ioThreadsPerWorker = Thread.getAllStackTraces().keySet().stream()
          .map(thread -> java.util.regex.Pattern.compile("XNIO-(\\d+) I/O-\\d+").matcher(thread.getName()))
          .filter(java.util.regex.Matcher::matches)
          .collect(java.util.stream.Collectors.groupingBy(
              matcher -> Integer.parseInt(matcher.group(1)), java.util.stream.Collectors.counting()));
      assertThat(ioThreadsPerWorker).isNotEmpty();
      assertThat(ioThreadsPerWorker.get(java.util.Collections.max(ioThreadsPerWorker.keySet()))).isEqualTo(1L);
      List<TestClient> clients = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        UUID id = UUID.randomUUID();
        server.onWorld(world -> {
          world.store(GameWorldStore.class).put(new Player(id, new Vector3(0, 0, 0), Vector3.ZERO, true, 100));
          return null;
        });
        TestClient client = server.connect(server.tokens().issue(id.toString()));
        TestClient.Reply reply = client.call("HandleInput",
            Map.of("playerId", id.toString(), "inputVector", Map.of("x", 1, "y", 0, "z", 0)));
        assertThat(reply.isOk()).as(reply.toString()).isTrue();
        long seq = reply.re();
        assertThat(client.awaitSnapshot(s -> s.get("ack").longValue() == seq)).isNotNull();
        clients.add(client);
      }
      assertThatThrownBy(() -> CaroteneServer.builder(new ArenaApplication()).ioThreads(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ioThreads");
      clients.forEach(TestClient::close);
    }
  }

  @Test
  void whenMostClientsAreBehindTheServerIsTheSlowOneAndNobodyIsDropped() throws Exception {
    try (TestServer server = TestServer.builder(new ArenaApplication()).interestRadius(0).start()) {
      putAThousandPlayers(server);
      List<TestClient> frozen = new ArrayList<>();
      List<TestClient> readers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        TestClient client = server.connect(server.tokens().issue(UUID.randomUUID().toString()));
        client.nextSnapshot();
        (i < 5 ? frozen : readers).add(client);
      }
      frozen.forEach(TestClient::stopReading);

      // Well past the 180 ticks that would drop one slow client among readers.
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < until) {
        readers.forEach(TestClient::nextSnapshot);
      }

      assertThat(server.server().slowClientsDropped()).isZero();
      assertThat(server.server().connectionCount()).isEqualTo(8);
      frozen.forEach(TestClient::close);
      readers.forEach(TestClient::close);
    }
  }

  @Test
  void aClientThatSendsCallsButNeverReadsItsRepliesIsClosedInsteadOfBuffered() {
    try (TestServer server = TestServer.builder(new ArenaApplication()).start()) {
      TestClient flooder = server.connect(server.tokens().issue(UUID.randomUUID().toString()));
      TestClient bystander = server.connect(server.tokens().issue(UUID.randomUUID().toString()));
      flooder.nextSnapshot();
      flooder.stopReading();

      // Each malformed frame earns a BAD_REQUEST reply; unread, they fill the socket and then the server.
      String malformed = "{" + "x".repeat(200);
      for (int i = 0; i < 200_000 && !flooder.isClosed() && server.server().connectionCount() == 2; i++) {
        try {
          flooder.sendText(malformed);
        } catch (RuntimeException | AssertionError closed) {
          break;
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (server.server().connectionCount() > 1 && System.nanoTime() < deadline) {
        bystander.nextSnapshot();
      }

      // The close frame (1008) sits behind the unread replies, so the client may only see the cut.
      assertThat(server.server().connectionCount()).as("the flooder was closed").isEqualTo(1);
      long tick = bystander.nextSnapshot().get("tick").longValue();
      assertThat(bystander.awaitSnapshot(s -> s.get("tick").longValue() > tick)).isNotNull();
      bystander.close();
      flooder.close();
    }
  }

  @Test
  void aConnectionEndsWhenItsTokenExpires() {
    try (TestServer server = TestServer.builder(new ArenaApplication()).start()) {
      // Expired 58 s ago: still inside the 60 s of clock skew, so the handshake takes it, for 2 s.
      java.time.Instant expiresAt = java.time.Instant.now().minus(Tokens.CLOCK_SKEW).plusSeconds(2);
      TestClient client = server.connect(server.tokens().issue(UUID.randomUUID().toString(), expiresAt));
      TestClient fresh = server.connect(server.tokens().issue(UUID.randomUUID().toString()));
      client.nextSnapshot();

      TestClient.CloseStatus status = client.awaitClose();

      assertThat(status.code()).isEqualTo(1008);
      assertThat(status.reason()).contains("Token expired");
      assertThat(fresh.isClosed()).isFalse();
      long tick = fresh.nextSnapshot().get("tick").longValue();
      assertThat(fresh.awaitSnapshot(s -> s.get("tick").longValue() > tick)).isNotNull();
      fresh.close();
    }
  }

  @Test
  void stoppingTheServerSendsEveryClientANormalClose() {
    TestServer server = TestServer.builder(new ArenaApplication()).start();
    TestClient client = server.connect(server.tokens().issue(UUID.randomUUID().toString()));
    client.nextSnapshot();

    server.close();

    TestClient.CloseStatus status = client.awaitClose();
    assertThat(status.code()).isEqualTo(1000);
    assertThat(status.reason()).contains("shutting down");
  }
}
