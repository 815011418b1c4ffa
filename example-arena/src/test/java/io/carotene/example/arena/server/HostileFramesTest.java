package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.server.RawWebSocket.Frame;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Frames a hostile client sends by hand: each ends its own connection with a close code and one quiet log line. */
class HostileFramesTest {
  @RegisterExtension
  static final TestServerExtension arena = TestServerExtension.of(ArenaApplication::new);

  private final List<LogRecord> logged = new ArrayList<>();
  private final Logger root = Logger.getLogger("");
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (logged) {
        logged.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void captureLogs() {
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    root.removeHandler(capture);
  }

  private static RawWebSocket connect(TestServer server) throws Exception {
    return RawWebSocket.connect(server.server().port(), server.tokens().issue(UUID.randomUUID().toString()));
  }

  private List<LogRecord> logged() {
    synchronized (logged) {
      return new ArrayList<>(logged);
    }
  }

  private void assertNoErrorAndNoStackTraceLogged() {
    for (LogRecord record : logged()) {
      assertThat(record.getLevel().intValue()).as(record.getLoggerName() + ": " + record.getMessage())
          .isLessThan(Level.SEVERE.intValue());
      if (record.getLevel().intValue() >= Level.INFO.intValue()) {
        assertThat(record.getThrown()).as(record.getLoggerName() + ": " + record.getMessage()).isNull();
      }
    }
  }

  /** The lines (INFO and up) that mention {@code text}, once there is one: the server logs after it sent the close. */
  private long linesMentioning(String text) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (countLinesMentioning(text) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return countLinesMentioning(text);
  }

  private long countLinesMentioning(String text) {
    return logged().stream()
        .filter(record -> record.getLevel().intValue() >= Level.INFO.intValue())
        .filter(record -> String.valueOf(record.getMessage()).contains(text))
        .count();
  }

  @Test
  void aFrameLengthWithItsTopBitSetClosesTheConnectionWith1002AndLogsOneLineWithoutAStackTrace(TestServer server)
      throws Exception {
    try (RawWebSocket ws = connect(server)) {
      ws.next(); // the first snapshot: the connection is up

      ws.sendRaw(RawWebSocket.hex("81ff80000000000000050102030461"));
      Frame close = ws.awaitClose();

      assertThat(close.closeCode()).isEqualTo(1002);
      assertThat(close.closeReason()).contains("frame length");
    }
    assertThat(linesMentioning("(1002)")).isEqualTo(1);
    assertNoErrorAndNoStackTraceLogged();
  }

  @Test
  void aHeaderDeclaringAGigabyteClosesTheConnectionWith1009AtOnce(TestServer server) throws Exception {
    try (RawWebSocket ws = connect(server)) {
      ws.next();

      // A binary frame declaring 2^30 bytes, its mask key, and not one byte of payload.
      ws.sendRaw(RawWebSocket.hex("82ff000000004000000001020304"));
      Frame close = ws.awaitClose();

      assertThat(close.closeCode()).isEqualTo(1009);
      assertThat(close.closeReason()).contains("1073741824 bytes declared");
    }
    assertThat(linesMentioning("(1009)")).isEqualTo(1);
    assertNoErrorAndNoStackTraceLogged();
  }

  @Test
  void aCallSentInThreeFragmentsWithPausesBetweenThemIsAnsweredLikeAWholeOne(TestServer server) throws Exception {
    try (RawWebSocket ws = connect(server)) {
      ws.next();
      byte[] call = "{\"op\":\"Teleport\",\"seq\":41,\"args\":{}}".getBytes(StandardCharsets.UTF_8);

      ws.sendRaw(RawWebSocket.fragment(RawWebSocket.OP_TEXT, false, Arrays.copyOfRange(call, 0, 10)));
      Thread.sleep(50); // the server reads the first part alone and waits for the rest
      ws.sendRaw(RawWebSocket.fragment(0, false, Arrays.copyOfRange(call, 10, 20)));
      Thread.sleep(50);
      ws.sendRaw(RawWebSocket.fragment(0, true, Arrays.copyOfRange(call, 20, call.length)));

      String reply = awaitTextContaining(ws, "\"re\":41");
      assertThat(reply).contains("BAD_REQUEST").contains("Teleport");
    }
    assertNoErrorAndNoStackTraceLogged();
  }

  @Test
  void aMessageOverTheLimitInFragmentsUnderItClosesTheConnectionWith1009(TestServer server) throws Exception {
    try (RawWebSocket ws = connect(server)) {
      ws.next();
      byte[] part = new byte[40_000]; // two of them: 80,000 bytes, over the 65,536 a message may have
      Arrays.fill(part, (byte) ' ');

      ws.sendRaw(RawWebSocket.fragment(RawWebSocket.OP_TEXT, false, part));
      ws.sendRaw(RawWebSocket.fragment(0, true, part));
      Frame close = ws.awaitClose();

      assertThat(close.closeCode()).isEqualTo(1009);
      assertThat(close.closeReason()).contains("more than 65536 bytes");
    }
    assertNoErrorAndNoStackTraceLogged();
  }

  /** Reads frames until a text frame containing {@code text}, and returns it. */
  private static String awaitTextContaining(RawWebSocket ws, String text) throws Exception {
    while (true) {
      Frame frame = ws.next();
      assertThat(frame.opcode()).as("no close frame").isNotEqualTo(RawWebSocket.OP_CLOSE);
      String payload = new String(frame.payload(), StandardCharsets.UTF_8);
      if (frame.opcode() == RawWebSocket.OP_TEXT && payload.contains(text)) {
        return payload;
      }
    }
  }

  @Test
  void fiftyPingsGetFiftyPongs(TestServer server) throws Exception {
    try (RawWebSocket ws = connect(server)) {
      for (int i = 0; i < 50; i++) {
        ws.sendRaw(RawWebSocket.frame(RawWebSocket.OP_PING, new byte[] {(byte) i}));
      }
      List<Integer> pongs = new ArrayList<>();
      while (pongs.size() < 50) {
        Frame frame = ws.next();
        assertThat(frame.opcode()).as("no close frame").isNotEqualTo(RawWebSocket.OP_CLOSE);
        if (frame.opcode() == RawWebSocket.OP_PONG) {
          pongs.add((int) frame.payload()[0]);
        }
      }

      assertThat(pongs).hasSize(50).doesNotHaveDuplicates();
    }
  }

  @Test
  void aBurstOfPingsBeyondTheRateLimitIsClosedWith1008AndSaysWhy(TestServer server) throws Exception {
    try (RawWebSocket ws = connect(server)) {
      java.io.ByteArrayOutputStream pings = new java.io.ByteArrayOutputStream();
      for (int i = 0; i < 1000; i++) {
        pings.write(RawWebSocket.frame(RawWebSocket.OP_PING, new byte[] {1}));
      }
      ws.sendRaw(pings.toByteArray());

      Frame close = ws.awaitClose();

      assertThat(close.closeCode()).isEqualTo(1008);
      assertThat(close.closeReason()).startsWith("Too many frames");
    }
    assertNoErrorAndNoStackTraceLogged();
  }

  @Test
  void validlySignedTokensWithANumericLongOrNulSubjectOrAFarExpiryAreRefusedAtTheHandshake() throws Exception {
    String secret = "0123456789abcdef0123456789abcdef-hostile";
    try (TestServer server = TestServer.builder(new ArenaApplication())
            .tokens(io.carotene.runtime.auth.Tokens.withSecret(secret))
            .start()) {
      long inAnHour = java.time.Instant.now().plusSeconds(3600).getEpochSecond();

      try (RawWebSocket accepted = RawWebSocket.connect(server.server().port(),
          signed(secret, "{\"sub\":\"player-1\",\"exp\":" + inAnHour + "}"))) {
        assertThat(accepted.next()).as("a good token's first snapshot").isNotNull();
      }
      assertThat(server.handshakeStatus(signed(secret, "{\"sub\":123,\"exp\":" + inAnHour + "}"))).isEqualTo(401);
      assertThat(server.handshakeStatus(signed(secret, "{\"sub\":\"" + "a".repeat(2_000) + "\",\"exp\":" + inAnHour + "}")))
          .isEqualTo(401);
      assertThat(server.handshakeStatus(signed(secret, "{\"sub\":\"a\\u0000b\",\"exp\":" + inAnHour + "}"))).isEqualTo(401);
      assertThat(server.handshakeStatus(signed(secret, "{\"sub\":\"player-1\",\"exp\":253402300799}"))).isEqualTo(401);
    }
  }

  private static String signed(String secret, String claimsJson) throws Exception {
    com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(
        new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256), new com.nimbusds.jose.Payload(claimsJson));
    jws.sign(new com.nimbusds.jose.crypto.MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return jws.serialize();
  }
}
