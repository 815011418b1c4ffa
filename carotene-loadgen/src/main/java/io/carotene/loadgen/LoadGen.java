package io.carotene.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Arena load generator: N bots log in over HTTP, connect a WebSocket each, send {@code
 * HandleInput} on a fixed 60 Hz grid (a few also send speed hacks), and count what the server sends
 * back; after a warm-up, one measured window; then the server's own {@code /metrics.json}; then one
 * report. Few threads whatever N: one pacer, a small shared executor for every socket, and one
 * selector thread per JDK HttpClient.
 */
public final class LoadGen {
  private LoadGen() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (Options.Usage usage) {
      if (usage.getMessage() != null) {
        System.err.println(usage.getMessage());
      }
      System.err.print(Options.USAGE);
      System.exit(usage.getMessage() == null ? 0 : 2);
      return;
    }
    System.exit(new LoadGen().run(options));
  }

  private int run(Options o) throws Exception {
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(o.threads, r -> {
      Thread t = new Thread(r, "loadgen-http-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // HTTP (logins, /metrics.json) through the JDK's client; the WebSockets through IoLoops.
    HttpClient control = HttpClient.newBuilder()
        .executor(executor)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    List<IoLoop> loops = new ArrayList<>();
    for (int i = 0; i < o.threads; i++) {
      loops.add(new IoLoop("loadgen-io-" + (i + 1)));
    }
    AtomicInteger handshakeThreadNumber = new AtomicInteger();
    ExecutorService handshakes = Executors.newFixedThreadPool(o.connectParallelism, r -> {
      Thread t = new Thread(r, "loadgen-connect-" + handshakeThreadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Run run = new Run(o);
    DevTokens tokens = o.rooms > 0 ? new DevTokens(o.secret) : null;
    ServerMemory memoryBefore = o.churn > 0 ? ServerMemory.read(o.serverPid) : null;

    ServerMetrics before = ServerMetrics.fetch(control, o.url);
    List<RoomFigures.Checkpoint> checkpoints = new ArrayList<>();
    if (before.body == null) {
      System.err.println("Cannot read " + o.url.resolve("/metrics.json") + ": " + before.error);
      return 1;
    }
    log(o, "Server " + o.url + " answers /metrics.json; connecting " + o.bots + " bots ("
        + o.cheaters + " cheaters)…");

    // ---- connect: log in, then the WebSocket with the token in the Authorization header
    List<Bot> bots = new ArrayList<>(o.bots);
    for (int i = 0; i < o.bots; i++) {
      boolean cheater = (long) i * o.cheaters / o.bots != (long) (i + 1) * o.cheaters / o.bots;
      bots.add(new Bot(i, cheater, run));
    }
    Map<String, LongAdder> connectFailures = new ConcurrentHashMap<>();
    Semaphore inFlight = new Semaphore(o.connectParallelism);
    long connectStart = System.nanoTime();
    List<CompletableFuture<?>> connecting = new ArrayList<>();
    for (Bot bot : bots) {
      inFlight.acquire();
      IoLoop loop = loops.get(bot.index % loops.size());
      CompletableFuture<?> done = (tokens == null ? connect(control, handshakes, loop, o.url, bot)
          : connectToRoom(control, handshakes, loop, tokens, bot))
          .whenComplete((ok, error) -> {
            inFlight.release();
            if (error != null) {
              Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                  ? error.getCause() : error;
              String what = cause instanceof LoginFailed || cause instanceof WebSocketConnection.HandshakeRefused
                  ? cause.getMessage() : "handshake " + cause;
              connectFailures.computeIfAbsent(what, k -> new LongAdder()).increment();
            }
          });
      connecting.add(done);
    }
    try {
      CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException ignored) {
      // counted per bot
    } catch (java.util.concurrent.TimeoutException e) {
      connectFailures.computeIfAbsent("connect timed out", k -> new LongAdder()).increment();
    }
    double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
    handshakes.shutdown();
    long connected = bots.stream().filter(b -> b.open).count();
    log(o, String.format("%d/%d bots connected in %.1f s; warming up %.0f s…", connected, o.bots, connectSeconds, o.warmup));
    if (run.schemaProblem != null) {
      System.err.println("--calls binary: " + run.schemaProblem);
      return 1;
    }
    if (connected == 0) {
      System.err.println("No bot connected: " + connectFailures);
      return 1;
    }

    // ---- load: the pacer sends; warm up; then the measured window between two /metrics.json readings
    Pacer pacer = new Pacer(bots, run, System.nanoTime() + 10_000_000L);
    Thread pacerThread = new Thread(pacer, "loadgen-pacer");
    pacerThread.setDaemon(true);
    pacerThread.setPriority(Thread.MAX_PRIORITY);
    pacerThread.start();
    // A churn runs through the warm-up too, so that the server's code for rooms coming and going is
    // compiled before the churn's start is measured; it stops, and its rooms end, before that.
    ServerMetrics.Occupancy seated = o.churn > 0 ? ServerMetrics.fetch(control, o.url).occupancy() : null;
    Churn warming = o.churn > 0 && o.warmup > 0 ? new Churn(o, control, tokens, loops.get(0)) : null;
    if (warming != null) {
      warming.start();
    }
    sleepNanos((long) (o.warmup * 1e9));
    if (warming != null) {
      warming.stop();
      Churn.awaitOccupancy(control, o, seated);
    }
    ServerMemory memoryPlaying = o.churn > 0 ? ServerMemory.read(o.serverPid) : null; // a full GC: before the window

    ServerMetrics start = ServerMetrics.fetch(control, o.url);
    if (o.churn > 0) {
      checkpoints.add(new RoomFigures.Checkpoint("before", "before the bots", memoryBefore, before.occupancy()));
      checkpoints.add(new RoomFigures.Checkpoint("churnStart", "churn start", memoryPlaying, start.occupancy()));
    }
    CpuStats cpuStart = new CpuStats(o.serverPid);
    long windowStart = System.nanoTime();
    long windowNanos = (long) (o.seconds * 1e9);
    run.openWindow(windowStart, windowStart + windowNanos);
    Churn churn = o.churn > 0 ? new Churn(o, control, tokens, loops.get(0)) : null;
    if (churn != null) {
      churn.start();
    }
    log(o, "Measuring " + o.seconds + " s…" + (churn != null ? " (" + o.churn + " players joining and leaving)" : ""));
    sleepNanos(windowStart + windowNanos - System.nanoTime());
    ServerMetrics end = ServerMetrics.fetch(control, o.url);
    CpuStats cpuEnd = new CpuStats(o.serverPid);
    String loadAverage = CpuStats.loadAverage();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    long openAtEnd = bots.stream().filter(b -> b.open).count();
    if (churn != null) {
      // The churn's end: the same bots still playing, every churning player gone and its room ended.
      churn.stop();
      ServerMetrics.Occupancy settled = Churn.awaitOccupancy(control, o, start.occupancy());
      checkpoints.add(new RoomFigures.Checkpoint("churnEnd", "churn end", ServerMemory.read(o.serverPid), settled));
    }

    // ---- stop: no more inputs; let the last replies arrive; close every socket with 1000
    pacer.stop();
    pacerThread.join(2000);
    Thread.sleep(500);
    run.stop();
    for (Bot bot : bots) {
      bot.close();
    }
    long closeDeadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < closeDeadline && bots.stream().anyMatch(b -> b.open)) {
      Thread.sleep(50); // the server answers each close frame with its own
    }
    for (Bot bot : bots) {
      if (bot.connection != null) {
        bot.connection.closeQuietly();
      }
    }
    RoomFigures rooms = readsRoomFigures(o) ? new RoomFigures(start, end) : null;
    if (churn != null) {
      int left = Churn.awaitNoRoom(control, o, tokens.issue("loadgen-check"));
      checkpoints.add(new RoomFigures.Checkpoint("after", "after all left", ServerMemory.read(o.serverPid),
          ServerMetrics.fetch(control, o.url).occupancy()));
      rooms.churn(churn.joins.sum(), churn.failures.sum(), left, checkpoints);
    }
    loops.forEach(IoLoop::stop);

    Report report = new Report(o, run, bots, pacer, connectFailures, connectSeconds, start, end,
        cpuStart, cpuEnd, loadAverage, threads, openAtEnd, (end.atNanos - start.atNanos) / 1e9);
    String json = report.json();
    if (rooms != null) {
      com.fasterxml.jackson.databind.node.ObjectNode whole = (com.fasterxml.jackson.databind.node.ObjectNode) ServerMetrics.JSON.readTree(json);
      whole.set("rooms", rooms.json());
      json = whole.toString();
    }
    System.out.println(o.json ? json : report.text() + (rooms != null ? rooms.text() : ""));
    if (o.jsonOut != null) {
      java.nio.file.Files.writeString(java.nio.file.Path.of(o.jsonOut), json + "\n");
    }
    executor.shutdownNow();
    return 0;
  }

  /**
   * Whether the report reads the server's tick figures per room ({@code /metrics.json}'s {@code
   * rooms[]}): for any server of rooms, the default flow's arenas too; a single world's are in its
   * {@code loops}.
   */
  static boolean readsRoomFigures(Options o) {
    return !o.singleWorld;
  }

  /** A server that limits HTTP requests per address (429) is waited for this many times per bot. */
  private static final int MAX_LOGIN_RETRIES = 300;

  /**
   * Sends the login; a 429 (all bots share one address, and a server's HTTP limit is per address)
   * is retried after its {@code Retry-After}, so connecting is slower but every bot gets in.
   */
  private static CompletableFuture<HttpResponse<String>> sendLogin(HttpClient http, HttpRequest login, int retries) {
    return http.sendAsync(login, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
      if (response.statusCode() != 429 || retries == 0) {
        return CompletableFuture.completedFuture(response);
      }
      long seconds = Math.max(1, response.headers().firstValueAsLong("Retry-After").orElse(1));
      return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS))
          .thenCompose(unused -> sendLogin(http, login, retries - 1));
    });
  }

  /**
   * POST /api/login {"name":"bot-i"}, then a seat ({@code POST /matchmake/joinOrCreate}; none with
   * {@code --single-world}), then (on a handshake thread) the WebSocket with {@code Authorization:
   * Bearer}, then reading on {@code loop}. Bot 0 with binary calls first checks the server's schema
   * on a login and a seat of its own, so that the probe takes no bot's seat.
   */
  private static CompletableFuture<Bot> connect(HttpClient http, ExecutorService handshakes, IoLoop loop,
      URI base, Bot bot) {
    CompletableFuture<Void> checked = CompletableFuture.completedFuture(null);
    if (bot.index == 0 && bot.run.options.calls.equals("binary")) {
      checked = login(http, handshakes, base, "loadgen-schema-check")
          .thenCompose(probe -> seat(http, bot, probe[0]).thenAcceptAsync(ws -> {
            String problem = SchemaCheck.problem(ws, probe[0]);
            if (problem != null) {
              bot.run.schemaProblem = problem;
              throw new LoginFailed(problem);
            }
          }, handshakes));
    }
    return checked.thenCompose(unused -> login(http, handshakes, base, "bot-" + bot.index))
        .thenCompose(login -> {
          bot.playerId = login[1];
          return seat(http, bot, login[0]).thenApplyAsync(ws -> open(ws, login[0], bot, loop), handshakes);
        });
  }

  /** POST /api/login {"name": name}: the token and the player id. */
  private static CompletableFuture<String[]> login(HttpClient http, ExecutorService handshakes, URI base, String name) {
    HttpRequest login = HttpRequest.newBuilder(base.resolve("/api/login"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
        .build();
    return sendLogin(http, login, MAX_LOGIN_RETRIES).thenApplyAsync(response -> {
      if (response.statusCode() != 200) {
        throw new LoginFailed("login HTTP " + response.statusCode());
      }
      JsonNode body;
      try {
        body = ServerMetrics.JSON.readTree(response.body());
      } catch (Exception e) {
        throw new LoginFailed("login body not JSON");
      }
      String token = body.path("token").asText(null);
      String playerId = body.path("playerId").asText(null);
      if (token == null || playerId == null) {
        throw new LoginFailed("login body without token/playerId");
      }
      return new String[] {token, playerId};
    }, handshakes);
  }

  /** Where a logged-in bot connects: a seat from joinOrCreate, or a single world's {@code /ws}. */
  private static CompletableFuture<URI> seat(HttpClient http, Bot bot, String token) {
    Options o = bot.run.options;
    if (!o.singleWorld) {
      return Matchmaking.seatAnywhere(http, o, token);
    }
    return CompletableFuture.completedFuture(
        URI.create("ws://" + o.url.getRawAuthority() + "/ws?format=" + o.format + "&replies=" + o.replies));
  }

  /**
   * Room mode: a token signed for a new user (the player's id), a seat through matchmaking in
   * group {@code index % rooms}, then the WebSocket that redeems it. The binary-call check uses a
   * seat of its own (group -1) so that it takes no bot's.
   */
  private static CompletableFuture<Bot> connectToRoom(HttpClient http, ExecutorService handshakes, IoLoop loop,
      DevTokens tokens, Bot bot) {
    Options o = bot.run.options;
    String user = java.util.UUID.randomUUID().toString();
    String token = tokens.issue(user);
    bot.playerId = user;
    CompletableFuture<Void> checked = CompletableFuture.completedFuture(null);
    if (bot.index == 0 && o.calls.equals("binary")) {
      String checker = tokens.issue(java.util.UUID.randomUUID().toString()); // a user id a game may check, as the bots'

      checked = Matchmaking.seat(http, o, checker, -1).thenAcceptAsync(ws -> {
        String problem = SchemaCheck.problem(ws, checker);
        if (problem != null) {
          bot.run.schemaProblem = problem;
          throw new LoginFailed(problem);
        }
      }, handshakes);
    }
    return checked.thenCompose(unused -> Matchmaking.seat(http, o, token, bot.index % o.rooms))
        .thenApplyAsync(ws -> {
          return open(ws, token, bot, loop);
        }, handshakes);
  }

  /** Opens {@code bot}'s WebSocket at {@code ws} and hands it to the IO loop; on a handshake thread. */
  private static Bot open(URI ws, String token, Bot bot, IoLoop loop) {
    try {
      WebSocketConnection connection = WebSocketConnection.open(ws, token, bot, 30_000);
      bot.connected(connection);
      loop.add(connection);
      return bot;
    } catch (java.io.IOException e) {
      throw new java.util.concurrent.CompletionException(e);
    }
  }

  static final class LoginFailed extends RuntimeException {
    LoginFailed(String message) {
      super(message, null, false, false);
    }
  }

  private static void sleepNanos(long nanos) throws InterruptedException {
    long until = System.nanoTime() + nanos;
    long left;
    while ((left = until - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, 1_000_000_000L));
    }
  }

  private static void log(Options o, String line) {
    System.err.println("[loadgen] " + line);
  }
}
