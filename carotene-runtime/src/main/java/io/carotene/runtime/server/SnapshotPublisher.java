package io.carotene.runtime.server;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.carotene.runtime.Flyweight;
import io.carotene.runtime.Tick;
import io.carotene.runtime.World;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.FlyweightMarshaller;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * After each tick of the world's first loop, sends every connected client {@code
 * {"type":"snapshot","tick":N,"ack":A,"GameWorld":[...],...}}. Runs on the world thread.
 *
 * <p>The stores' part is encoded once per tick, each entry through its store's generated codec and
 * one reused flyweight, into a {@link SharedBody} that every client shares; each client's IO thread
 * puts it behind that client's {@code tick}/{@code ack} prefix in the client's own reused frame
 * buffer. Nothing here allocates per entity or per client in the steady state, and the world thread
 * never touches a socket.
 *
 * <p>A client gets at most one snapshot in flight: while its last one is not yet written to its
 * socket (or {@link #MAX_FRAMES_IN_FLIGHT} replies are), it is skipped, a newer snapshot replacing
 * the one it missed; skipped {@link #MAX_SKIPPED_SNAPSHOTS} times in a row, it is closed with 1008.
 * A slow socket so costs one frame buffer of memory.
 */
final class SnapshotPublisher implements Consumer<Tick> {
  /** A client with this many frames still unwritten gets no new snapshot this tick. */
  static final int MAX_FRAMES_IN_FLIGHT = 8;

  /** A client skipped this many ticks in a row (about 3 s at 60 Hz) is dropped. */
  static final int MAX_SKIPPED_SNAPSHOTS = 180;

  static final int CLOSE_TOO_SLOW = 1008;

  private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class.getName());

  private final String snapshotLoop;
  private final List<ChronicleStore<?, ?, ?>> stores;
  private final List<ClientConnection> clients = new ArrayList<>();
  private final ReusableBuffer shared = new ReusableBuffer();
  private final SharedBody.Ring bodies = new SharedBody.Ring();
  private final JsonFactory jsonFactory = Json.MAPPER.getFactory();
  private volatile long lastTickNumber;
  private volatile int lastSnapshotBytes;
  private volatile long lastTickAtNanos;
  private final AtomicLong slowClientsDropped = new AtomicLong();
  private boolean encodingFailureLogged;

  SnapshotPublisher(World world) {
    List<String> loops = world.scheduler().loopNames();
    this.snapshotLoop = loops.isEmpty() ? null : loops.get(0);
    this.stores = world.stores();
  }

  /** World thread only. */
  void add(ClientConnection client) {
    clients.add(client);
  }

  /** World thread only. */
  void remove(ClientConnection client) {
    clients.remove(client);
  }

  /** The name of the loop whose ticks are published, or null when the world has no loop. */
  String snapshotLoop() {
    return snapshotLoop;
  }

  /** Clients closed because they did not read their snapshots. */
  long slowClientsDropped() {
    return slowClientsDropped.get();
  }

  /** The size of the stores' part of the last snapshot encoded, in bytes. */
  int lastSnapshotBytes() {
    return lastSnapshotBytes;
  }

  long lastTickNumber() {
    return lastTickNumber;
  }

  /** The world clock's time of the last published loop tick; 0 before the first. */
  long lastTickAtNanos() {
    return lastTickAtNanos;
  }

  @Override
  public void accept(Tick tick) {
    if (!tick.loopName().equals(snapshotLoop)) {
      return;
    }
    lastTickNumber = tick.number();
    lastTickAtNanos = System.nanoTime();
    if (clients.isEmpty()) {
      return;
    }
    if (!encodeStores()) {
      return;
    }
    SharedBody body = bodies.take();
    body.fill(shared.array(), shared.size());
    lastSnapshotBytes = body.length();
    long tickNumber = tick.number();
    for (int i = clients.size() - 1; i >= 0; i--) {
      ClientConnection client = clients.get(i);
      if (!client.isOpen()) {
        clients.remove(i);
        continue;
      }
      if (client.snapshotInFlight() || client.framesInFlight() >= MAX_FRAMES_IN_FLIGHT) {
        if (++client.skippedSnapshots >= MAX_SKIPPED_SNAPSHOTS) {
          clients.remove(i);
          slowClientsDropped.incrementAndGet();
          client.close(CLOSE_TOO_SLOW, "Too slow: snapshots were not read for " + MAX_SKIPPED_SNAPSHOTS + " ticks");
        }
        continue;
      }
      client.skippedSnapshots = 0;
      client.sendSnapshot(tickNumber, client.lastAppliedSeq, body);
    }
  }

  /** The stores' part, {@code ,"GameWorld":[{...},...]}} into {@link #shared}; false if it failed. */
  private boolean encodeStores() {
    shared.reset();
    try (JsonGenerator json = jsonFactory.createGenerator(shared, JsonEncoding.UTF8)) {
      // The generator writes members after the per-client prefix, so it starts inside an object.
      json.writeStartObject();
      for (ChronicleStore<?, ?, ?> store : stores) {
        json.writeArrayFieldStart(store.name());
        writeEntries(store, json);
        json.writeEndArray();
      }
      json.writeEndObject();
    } catch (IOException | RuntimeException e) {
      if (!encodingFailureLogged) {
        encodingFailureLogged = true;
        LOG.warning("Encoding a snapshot failed, clients get none this tick (logged once): " + e);
      }
      return false;
    }
    return true;
  }

  private static <K, M extends Record, F extends Flyweight<M>> void writeEntries(
      ChronicleStore<K, M, F> store, JsonGenerator json) {
    FlyweightMarshaller<F> codec = store.codec();
    store.readEach(entry -> {
      try {
        codec.writeJson(json, entry);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** A growable byte sink reused from tick to tick. */
  static final class ReusableBuffer extends OutputStream {
    private byte[] bytes = new byte[4096];
    private int size;

    void reset() {
      size = 0;
    }

    byte[] array() {
      return bytes;
    }

    int size() {
      return size;
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
      ensure(length);
      System.arraycopy(source, offset, bytes, size, length);
      size += length;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }
}
