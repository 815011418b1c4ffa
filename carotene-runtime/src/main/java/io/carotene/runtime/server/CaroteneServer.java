package io.carotene.runtime.server;

import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.Clock;
import io.carotene.runtime.PersistentRooms;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomListener;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.World;
import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.fleet.AgonesSettings;
import io.carotene.runtime.fleet.Fleet;
import io.carotene.runtime.http.HttpRateLimiter;
import io.carotene.runtime.internal.JvmFlags;
import io.carotene.runtime.limit.RateLimit;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.room.ServerRoom;
import io.carotene.runtime.snapshot.Interest;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.carotene.runtime.store.StoreMigration;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A domain served over Undertow: its rooms (one world, without room types) on a pool of world
 * threads, the WebSocket at {@code /ws} (PROTOCOL.md) behind a {@link Tokens} JWT, the
 * matchmaking routes, the domain's {@code @Http} routes, {@code /health} and {@code /metrics}.
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
  /** The metrics route's path (Prometheus text format), and the same figures as JSON. */
  public static final String METRICS_PATH = "/metrics";
  public static final String METRICS_JSON_PATH = "/metrics.json";
  /** The classpath directory served as it is beside the routes: {@code public/index.html} is {@code GET /}. */
  public static final String STATIC_FILES = "public";
  /** The default largest text frame a client may send; a larger one closes the socket with 1009. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
  /** The environment variable that sets the number of world threads. */
  public static final String WORLD_THREADS_ENV = "CAROTENE_WORLD_THREADS";
  /** The default bound on rooms alive at once. */
  public static final int DEFAULT_MAX_ROOMS = 1000;
  /** The default matchmaking limit per user: 5 requests a second, bursts of 20. */
  public static final RateLimit MATCHMAKING_PER_USER = new RateLimit(5, 20);

  private final String name;
  final RoomManager rooms; // and fleet: read by ServerDrain
  private final Tokens tokens;
  private final ServerRoutes routes;
  private final GracefulShutdownHandler graceful;
  private final Undertow undertow;
  private final ByteBufferPool buffers = UndertowSetup.bufferPool();
  private final InetSocketAddress address;
  final FleetLink fleet;
  private final ServerRecording recording;
  private boolean stopped;

  private CaroteneServer(ServerSettings settings) {
    JvmFlags.require();
    this.name = settings.application.name();
    this.tokens = settings.tokensOrEnvironment();
    HttpRateLimiter httpLimiter =
        settings.httpRateLimit == null ? null : new HttpRateLimiter(settings.httpRateLimit, Clock.system());
    this.recording = new ServerRecording(settings.recording, settings.roomTypes.isEmpty());
    FleetFeed feed = new FleetFeed(settings.roomCapacity());
    this.rooms = settings.roomManager(recording, feed);
    ServerRoutes serverRoutes = null;
    try {
      this.routes = serverRoutes = new ServerRoutes(settings, rooms, tokens, httpLimiter);
      this.graceful = Handlers.gracefulShutdown(routes.handler());
      this.undertow = UndertowSetup.started(settings.ioThreads, buffers, settings.host, settings.port, graceful);
    } catch (RuntimeException e) {
      ServerStop.rooms(name, rooms);
      recording.close();
      if (serverRoutes != null) {
        serverRoutes.close();
      }
      buffers.close();
      throw e;
    }
    this.address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    this.fleet = FleetLink.start(settings.agones, RoomTotals.liveness(rooms, routes.serverWorldThread()), feed); // Ready now that it listens
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

  /**
   * Wake-ups waiting in the rooms' timer (a reservation's or a grace's end, a linger): at most one
   * per room alive, 0 once every room has ended; an ended room is never held by its timer.
   */
  public int roomWakeups() {
    return rooms.timerTasks();
  }

  /** The rooms of the persistent room types ({@link RoomType#persistent()}): listed, opened by id. */
  public PersistentRooms persistentRooms() {
    return rooms.named();
  }

  /** Clients connected right now, in every room. */
  public int connectionCount() {
    return RoomTotals.connections(rooms);
  }

  /** Clients closed (1008) because they stopped reading their snapshots. */
  public long slowClientsDropped() {
    return RoomTotals.slowClientsDropped(rooms);
  }

  /** The orchestrator's view of this server ({@link Fleet#none()} without Agones): the GameServer, allocation. */
  public Fleet fleet() {
    return fleet.fleet();
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
    ServerStop.all(name, fleet, graceful, rooms, undertow, List.of(routes::close, buffers::close, fleet::close, recording::close));
  }

  @Override
  public void close() {
    stop();
  }

  /** How a {@link CaroteneServer} is set up; every setting has a default. */
  public static final class Builder {
    private final ServerSettings settings;

    private Builder(CaroteneApplication application) {
      this.settings = new ServerSettings(application);
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
      settings.interest(store, interest);
      return this;
    }

    /**
     * Overrides the radius of every radius interest ({@code CAROTENE_INTEREST_RADIUS}); a radius of
     * 0 or less turns interest off: every client sees every entry of every visible store. Private
     * stores stay private.
     */
    public Builder interestRadius(float radius) {
      settings.interestRadius(radius);
      return this;
    }

    /**
     * A snapshot after every {@code ticks} ticks (default 1, at most 16; {@code
     * CAROTENE_SNAPSHOT_EVERY}) in rooms whose type sets none. Acks stay exact (PROTOCOL.md 5).
     */
    public Builder snapshotEvery(int ticks) {
      settings.snapshotEvery(ticks);
      return this;
    }

    /** The interface to bind; {@code 0.0.0.0} (every interface) by default. */
    public Builder host(String host) {
      settings.host(host);
      return this;
    }

    /** Socket IO threads; 0 (the default) means half the cores, at least one. */
    public Builder ioThreads(int ioThreads) {
      settings.ioThreads(ioThreads);
      return this;
    }

    /** The port; 8080 by default, 0 for any free port (tests). */
    public Builder port(int port) {
      settings.port(port);
      return this;
    }

    /** Runs as an Agones GameServer with the sidecar these settings name; null (the default) for none. */
    public Builder agones(AgonesSettings agones) {
      settings.agones = agones;
      return this;
    }

    /** Records the world for replay (runtime README); null: off. Default: {@code CAROTENE_RECORD_DIR}. */
    public Builder record(RecordingSettings recording) {
      settings.recording = recording;
      return this;
    }

    /** The token service; by default {@link Tokens#fromEnvironment()}. */
    public Builder tokens(Tokens tokens) {
      settings.tokens(tokens);
      return this;
    }

    /** Each connection's call limit; {@link RateLimit#DEFAULT} by default. */
    public Builder rateLimit(RateLimit rateLimit) {
      settings.rateLimit(rateLimit);
      return this;
    }

    /**
     * The request limit of the HTTP routes ({@code @Http} and extra routes; not {@code /health},
     * {@code /metrics} or static files), per client address; {@link RateLimit#HTTP_DEFAULT} by
     * default, null for none (behind a proxy every client has the proxy's address: limit there).
     */
    public Builder httpRateLimit(RateLimit httpRateLimit) {
      settings.httpRateLimit = httpRateLimit;
      return this;
    }

    /** The largest text frame a client may send, in bytes; 64 KiB by default. */
    public Builder maxFrameBytes(int maxFrameBytes) {
      settings.maxFrameBytes(maxFrameBytes);
      return this;
    }

    /** Replaces every {@code @Store(capacity = ...)} with {@code entries}: tests start faster. */
    public Builder storeCapacity(long entries) {
      settings.storeCapacity(entries);
      return this;
    }

    /** Where persisted stores keep their files ({@code CAROTENE_DATA_DIR}); null: none, refuse them. */
    public Builder dataDirectory(Path directory) {
      settings.dataDirectory(directory);
      return this;
    }

    /** Lets persisted stores take fields added at the end ({@code CAROTENE_MIGRATE}, PERSISTENCE.md). */
    public Builder migrateAppendedFields(boolean migrate) {
      settings.migrateAppendedFields(migrate);
      return this;
    }

    /** Opens every kept persistent room at start ({@code CAROTENE_REOPEN_ROOMS}); off: opened when joined. */
    public Builder reopenPersistentRooms(boolean reopen) {
      settings.reopenPersistentRooms = reopen;
      return this;
    }

    /** Converts persisted store {@code store}'s files from an older model at start-up. */
    public Builder migrate(String store, StoreMigration<?> migration) {
      settings.migrate(store, migration);
      return this;
    }

    /**
     * Hosts the domain as rooms of {@code type} (call once per type): rooms are created on demand
     * through the matchmaking routes and every WebSocket redeems a reservation. Without any room
     * type the server runs one world, one room every connection joins, as before rooms.
     */
    public Builder roomType(RoomType type) {
      settings.roomType(type);
      return this;
    }

    /** Told of every room's creation, joins, leaves and end, on the room's thread. */
    public Builder roomListener(RoomListener listener) {
      settings.roomListener(listener);
      return this;
    }

    /**
     * World threads the rooms are spread over; by default {@code CAROTENE_WORLD_THREADS}, else one
     * per available processor. A room stays on the thread it was created on.
     */
    public Builder worldThreads(int threads) {
      settings.worldThreads(threads);
      return this;
    }

    /** The most rooms alive at once ({@code TOO_MANY_ROOMS} beyond); 1000 by default. */
    public Builder maxRooms(int maxRooms) {
      settings.maxRooms(maxRooms);
      return this;
    }

    /**
     * The matchmaking routes' limits, per user and per client address ({@link
     * #MATCHMAKING_PER_USER} and {@link RateLimit#HTTP_DEFAULT} by default; null for none).
     */
    public Builder matchmakingRateLimit(RateLimit perUser, RateLimit perAddress) {
      settings.matchmakingPerUser = perUser;
      settings.matchmakingPerAddress = perAddress;
      return this;
    }

    /** Creates the rooms' threads (and a single-world server's world) and the listener; fails with what to fix. */
    public CaroteneServer start() {
      return new CaroteneServer(settings);
    }
  }
}
