package io.carotene.runtime.server;

import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.Clock;
import io.carotene.runtime.World;
import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.http.AllowedMethods;
import io.carotene.runtime.http.HttpRateLimiter;
import io.carotene.runtime.http.RouteHandler;
import io.carotene.runtime.http.RouteTable;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomListener;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.room.MatchmakingHandler;
import io.carotene.runtime.room.RoomHandshake;
import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.room.ServerRoom;
import io.carotene.runtime.wire.CloseCodes;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.internal.JvmFlags;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.limit.RateLimit;
import io.carotene.runtime.metrics.HealthHandler;
import io.carotene.runtime.metrics.MetricsHandler;
import io.carotene.runtime.snapshot.Interest;
import io.carotene.runtime.snapshot.SnapshotPublisher;
import io.carotene.runtime.socket.ClientConnection;
import io.carotene.runtime.socket.GameSocket;
import io.carotene.runtime.socket.HandshakeAuthHandler;
import io.carotene.runtime.wire.CloseCodes;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.runtime.world.WorldThread;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A domain's world served over Undertow: the world runs on its own {@link WorldThread}; clients
 * play over the WebSocket at {@code /ws} (see PROTOCOL.md), authenticated at the handshake by a
 * {@link Tokens} JWT; the domain's {@code @Http} routes and {@code GET /health} answer beside it.
 *
 * <pre>{@code
 * try (CaroteneServer server = CaroteneServer.builder(new ArenaApplication()).port(0).start()) {
 *   URI ws = server.webSocketUri();
 * }
 * }</pre>
 */
public final class CaroteneServer implements AutoCloseable {
  /** The WebSocket endpoint's path. */
  public static final String WEBSOCKET_PATH = "/ws";

  /** The health route's path. */
  public static final String HEALTH_PATH = "/health";

  /** The metrics route's path. */
  public static final String METRICS_PATH = "/metrics";

  /**
   * The classpath directory whose files are served as they are, beside the routes: {@code
   * public/index.html} answers {@code GET /}.
   */
  public static final String STATIC_FILES = "public";

  /** The default largest text frame a client may send; a larger one closes the socket with 1009. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

  /** The environment variable that sets the number of world threads. */
  public static final String WORLD_THREADS_ENV = "CAROTENE_WORLD_THREADS";

  /** The default bound on rooms alive at once. */
  public static final int DEFAULT_MAX_ROOMS = 1000;

  /** The default matchmaking limit per user: 5 requests a second, bursts of 20. */
  public static final RateLimit MATCHMAKING_PER_USER = new RateLimit(5, 20);

  private static final Logger LOG = Logger.getLogger(CaroteneServer.class.getName());

  private final String name;
  private final RoomManager rooms;
  private final Tokens tokens;
  private final GracefulShutdownHandler graceful;
  private final Undertow undertow;
  private final ByteBufferPool buffers = UndertowSetup.bufferPool();
  private final HttpRateLimiter httpLimiter;
  private final InetSocketAddress address;
  private boolean stopped;

  private CaroteneServer(Builder builder) {
    JvmFlags.require();
    this.name = builder.application.name();
    this.tokens = builder.tokens != null ? builder.tokens : Tokens.fromEnvironment();
    this.httpLimiter = builder.httpRateLimit == null ? null : new HttpRateLimiter(builder.httpRateLimit, Clock.system());
    this.rooms = new RoomManager(new RoomManager.Settings(builder.application, builder.storeOptions,
        world -> new SnapshotPublisher(
            world, StoreInterests.resolve(builder.application, world, builder.interests, builder.interestRadius)), builder.rateLimit, builder.maxFrameBytes,
        builder.worldThreads(), builder.maxRooms, List.copyOf(builder.listeners)), builder.roomTypes);
    try {
      // A single-world server serves its domain's @Http routes against its one room; a server of
      // rooms on a world of their own, outside every room (a login, a leaderboard elsewhere).
      WorldThread routesThread = rooms.routesThread();
      List<HttpRoute> routes = routesThread.world().routes();
      MatchmakingHandler matchmaking = new MatchmakingHandler(rooms, tokens, builder.matchmakingPerUser, builder.matchmakingPerAddress);
      PathHandler paths =
          Handlers.path(RouteTable.handler(routes, Set.of(WEBSOCKET_PATH, HEALTH_PATH, METRICS_PATH, MatchmakingHandler.ROOMS_PATH),
                  route -> new RouteHandler(route, routesThread, tokens, httpLimiter),
                  builder.application.getClass().getClassLoader(), STATIC_FILES))
              .addExactPath(WEBSOCKET_PATH, AllowedMethods.only("GET", new HandshakeAuthHandler(tokens, new RoomHandshake(rooms,
                  new WebSocketProtocolHandshakeHandler(List.of(GameSocket.handshake(builder.maxFrameBytes)), RoomHandshake.router())))))
              .addPrefixPath(MatchmakingHandler.MATCHMAKE_PREFIX, matchmaking)
              .addExactPath(MatchmakingHandler.ROOMS_PATH, matchmaking)
              .addExactPath(HEALTH_PATH, AllowedMethods.of(List.of("GET"), new HealthHandler(rooms)))
              .addExactPath(METRICS_PATH, AllowedMethods.of(List.of("GET"), new MetricsHandler(name, rooms)));
      this.graceful = Handlers.gracefulShutdown(paths);
      this.undertow =
          UndertowSetup.builder(builder.ioThreads, buffers).addHttpListener(builder.port, builder.host).setHandler(graceful).build();
    } catch (RuntimeException e) {
      shutDownRooms();
      throw e;
    }
    try {
      undertow.start();
    } catch (RuntimeException e) {
      shutDownRooms();
      buffers.close();
      throw UndertowSetup.bindFailure(builder.host, builder.port, e);
    }
    this.address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
  }

  public static Builder builder(CaroteneApplication application) {
    return new Builder(application);
  }

  /** The domain's name. */
  public String name() {
    return name;
  }

  /** The port the server listens on (the real one when it was started with port 0). */
  public int port() {
    return address.getPort();
  }

  /** {@code http://localhost:<port>}. */
  public URI httpUri() {
    return URI.create("http://localhost:" + port());
  }

  /** {@code ws://localhost:<port>/ws}. */
  public URI webSocketUri() {
    return URI.create("ws://localhost:" + port() + WEBSOCKET_PATH);
  }

  /** The address the listener is bound to. */
  public InetSocketAddress address() {
    return address;
  }

  /** The token service that signs and verifies this server's sessions. */
  public Tokens tokens() {
    return tokens;
  }

  /**
   * Runs {@code action} on the world thread, between ticks, and completes with its result: the
   * only safe way to look at the world from outside it (tests, admin tools). The single-world
   * server's one room; a server of rooms has no such world: use {@link #onRoom}.
   */
  public <T> CompletableFuture<T> onWorld(Function<World, T> action) {
    ServerRoom single = rooms.defaultRoom();
    if (single == null) {
      throw new IllegalStateException("This server hosts rooms, not one world: use onRoom(roomId, action)");
    }
    return single.thread().submit(() -> action.apply(single.world()));
  }

  /** Runs {@code action} on the thread of room {@code roomId}, between its ticks. */
  public <T> CompletableFuture<T> onRoom(String roomId, Function<Room, T> action) {
    ServerRoom room = rooms.room(roomId);
    if (room == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("No room " + roomId));
    }
    return room.thread().submit(() -> action.apply(room));
  }

  /** The rooms open now, oldest first (a single-world server has one). */
  public List<Room> rooms() {
    return List.copyOf(rooms.rooms());
  }

  /** Rooms alive, those still ending included: 0 once every room's memory is freed. */
  public int roomsAlive() {
    return rooms.roomCount();
  }

  /** Reservations and reconnection tokens that can still be redeemed: 0 once every seat is free. */
  public int seatCredentials() {
    return rooms.credentialCount();
  }

  /** Clients connected right now, in every room. */
  public int connectionCount() {
    int count = 0;
    for (ServerRoom room : rooms.rooms()) {
      count += room.socket().openConnections().size();
    }
    return count;
  }

  /** Clients closed (1008) because they stopped reading their snapshots. */
  public long slowClientsDropped() {
    long count = 0;
    for (ServerRoom room : rooms.rooms()) {
      count += room.snapshots().slowClientsDropped();
    }
    return count;
  }

  /**
   * Stops cleanly: new requests and handshakes are refused (503), the running tick and the calls
   * already queued finish, every client gets a normal close frame (1000), then the listener
   * and the world close. Idempotent.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    graceful.shutdown();
    rooms.stopAccepting();
    List<ClientConnection> clients = new ArrayList<>();
    for (ServerRoom room : rooms.rooms()) {
      room.socket().stopAccepting();
      clients.addAll(room.socket().openConnections());
    }
    shutDownRooms(); // every player leaves (SERVER_STOPPING), every connection gets a close frame (1000)
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (ClientConnection client : clients) {
      client.close(CloseCodes.NORMAL, "Server shutting down");
      closing.add(client.closed());
    }
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Some clients did not answer the close in time; stopping the listener cuts them.
    }
    try {
      undertow.stop();
    } finally {
      buffers.close();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Ends every room and frees its stores' off-heap memory on its own thread, after its last tick;
   * a tick still running after 10 s is left to the process's exit, its stores open.
   */
  private void shutDownRooms() {
    try {
      if (!rooms.stop(10_000)) {
        LOG.warning("Some world threads of " + name + " did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How a {@link CaroteneServer} is set up; every setting has a default. */
  public static final class Builder {
    private final CaroteneApplication application;
    private String host = "0.0.0.0";
    private int port = 8080;
    private int ioThreads;
    private Tokens tokens;
    private RateLimit rateLimit = RateLimit.DEFAULT;
    private RateLimit httpRateLimit = RateLimit.HTTP_DEFAULT;
    private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    private StoreOptions storeOptions = StoreOptions.defaults();
    private final Map<String, Interest<?>> interests = new LinkedHashMap<>();
    private Float interestRadius;
    private final List<RoomType> roomTypes = new ArrayList<>();
    private final List<RoomListener> listeners = new ArrayList<>();
    private int worldThreads;
    private int maxRooms = DEFAULT_MAX_ROOMS;
    private RateLimit matchmakingPerUser = MATCHMAKING_PER_USER;
    private RateLimit matchmakingPerAddress = RateLimit.HTTP_DEFAULT;

    private Builder(CaroteneApplication application) {
      this.application = Objects.requireNonNull(application, "application");
      ClassLoader loader = application.getClass().getClassLoader();
      for (ServerCustomizer customizer : ServiceLoader.load(ServerCustomizer.class, loader)) {
        if (application.name().equals(customizer.domain())) {
          customizer.customize(this);
        }
      }
    }

    /**
     * Overrides what a client sees of the visible store named {@code store} ({@code "GameWorld"}),
     * which its {@code @Visible} or {@code @VisibleIf} declares. See {@link Interest}.
     *
     * @throws CaroteneConfigurationException at {@code start()}, when the store is private (has no
     *     such declaration) or the domain has no such store
     */
    public Builder interest(String store, Interest<?> interest) {
      interests.put(Objects.requireNonNull(store, "store"), Objects.requireNonNull(interest, "interest"));
      return this;
    }

    /**
     * Overrides the radius of every radius interest ({@code CAROTENE_INTEREST_RADIUS}); a radius of
     * 0 or less turns interest off: every client sees every entry of every visible store. Private
     * stores stay private.
     */
    public Builder interestRadius(float radius) {
      if (Float.isNaN(radius) || Float.isInfinite(radius)) {
        throw new CaroteneConfigurationException("An interest radius must be a finite number, got " + radius);
      }
      this.interestRadius = radius;
      return this;
    }

    /** The interface to bind; {@code 0.0.0.0} (every interface) by default. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; 8080 by default, 0 for any free port (tests). */
    /**
     * IO threads that read and write every socket; 0 (the default) lets Undertow choose (one per
     * core, at least two). On a machine shared with other busy processes, fewer may serve better.
     */
    public Builder ioThreads(int ioThreads) {
      if (ioThreads < 0) {
        throw new IllegalArgumentException("ioThreads must be 0 (Undertow's choice) or more, got " + ioThreads);
      }
      this.ioThreads = ioThreads;
      return this;
    }

    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new CaroteneConfigurationException("A port must be from 0 to 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** The token service; by default {@link Tokens#fromEnvironment()}. */
    public Builder tokens(Tokens tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /** Each connection's call limit; {@link RateLimit#DEFAULT} by default. */
    public Builder rateLimit(RateLimit rateLimit) {
      this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
      return this;
    }

    /**
     * The request limit of the HTTP routes ({@code @Http} and extra routes; not {@code /health},
     * {@code /metrics} or static files), per client address; {@link RateLimit#HTTP_DEFAULT} by
     * default, null for none (behind a proxy every client has the proxy's address: limit there).
     */
    public Builder httpRateLimit(RateLimit httpRateLimit) {
      this.httpRateLimit = httpRateLimit;
      return this;
    }

    /** The largest text frame a client may send, in bytes; 64 KiB by default. */
    public Builder maxFrameBytes(int maxFrameBytes) {
      if (maxFrameBytes < 256) {
        throw new CaroteneConfigurationException("maxFrameBytes must be at least 256, got " + maxFrameBytes);
      }
      this.maxFrameBytes = maxFrameBytes;
      return this;
    }

    /**
     * Replaces every store's declared capacity ({@code @Store(capacity = ...)}) with {@code
     * entries}: a small one makes a test server start fast.
     */
    public Builder storeCapacity(long entries) {
      if (entries <= 0) {
        throw new CaroteneConfigurationException("A store capacity must be positive, got " + entries);
      }
      this.storeOptions = new StoreOptions(entries);
      return this;
    }

    /**
     * Hosts the domain as rooms of {@code type} (call once per type): rooms are created on demand
     * through the matchmaking routes and every WebSocket redeems a reservation. Without any room
     * type the server runs one world, one room every connection joins, as before rooms.
     */
    public Builder roomType(RoomType type) {
      Objects.requireNonNull(type, "type");
      for (RoomType known : roomTypes) {
        if (known.name().equals(type.name())) {
          throw new CaroteneConfigurationException("Room type '" + type.name() + "' is declared twice");
        }
      }
      roomTypes.add(type);
      return this;
    }

    /** Told of every room's creation, joins, leaves and end, on the room's thread. */
    public Builder roomListener(RoomListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * World threads the rooms are spread over; by default {@code CAROTENE_WORLD_THREADS}, else one
     * per available processor. A room stays on the thread it was created on.
     */
    public Builder worldThreads(int threads) {
      if (threads < 1) {
        throw new CaroteneConfigurationException("worldThreads must be at least 1, got " + threads);
      }
      this.worldThreads = threads;
      return this;
    }

    /** The most rooms alive at once ({@code TOO_MANY_ROOMS} beyond); 1000 by default. */
    public Builder maxRooms(int maxRooms) {
      if (maxRooms < 1) {
        throw new CaroteneConfigurationException("maxRooms must be at least 1, got " + maxRooms);
      }
      this.maxRooms = maxRooms;
      return this;
    }

    /**
     * The matchmaking routes' limits, per user and per client address ({@link
     * #MATCHMAKING_PER_USER} and {@link RateLimit#HTTP_DEFAULT} by default; null for none).
     */
    public Builder matchmakingRateLimit(RateLimit perUser, RateLimit perAddress) {
      this.matchmakingPerUser = perUser;
      this.matchmakingPerAddress = perAddress;
      return this;
    }

    int worldThreads() {
      if (worldThreads > 0) {
        return worldThreads;
      }
      String fromEnvironment = System.getenv(WORLD_THREADS_ENV);
      if (fromEnvironment != null && !fromEnvironment.isBlank()) {
        try {
          int threads = Integer.parseInt(fromEnvironment.trim());
          if (threads >= 1) {
            return threads;
          }
        } catch (NumberFormatException ignored) {
          // reported below
        }
        throw new CaroteneConfigurationException(
            WORLD_THREADS_ENV + " must be a whole number of at least 1, got '" + fromEnvironment + "'");
      }
      return Runtime.getRuntime().availableProcessors();
    }

    /** Creates the world, starts its thread and the listener; fails with what to fix. */
    public CaroteneServer start() {
      return new CaroteneServer(this);
    }
  }
}
