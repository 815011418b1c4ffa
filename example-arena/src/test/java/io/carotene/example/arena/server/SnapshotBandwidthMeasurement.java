package io.carotene.example.arena.server;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.GameWorldStore;
import io.carotene.test.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Not a test (surefire does not pick it up): bytes per second each of 200 clients receives, JSON
 * versus binary deltas, with and without the Arena's interest radius, over real sockets in one
 * process. Players move at 5 units/s in random directions, so nearly every entry changes every
 * tick: deltas save little here, interest and the binary encoding save the rest. Run: {@code mvn -B -q verify -pl carotene-processor,example-arena -am
 * -Dtest=SnapshotBandwidthMeasurement -Dsurefire.failIfNoSpecifiedTests=false} (prints a table;
 * asserts nothing; the processor is only on example-arena's processor path, so {@code -am} alone
 * does not build it).
 */
class SnapshotBandwidthMeasurement {
  static final int CLIENTS = 200;
  static final int WARM_UP_MS = 2000;
  static final int MEASURE_MS = 5000;

  @Test
  void measure() throws Exception {
    StringBuilder table = new StringBuilder("\n| players spread | format | interest | KB/s per client | snapshots/s per client |\n|---|---|---|---|---|\n");
    for (float spread : new float[] {400f, 40f}) {
      for (boolean binary : new boolean[] {false, true}) {
        for (float radius : new float[] {0f, 50f}) {
          double[] result = run(spread, binary, radius);
          table.append(String.format("| %.0f×%.0f | %s | %s | %.1f | %.1f |%n", spread, spread, binary ? "binary" : "json",
              radius > 0 ? "radius " + (int) radius : "off", result[0] / 1024, result[1]));
        }
      }
    }
    System.out.println(table);
  }

  double[] run(float spread, boolean binary, float radius) throws Exception {
    try (TestServer server = TestServer.builder(new ArenaApplication()).interestRadius(radius).start()) {
      Random random = new Random(1);
      List<UUID> ids = new ArrayList<>();
      server.onWorld(world -> {
        GameWorldStore store = world.store(GameWorldStore.class);
        for (int i = 0; i < CLIENTS; i++) {
          UUID id = UUID.randomUUID();
          ids.add(id);
          float angle = random.nextFloat() * 6.2831855f;
          store.put(new Player(id, new Vector3(random.nextFloat() * spread, 0, random.nextFloat() * spread),
              new Vector3(5 * (float) Math.cos(angle), 0, 5 * (float) Math.sin(angle)), true, 100));
        }
        return null;
      });
      HttpClient http = HttpClient.newHttpClient();
      AtomicLong bytes = new AtomicLong();
      AtomicLong frames = new AtomicLong();
      List<WebSocket> sockets = new ArrayList<>();
      for (UUID id : ids) {
        URI uri = URI.create(server.webSocketUri() + (binary ? "?format=binary" : ""));
        sockets.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + server.tokens().issue(id.toString()))
            .buildAsync(uri, new Counter(bytes, frames)).get(10, TimeUnit.SECONDS));
      }
      Thread.sleep(WARM_UP_MS);
      long b0 = bytes.get();
      long f0 = frames.get();
      Thread.sleep(MEASURE_MS);
      double seconds = MEASURE_MS / 1000.0;
      double perClientBytes = (bytes.get() - b0) / seconds / CLIENTS;
      double perClientFrames = (frames.get() - f0) / seconds / CLIENTS;
      for (WebSocket socket : sockets) {
        socket.abort();
      }
      return new double[] {perClientBytes, perClientFrames};
    }
  }

  /** Counts snapshot bytes; a binary client applies nothing but acks every snapshot's tick. */
  static final class Counter implements WebSocket.Listener {
    final AtomicLong bytes;
    final AtomicLong frames;
    final ByteBuffer frame = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    final StringBuilder text = new StringBuilder();
    long lastTick = -1;
    static final AtomicLong OTHER = new AtomicLong();

    Counter(AtomicLong bytes, AtomicLong frames) {
      this.bytes = bytes;
      this.frames = frames;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      bytes.addAndGet(data.length()); // ASCII JSON: one byte per char
      text.append(data);
      if (last) {
        if (text.indexOf("\"snapshot\"") >= 0) {
          frames.incrementAndGet();
        } else if (text.indexOf("\"schema\"") < 0 && OTHER.getAndIncrement() < 3) {
          System.out.println("OTHER TEXT FRAME " + text);
        }
        text.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      bytes.addAndGet(data.remaining());
      if (frame.position() < 10) {
        while (data.hasRemaining() && frame.position() < 10) {
          frame.put(data.get());
        }
      }
      if (last) {
        frames.incrementAndGet();
        long tick = frame.getLong(2);
        if (tick == lastTick && OTHER.getAndIncrement() < 3) {
          System.out.println("SAME TICK TWICE " + tick);
        }
        lastTick = tick;
        frame.clear();
        try {
          byte[] ack = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) 2).putLong(tick).array();
          socket.sendBinary(ByteBuffer.wrap(ack), true);
        } catch (IllegalStateException previousAckStillSending) {
          // skipping an ack is allowed: the next delta is just against an older tick
        }
      }
      socket.request(1);
      return null;
    }
  }
}
