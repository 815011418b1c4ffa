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
import io.carotene.runtime.record.Recorder;
import io.carotene.runtime.record.RecordingSettings;
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
import java.util.Optional;
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

  private static final Logger LOG = Logger.getLogger(CaroteneServer.class.getName());

  private final String name;
  private final DomainWorld world;
  private final WorldThread worldThread;
  private final Tokens tokens;
  private final GameSocket socket;
  private final SnapshotPublisher snapshots;
  private final GracefulShutdownHandler graceful;
  private final Undertow undertow;
  private final ByteBufferPool buffers = UndertowSetup.bufferPool();
  private final HttpRateLimiter httpLimiter;
  private final InetSocketAddress address;
  private final Recorder recorder;
  private boolean stopped;

  private CaroteneServer(Builder builder) {
    JvmFlags.require();
    this.name = builder.application.name();
    this.tokens = builder.tokens != null ? builder.tokens : Tokens.fromEnvironment();
    this.httpLimiter = builder.httpRateLimit == null ? null : new HttpRateLimiter(builder.httpRateLimit, Clock.system());
    this.world = DomainWorld.create(builder.application, Clock.system(), builder.storeOptions);
    try {
      this.recorder = builder.recording == null ? null : Recorder.start(world, builder.recording, System.currentTimeMillis());
      this.worldThread = new WorldThread(world);
      this.snapshots = new SnapshotPublisher(world, builder.interests(world));
      world.scheduler().afterEachTick(snapshots);
      this.socket = new GameSocket(worldThread, snapshots, builder.rateLimit, builder.maxFrameBytes);
      List<HttpRoute> routes = world.routes();
      PathHandler paths =
          Handlers.path(RouteTable.handler(routes, Set.of(WEBSOCKET_PATH, HEALTH_PATH, METRICS_PATH),
                  route -> new RouteHandler(route, worldThread, tokens, httpLimiter),
                  builder.application.getClass().getClassLoader(), STATIC_FILES))
              .addExactPath(WEBSOCKET_PATH, AllowedMethods.only("GET", new HandshakeAuthHandler(tokens,
                  new WebSocketProtocolHandshakeHandler(List.of(socket.handshake()), socket))))
              .addExactPath(HEALTH_PATH, AllowedMethods.of(List.of("GET"), new HealthHandler(worldThread, snapshots)))
              .addExactPath(METRICS_PATH, AllowedMethods.of(List.of("GET"), new MetricsHandler(worldThread, socket, snapshots)));
      this.graceful = Handlers.gracefulShutdown(paths);
      this.undertow =
          UndertowSetup.builder(builder.ioThreads, buffers).addHttpListener(builder.port, builder.host).setHandler(graceful).build();
    } catch (RuntimeException e) {
      closeWorldIf(true);
      throw e;
    }
    worldThread.start();
    try {
      undertow.start();
    } catch (RuntimeException e) {
      shutDownWorld();
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
   * only safe way to look at the world from outside it (tests, admin tools).
   */
  public <T> CompletableFuture<T> onWorld(Function<World, T> action) {
    return worldThread.submit(() -> action.apply(world));
  }

  /** Clients connected right now. */
  public int connectionCount() {
    return socket.openConnections().size();
  }

  /** Clients closed (1008) because they stopped reading their snapshots. */
  public long slowClientsDropped() {
    return snapshots.slowClientsDropped();
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
    socket.stopAccepting();
    boolean worldStopped = shutDownWorldThread();
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (ClientConnection client : socket.openConnections()) {
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
      closeWorldIf(worldStopped);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void shutDownWorld() {
    closeWorldIf(shutDownWorldThread());
  }

  /** Whether the world thread ended; a tick still running after 10 s is left to the process's exit. */
  private boolean shutDownWorldThread() {
    try {
      if (worldThread.stop(10, TimeUnit.SECONDS)) {
        return true;
      }
      LOG.warning("The world thread of " + name + " did not stop within 10 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /**
   * Frees the stores' off-heap memory, but only once the world thread has ended: freeing it under
   * a running tick would be a use-after-free.
   */
  private void closeWorldIf(boolean worldThreadEnded) {
    if (worldThreadEnded) {
      Optional.ofNullable(recorder).ifPresent(Recorder::close);
      world.close();
    } else {
      LOG.warning("Leaving the stores of " + name + " open: its world thread is still running");
    }
  }

  /** How a {@link CaroteneServer} is set up; every setting has a default. */
  public static final class Builder {
    private final CaroteneApplication application;
    private RecordingSettings recording = RecordingSettings.fromEnvironment(System.getenv()).orElse(null);
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
     * What a client sees of the store named {@code store} ({@code "GameWorld"}); every entry by
     * default. See {@link Interest}.
     */
    public Builder interest(String store, Interest<?> interest) {
      interests.put(Objects.requireNonNull(store, "store"), Objects.requireNonNull(interest, "interest"));
      return this;
    }

    /**
     * Overrides the radius of every radius interest ({@code CAROTENE_INTEREST_RADIUS}); a radius of
     * 0 or less turns interest off: every client sees every entry.
     */
    public Builder interestRadius(float radius) {
      if (Float.isNaN(radius) || Float.isInfinite(radius)) {
        throw new CaroteneConfigurationException("An interest radius must be a finite number, got " + radius);
      }
      this.interestRadius = radius;
      return this;
    }

    Map<String, Interest<?>> interests(DomainWorld world) {
      Map<String, Interest<?>> resolved = new LinkedHashMap<>();
      List<String> names = new ArrayList<>();
      world.stores().forEach(store -> names.add(store.name()));
      for (Map.Entry<String, Interest<?>> entry : interests.entrySet()) {
        if (!names.contains(entry.getKey())) {
          throw new CaroteneConfigurationException(
              "An interest is set for store '" + entry.getKey() + "', but " + world.name() + " has only " + names);
        }
        Interest<?> interest = entry.getValue();
        if (interestRadius != null) {
          interest = interestRadius <= 0 ? Interest.everything() : interest.withRadius(interestRadius);
        }
        resolved.put(entry.getKey(), interest);
      }
      return resolved;
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

    /** Records the world for replay (runtime README); null: off. Default: {@code CAROTENE_RECORD_DIR}. */
    public Builder record(RecordingSettings recording) {
      this.recording = recording;
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

    /** Creates the world, starts its thread and the listener; fails with what to fix. */
    public CaroteneServer start() {
      return new CaroteneServer(this);
    }
  }
}
