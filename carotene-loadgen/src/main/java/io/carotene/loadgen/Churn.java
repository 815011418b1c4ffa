package io.carotene.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Players who come and go while the bots play: {@code --churn K} threads, each in turn a new user
 * who joins a room of a random group (or a new room when its group's is full), holds the seat 0.5
 * to 2 s reading its snapshots, then leaves with a close frame. Every join and leave runs the
 * server's room code; at the end no room they touched may be left behind.
 */
final class Churn {
  private final Options o;
  private final HttpClient http;
  private final DevTokens tokens;
  private final IoLoop loop;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopped;
  final LongAdder joins = new LongAdder();
  final LongAdder failures = new LongAdder();

  Churn(Options o, HttpClient http, DevTokens tokens, IoLoop loop) {
    this.o = o;
    this.http = http;
    this.tokens = tokens;
    this.loop = loop;
  }

  void start() {
    for (int i = 0; i < o.churn; i++) {
      Thread thread = new Thread(this::run, "loadgen-churn-" + (i + 1));
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  void stop() throws InterruptedException {
    stopped = true;
    for (Thread thread : threads) {
      thread.join(5_000);
    }
  }

  private void run() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (!stopped) {
      String user = UUID.randomUUID().toString();
      String token = tokens.issue(user);
      WebSocketConnection connection = null;
      try {
        URI ws = Matchmaking.seat(http, o, token, random.nextInt(o.rooms)).get(30, TimeUnit.SECONDS);
        connection = WebSocketConnection.open(ws, token, new Reader(), 30_000);
        loop.add(connection);
        joins.increment();
        Thread.sleep(random.nextLong(500, 2_000));
        connection.writeFrame(WebSocketConnection.OP_CLOSE, new byte[] {0x03, (byte) 0xe8}, 0, 2);
        Thread.sleep(200); // the server's close frame, then the socket goes
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        failures.increment();
      } finally {
        if (connection != null) {
          connection.closeQuietly();
        }
      }
    }
  }

  /**
   * After the churn stopped: waits up to 30 s until the server holds no more rooms and seats than
   * at the churn's start (the churning players' last rooms end when they leave); what it holds then.
   */
  static ServerMetrics.Occupancy awaitOccupancy(HttpClient http, Options o, ServerMetrics.Occupancy atStart)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    ServerMetrics.Occupancy now;
    while (((now = ServerMetrics.fetch(http, o.url).occupancy()).rooms() > atStart.rooms() || now.seats() > atStart.seats())
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    return now;
  }

  /** After every player left: waits up to 30 s for the rooms to end; the rooms still open then. */
  static int awaitNoRoom(HttpClient http, Options o, String token) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int open;
    while ((open = Matchmaking.roomsOpen(http, o, token)) != 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    return open;
  }

  /** Reads and drops what the server sends. */
  private static final class Reader implements WebSocketConnection.Handler {
    @Override
    public void onMessage(int opcode, AsciiView head, long payloadBytes, long nanos) {}

    @Override
    public void onClose(int code, String reason) {}

    @Override
    public void onError(Throwable error) {}
  }
}
