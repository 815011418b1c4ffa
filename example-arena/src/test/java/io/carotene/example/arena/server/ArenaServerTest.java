package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.GameWorldView;
import io.carotene.runtime.auth.Tokens;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestClient.Reply;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServer.HttpResult;
import io.carotene.test.server.TestServerExtension;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Arena served for real: HTTP login, a real WebSocket, the protocol of PROTOCOL.md. */
class ArenaServerTest {
  @RegisterExtension
  static final TestServerExtension arena =
      TestServerExtension.of(ArenaApplication::new);

  private static TestServer server;

  @BeforeAll
  static void useTheServer(TestServer started) {
    server = started;
  }

  /** A logged-in player: their id and token. */
  record Login(UUID playerId, String token) {}

  static Login login(String name) {
    HttpResult result = server.post("/api/login", Map.of("name", name));
    assertThat(result.status()).isEqualTo(200);
    return new Login(UUID.fromString(result.body().get("playerId").asText()), result.body().get("token").asText());
  }

  static Map<String, Object> input(UUID playerId, double x, double z) {
    return Map.of("playerId", playerId.toString(), "inputVector", Map.of("x", x, "y", 0, "z", z));
  }

  static JsonNode player(JsonNode snapshot, UUID id) {
    for (JsonNode player : snapshot.get("GameWorld")) {
      if (player.get("id").asText().equals(id.toString())) {
        return player;
      }
    }
    return null;
  }

  @Test
  void loginIssuesATokenAndConnectingSpawnsThePlayerWhoIsGoneAfterClosing() throws Exception {
    Login alice = login("alice");

    assertThat(server.tokens().verify(alice.token())).isEqualTo(alice.playerId().toString());
    boolean placed = server.onWorld(world -> world.store(GameWorldView.class).contains(alice.playerId()));
    assertThat(placed).as("login puts no player anywhere").isFalse();
    try (TestClient client = server.connect(alice.token())) {
      JsonNode listed = player(client.awaitSnapshot(s -> player(s, alice.playerId()) != null), alice.playerId());
      assertThat(listed.get("position").get("y").floatValue()).isZero();
      assertThat(listed.get("health").intValue()).isEqualTo(100);
      assertThat(listed.get("isGrounded").booleanValue()).isTrue();
    }
    RoomsServerTest.await("alice left the world",
        () -> !server.onWorld(world -> world.store(GameWorldView.class).contains(alice.playerId())));
  }

  @Test
  void loginWithoutANameIsABadRequest() {
    HttpResult result = server.post("/api/login", Map.of("nickname", "alice"));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.body().get("error").get("code").asText()).isEqualTo("BAD_REQUEST");
    assertThat(result.body().get("error").get("message").asText()).contains("name");
  }

  @Test
  void inputMovesThePlayerAndTheSnapshotAcknowledgesIt() {
    Login bob = login("bob");
    try (TestClient client = server.connect(bob.token())) {
      float startX = player(client.awaitSnapshot(s -> player(s, bob.playerId()) != null), bob.playerId())
          .get("position").get("x").floatValue();

      Reply reply = client.call("HandleInput", input(bob.playerId(), 3, 0));

      assertThat(reply.isOk()).as(reply.toString()).isTrue();
      JsonNode moved = client.awaitSnapshot(s -> s.get("ack").longValue() == reply.re()
          && player(s, bob.playerId()).get("position").get("x").floatValue() > startX);
      JsonNode me = player(moved, bob.playerId());
      assertThat(me.get("velocity").get("x").floatValue()).isEqualTo(3f);
      assertThat(moved.get("tick").longValue()).isPositive();
    }
  }

  @Test
  void withErrorRepliesOnlyASucceededInputIsAcknowledgedBySnapshotsAloneAndACheatIsStillAnswered() {
    Login dana = login("dana");
    try (TestClient client = server.connectWithQuery(dana.token(), "replies=errors")) {
      client.awaitSnapshot(s -> player(s, dana.playerId()) != null);

      long valid = client.send("HandleInput", input(dana.playerId(), 1, 0));
      long cheat = client.send("HandleInput", input(dana.playerId(), 50, 0));
      long last = client.send("HandleInput", input(dana.playerId(), 2, 0));

      JsonNode acked = client.awaitSnapshot(s -> s.get("ack").longValue() == last);
      assertThat(player(acked, dana.playerId()).get("velocity").get("x").floatValue()).isEqualTo(2f);
      Reply rejected = client.nextReply();
      assertThat(rejected.re()).isEqualTo(cheat);
      assertThat(rejected.code()).isEqualTo("REJECTED");
      // Replies are written before the snapshot that acks them: none for the two good inputs came.
      assertThat(client.repliesWaiting()).as("replies to seq " + valid + " and " + last).isZero();
    }
    assertThat(server.handshakeStatusWithQuery(dana.token(), "replies=some")).isEqualTo(400);
  }

  @Test
  void aSpeedHackIsRejectedAndDoesNotChangeTheVelocity() {
    Login cheater = login("cheater");
    try (TestClient client = server.connect(cheater.token())) {
      Reply reply = client.call("HandleInput", input(cheater.playerId(), 50, 0));

      assertThat(reply.code()).isEqualTo("REJECTED");
      assertThat(reply.message()).isEqualTo("Speed hack detected");
      JsonNode after = client.awaitSnapshot(s -> s.get("ack").longValue() == reply.re());
      assertThat(player(after, cheater.playerId()).get("velocity").get("x").floatValue()).isZero();
    }
  }

  @Test
  void movingAnotherPlayerIsForbidden() {
    Login mallory = login("mallory");
    Login victim = login("victim");
    try (TestClient victimClient = server.connect(victim.token());
        TestClient client = server.connect(mallory.token())) {
      client.awaitSnapshot(s -> player(s, victim.playerId()) != null);
      Reply reply = client.call("HandleInput", input(victim.playerId(), 1, 0));

      assertThat(reply.code()).isEqualTo("FORBIDDEN");
      JsonNode after = client.awaitSnapshot(s -> s.get("ack").longValue() == reply.re());
      assertThat(player(after, victim.playerId()).get("velocity").get("x").floatValue()).isZero();
    }
  }

  @Test
  void aTokenInTheQueryStringIsAcceptedLikeTheHeader() {
    Login dora = login("dora");
    try (TestClient client = server.connectWithQueryToken(dora.token())) {
      assertThat(client.call("HandleInput", input(dora.playerId(), 0, 1)).isOk()).isTrue();
    }
  }

  @Test
  void handshakesWithoutAValidTokenAreRefusedWith401AndCreateNothing() {
    UUID someone = UUID.randomUUID();
    server.awaitConnectionCount(0); // the clients of earlier tests have gone
    int playersBefore = server.onWorld(world -> world.store(GameWorldView.class).count());
    String expired = server.tokens().issue(someone.toString(), Instant.now().minusSeconds(3600));
    String otherSecret = Tokens.withRandomSecret().issue(someone.toString());
    String valid = server.tokens().issue(someone.toString());
    String tampered = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);

    assertThat(server.handshakeStatus(null)).as("no token").isEqualTo(401);
    assertThat(server.handshakeStatus("not-a-jwt")).as("malformed").isEqualTo(401);
    assertThat(server.handshakeStatus(otherSecret)).as("signed with another secret").isEqualTo(401);
    assertThat(server.handshakeStatus(tampered)).as("bad signature").isEqualTo(401);
    assertThat(server.handshakeStatus(expired)).as("expired").isEqualTo(401);
    int playersAfter = server.onWorld(world -> world.store(GameWorldView.class).count());
    assertThat(playersAfter).isEqualTo(playersBefore);
    assertThat(server.server().connectionCount()).isZero();
  }

  /** Every log record with a stack trace, from any logger of the process, while it is open. */
  static final class StackTraces implements AutoCloseable {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getThrown() != null) {
          records.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };

    StackTraces() {
      Logger.getLogger("").addHandler(handler);
    }

    List<LogRecord> logged() {
      return records;
    }

    @Override
    public void close() {
      Logger.getLogger("").removeHandler(handler);
    }
  }

  @Test
  void malformedFramesAreBadRequestsWhileTheWorldTicksAndOthersPlayOn() {
    try (StackTraces stackTraces = new StackTraces()) {
      playWhileAnotherSendsGarbage();
      assertThat(stackTraces.logged()).as("records logged with a stack trace").isEmpty();
    }
  }

  private void playWhileAnotherSendsGarbage() {
    Login noisy = login("noisy");
    Login quiet = login("quiet");
    try (TestClient bad = server.connect(noisy.token());
        TestClient good = server.connect(quiet.token())) {
      long tickBefore = good.nextSnapshot().get("tick").longValue();

      bad.sendText("{this is not json");
      assertThat(bad.nextReply().code()).isEqualTo("BAD_REQUEST");
      bad.sendText("[1,2,3]");
      assertThat(bad.nextReply().code()).isEqualTo("BAD_REQUEST");
      bad.sendText("{\"op\":\"HandleInput\",\"args\":{}}");
      Reply noSeq = bad.nextReply();
      assertThat(noSeq.code()).isEqualTo("BAD_REQUEST");
      assertThat(noSeq.re()).isNull();
      bad.sendText("{\"op\":\"Teleport\",\"seq\":41,\"args\":{}}");
      Reply unknown = bad.awaitReply(41);
      assertThat(unknown.code()).isEqualTo("BAD_REQUEST");
      assertThat(unknown.message()).contains("Teleport").contains("HandleInput");
      bad.sendText("{\"op\":\"HandleInput\",\"seq\":42,\"args\":{\"playerId\":\"" + noisy.playerId() + "\"}}");
      Reply missing = bad.awaitReply(42);
      assertThat(missing.code()).isEqualTo("BAD_REQUEST");
      assertThat(missing.message()).contains("inputVector");
      bad.sendText("{\"op\":\"HandleInput\",\"seq\":43,\"args\":{\"playerId\":\"" + noisy.playerId()
          + "\",\"inputVector\":{\"x\":\"fast\",\"y\":0,\"z\":0}}}");
      Reply mistyped = bad.awaitReply(43);
      assertThat(mistyped.code()).isEqualTo("BAD_REQUEST");
      assertThat(mistyped.message()).contains("inputVector.x");

      Reply move = good.call("HandleInput", input(quiet.playerId(), 0, 2));
      assertThat(move.isOk()).isTrue();
      JsonNode later = good.awaitSnapshot(s -> s.get("ack").longValue() == move.re()
          && player(s, quiet.playerId()).get("position").get("z").floatValue() > 10f);
      assertThat(later.get("tick").longValue()).isGreaterThan(tickBefore);
      assertThat(player(later, quiet.playerId()).get("velocity").get("z").floatValue()).isEqualTo(2f);
      assertThat(bad.isClosed()).isFalse();
    }
  }

  @Test
  void anOversizedFrameClosesTheSocketWith1009AndTheWorldGoesOn() {
    try (StackTraces stackTraces = new StackTraces()) {
      sendAnOversizedFrame();
      assertThat(stackTraces.logged()).as("records logged with a stack trace").isEmpty();
    }
  }

  private void sendAnOversizedFrame() {
    Login big = login("big");
    Login other = login("other");
    try (TestClient client = server.connect(big.token());
        TestClient bystander = server.connect(other.token())) {
      client.sendText("{\"op\":\"HandleInput\",\"seq\":1,\"args\":{\"pad\":\"" + "x".repeat(200_000) + "\"}}");

      assertThat(client.awaitClose().code()).isEqualTo(1009);
      long tick = bystander.nextSnapshot().get("tick").longValue();
      assertThat(bystander.awaitSnapshot(s -> s.get("tick").longValue() > tick)).isNotNull();
      assertThat(bystander.call("HandleInput", input(other.playerId(), 1, 1)).isOk()).isTrue();
    }
  }

  @Test
  void healthAnswers200WhileTheWorldTicks(TestServer injected) {
    HttpResult health = injected.get("/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void metricsReportTheLoopsTicksAndTheConnections() throws Exception {
    Login watcher = login("watcher");
    try (TestClient client = server.connect(watcher.token())) {
      client.nextSnapshot();

      HttpResult metrics = server.get("/metrics.json");

      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.body().get("connections").intValue()).isPositive();
      JsonNode loop = metrics.body().get("loops").get(0);
      assertThat(loop.get("name").asText()).isEqualTo("PhysicsTick");
      assertThat(loop.get("periodMicros").longValue()).isEqualTo(16_000);
      assertThat(loop.get("ticks").longValue()).isPositive();
      assertThat(loop.get("intervalP50Micros").longValue()).isPositive();
      assertThat(loop.get("intervalMaxMicros").longValue())
          .isGreaterThanOrEqualTo(loop.get("intervalP99Micros").longValue())
          .isGreaterThanOrEqualTo(loop.get("intervalP50Micros").longValue());
      Histogram afterTicks = Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(loop.get("afterTickHistogram").asText())), 0);
      assertThat(afterTicks.getTotalCount()).as("the snapshot work after each tick, timed").isPositive();
      assertThat(loop.get("maxAfterTickMicros").longValue())
          .isLessThanOrEqualTo(afterTicks.getMaxValue() / 1000) // the histogram rounds up
          .isGreaterThanOrEqualTo(loop.get("meanAfterTickMicros").longValue());
    }
  }

  @Test
  void theBrowserGameIsServedAtTheRootWithTheGeneratedClientItImports() {
    HttpResult page = server.getText("/");
    HttpResult game = server.getText("/game.js");
    HttpResult client = server.getText("/carotene/arena.js");
    HttpResult runtime = server.getText("/carotene/carotene-client.js");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains("<canvas").contains("src=\"game.js\"");
    assertThat(game.status()).isEqualTo(200);
    assertThat(game.text()).contains("from '/carotene/arena.js'");
    assertThat(client.status()).isEqualTo(200);
    assertThat(client.text()).contains("export class ArenaClient").contains("this.call('HandleInput'");
    assertThat(runtime.status()).isEqualTo(200);
    assertThat(runtime.text()).contains("export class CaroteneClient");
  }

  @Test
  void anUnknownRouteIs404() {
    assertThat(server.get("/api/nothing-here").status()).isEqualTo(404);
  }
}
