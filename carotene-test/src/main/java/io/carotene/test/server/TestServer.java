package io.carotene.test.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.RoomListener;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.World;
import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.fleet.AgonesSettings;
import io.carotene.runtime.limit.RateLimit;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.runtime.server.CaroteneServer;
import io.carotene.runtime.snapshot.Interest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A real server for one test: your application's world on a real Undertow listener on a free port,
 * with its own token secret and small stores. Talk to it with {@link #connect(String)} (a real
 * WebSocket speaking the protocol) and {@link #post}/{@link #get} (real HTTP).
 *
 * <pre>{@code
 * try (TestServer server = TestServer.start(new ArenaApplication())) {
 *   TestClient client = server.connect(server.tokens().issue(playerId.toString()));
 *   assertThat(client.call("HandleInput", args).isOk()).isTrue();
 * }
 * }</pre>
 */
public final class TestServer implements AutoCloseable {
  /** Every store's capacity in a test server, so that it starts quickly. */
  public static final long TEST_CAPACITY = 1024;
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final ObjectMapper JSON = new ObjectMapper();

  private final CaroteneServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private TestServer(CaroteneServer server) {
    this.server = server;
  }

  /** Starts {@code application} with the default settings. */
  public static TestServer start(CaroteneApplication application) {
    return builder(application).start();
  }

  public static Builder builder(CaroteneApplication application) {
    return new Builder(application);
  }

  /** The running server. */
  public CaroteneServer server() {
    return server;
  }

  /** The server's tokens: issue any session you need ({@code tokens().issue(userId)}). */
  public Tokens tokens() {
    return server.tokens();
  }

  public URI httpUri() {
    return server.httpUri();
  }

  public URI webSocketUri() {
    return server.webSocketUri();
  }

  /** Connects a client whose handshake carries {@code token} as an {@code Authorization: Bearer} header. */
  public TestClient connect(String token) {
    return TestClient.connect(webSocketUri(), token, false);
  }

  /** Connects a client that asks for binary snapshots ({@code ?format=binary}). */
  public TestClient connectBinary(String token) {
    return connect(token, "binary", null);
  }

  /**
   * Connects a client with a {@code format} query parameter and/or an offered subprotocol (either
   * may be null).
   */
  public TestClient connect(String token, String format, String subprotocol) {
    try {
      return TestClient.open(webSocketUri(), token, false, format, subprotocol);
    } catch (ExecutionException e) {
      throw new AssertionError("The WebSocket handshake failed", e.getCause());
    }
  }

  /**
   * Attempts a handshake with a {@code format} query parameter and returns the HTTP status it was
   * refused with; fails if it succeeds.
   */
  public int handshakeStatus(String token, String format) {
    try {
      TestClient client = TestClient.open(webSocketUri(), token, false, format, null);
      client.close();
      throw new AssertionError("The handshake with format " + format + " was accepted");
    } catch (CompletionException | ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw new AssertionError("The handshake failed without an HTTP status", e);
    }
  }

  /**
   * Connects a client to {@code /ws?<query>} (e.g. {@code format=binary&replies=errors}), the token
   * in the {@code Authorization} header.
   */
  public TestClient connectWithQuery(String token, String query) {
    try {
      return TestClient.open(URI.create(webSocketUri() + "?" + query), token, false, null, null);
    } catch (ExecutionException e) {
      throw new AssertionError("The WebSocket handshake failed", e.getCause());
    }
  }

  /** Attempts a handshake to {@code /ws?<query>} and returns the HTTP status it was refused with. */
  public int handshakeStatusWithQuery(String token, String query) {
    try {
      TestClient client = TestClient.open(URI.create(webSocketUri() + "?" + query), token, false, null, null);
      client.close();
      throw new AssertionError("The handshake with ?" + query + " was accepted");
    } catch (CompletionException | ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw new AssertionError("The handshake failed without an HTTP status", e);
    }
  }

  /** Connects a client whose handshake carries {@code token} as the {@code access_token} query parameter. */
  public TestClient connectWithQueryToken(String token) {
    return TestClient.connect(webSocketUri(), token, true);
  }

  /**
   * Attempts a handshake with {@code token} (null: none) and returns the HTTP status it was refused
   * with; fails if the handshake succeeds.
   */
  public int handshakeStatus(String token) {
    try {
      TestClient client = TestClient.open(webSocketUri(), token, false);
      client.close();
      throw new AssertionError("The handshake with token " + token + " was accepted");
    } catch (CompletionException | ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw new AssertionError("The handshake failed without an HTTP status", e);
    }
  }

  /**
   * Waits until exactly {@code count} clients are connected: connections close on the server's IO
   * threads a moment after a client hangs up.
   */
  public void awaitConnectionCount(int count) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (server.connectionCount() != count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Expected " + count + " connections, the server has " + server.connectionCount());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted", e);
      }
    }
  }

  /** {@code POST path} with a JSON body ({@code body} is serialized by Jackson). */
  public HttpResult post(String path, Object body) {
    return postAs(null, path, body);
  }

  /**
   * {@code POST /matchmake/joinOrCreate} as the user of {@code token}: a seat in an open room of
   * {@code type} (or a new one), to redeem with {@link #connect(String, SeatReservation)}. Fails
   * unless the server answers 200; use {@link #postAs} to see a refusal.
   */
  public SeatReservation joinOrCreate(String token, String type, Object options) {
    return reservationOf(postAs(token, "/matchmake/joinOrCreate", Map.of("type", type, "options", options == null ? Map.of() : options)));
  }

  /** {@code POST /matchmake/create} as the user of {@code token}: a new room and its first seat. */
  public SeatReservation create(String token, String type, Object options) {
    return reservationOf(postAs(token, "/matchmake/create", Map.of("type", type, "options", options == null ? Map.of() : options)));
  }

  /** {@code POST /matchmake/join/{roomId}} as the user of {@code token}. */
  public SeatReservation join(String token, String roomId) {
    return reservationOf(postAs(token, "/matchmake/join/" + roomId, Map.of()));
  }

  private static SeatReservation reservationOf(HttpResult result) {
    if (result.status() != 200 || result.body() == null) {
      throw new AssertionError("The join was refused: " + result.status() + " " + result.text());
    }
    JsonNode body = result.body();
    return new SeatReservation(body.get("roomId").asText(), body.get("reservation").asText(),
        body.get("reconnectionToken").asText(), body.get("expiresInMillis").asLong());
  }

  /** Redeems {@code seat}: a client connected to its room ({@code /ws?reservation=…}). */
  public TestClient connect(String token, SeatReservation seat) {
    return connectWithQuery(token, "reservation=" + seat.reservation());
  }

  /** Resumes {@code seat} after a drop ({@code /ws?reconnect=<reconnection token>}). */
  public TestClient reconnect(String token, SeatReservation seat) {
    return connectWithQuery(token, "reconnect=" + seat.reconnectionToken());
  }

  /** {@code POST path} with a JSON body, the token (unless null) as {@code Authorization: Bearer}. */
  public HttpResult postAs(String token, String path, Object body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(httpUri().resolve(path)).header("Content-Type", "application/json");
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      return TestHttp.send(http, request.POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new AssertionError("Could not encode the body", e);
    }
  }

  /** {@code GET path} with the token as {@code Authorization: Bearer}. */
  public HttpResult getAs(String token, String path) {
    return TestHttp.send(http, HttpRequest.newBuilder(httpUri().resolve(path)).header("Authorization", "Bearer " + token).GET());
  }

  /** A seat the server reserved: redeem it before {@code expiresInMillis}. */
  public record SeatReservation(String roomId, String reservation, String reconnectionToken, long expiresInMillis) {}

  /** {@code GET path}, answered with JSON. */
  public HttpResult get(String path) {
    return TestHttp.send(http, HttpRequest.newBuilder(httpUri().resolve(path)).GET());
  }

  /** {@code GET path}, answered with anything: {@link HttpResult#text()} has the body. */
  public HttpResult getText(String path) {
    HttpResult result = get(path);
    return new HttpResult(result.status(), null, result.text());
  }

  /** Runs {@code action} on the world thread, between ticks, and returns its result. */
  public <T> T onWorld(Function<World, T> action) {
    try {
      return server.onWorld(action).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("The world did not answer", e);
    }
  }

  @Override
  public void close() {
    server.close();
  }

  /** An HTTP response: its status, its JSON body (null when empty or not JSON) and its text. */
  public record HttpResult(int status, JsonNode body, String text) {}

  /** How the test server is set up. */
  public static final class Builder {
    private final CaroteneServer.Builder server;

    private Builder(CaroteneApplication application) {
      this.server = CaroteneServer.builder(application).host("127.0.0.1").port(0)
          .tokens(Tokens.withRandomSecret()).record(null).storeCapacity(TEST_CAPACITY);
    }

    public Builder rateLimit(RateLimit rateLimit) {
      server.rateLimit(rateLimit);
      return this;
    }

    /** The HTTP routes' limit per client address (null: none); {@link RateLimit#HTTP_DEFAULT} by default. */
    public Builder httpRateLimit(RateLimit httpRateLimit) {
      server.httpRateLimit(httpRateLimit);
      return this;
    }

    public Builder maxFrameBytes(int maxFrameBytes) {
      server.maxFrameBytes(maxFrameBytes);
      return this;
    }

    public Builder tokens(Tokens tokens) {
      server.tokens(tokens);
      return this;
    }

    /** What a client sees of {@code store}; see {@link Interest}. */
    public Builder interest(String store, Interest<?> interest) {
      server.interest(store, interest);
      return this;
    }

    /** A snapshot after every {@code ticks} ticks of the world's first loop (1: every tick). */
    public Builder snapshotEvery(int ticks) {
      server.snapshotEvery(ticks);
      return this;
    }

    /** IO threads serving the sockets (0: half the cores, at least one). */
    public Builder ioThreads(int ioThreads) {
      server.ioThreads(ioThreads);
      return this;
    }

    /** Overrides every radius interest's radius; 0 or less: everyone sees everything. */
    public Builder interestRadius(float radius) {
      server.interestRadius(radius);
      return this;
    }

    /** Hosts the application as rooms of {@code type} (see {@code CaroteneServer.Builder.roomType}). */
    public Builder roomType(RoomType type) {
      server.roomType(type);
      return this;
    }

    public Builder roomListener(RoomListener listener) {
      server.roomListener(listener);
      return this;
    }

    public Builder worldThreads(int threads) {
      server.worldThreads(threads);
      return this;
    }

    public Builder maxRooms(int maxRooms) {
      server.maxRooms(maxRooms);
      return this;
    }

    /** The matchmaking limits per user and per address (null: none). */
    public Builder matchmakingRateLimit(RateLimit perUser, RateLimit perAddress) {
      server.matchmakingRateLimit(perUser, perAddress);
      return this;
    }

    /** Runs as an Agones GameServer against this sidecar (e.g. an {@code AgonesSidecarStandIn}). */
    public Builder agones(AgonesSettings agones) {
      server.agones(agones);
      return this;
    }

    /** Records the server's world (see {@code Replay}); off by default, whatever the environment says. */
    public Builder record(RecordingSettings recording) {
      server.record(recording);
      return this;
    }

    /** Where persisted stores (and persistent rooms) keep their files: a {@code @TempDir}, say. */
    public Builder dataDirectory(Path directory) {
      server.dataDirectory(directory);
      return this;
    }

    /** Opens the persistent rooms kept in the data directory as the server starts. */
    public Builder reopenPersistentRooms(boolean reopen) {
      server.reopenPersistentRooms(reopen);
      return this;
    }

    public TestServer start() {
      return new TestServer(server.start());
    }
  }
}
