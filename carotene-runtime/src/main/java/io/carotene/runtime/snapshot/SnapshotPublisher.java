package io.carotene.runtime.snapshot;

import io.carotene.runtime.Tick;
import io.carotene.runtime.internal.BinaryOperation;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.wire.CloseCodes;
import io.carotene.runtime.world.DomainWorld;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * After each tick of the world's first loop, decides who gets a snapshot and hands each client's
 * frames (the replies its calls earned since the last tick, then the snapshot) to its IO side: one
 * hand-off per client, then one flush of every IO thread. A snapshot goes out after every tick, or
 * after every n-th ({@link #publishEvery}); replies after every tick. Runs on the world thread, which never
 * touches a socket. The frames are written by {@link JsonFrameEncoder} and {@link
 * BinaryFrameEncoder} from what the {@link StoreTracker}s captured once this tick.
 *
 * <p>A client gets at most one snapshot in flight: while its last one is not yet written to its
 * socket (or {@link #MAX_FRAMES_IN_FLIGHT} older replies are not), it is skipped, a newer snapshot
 * replacing the one it missed; skipped {@link #MAX_SKIPPED_SNAPSHOTS} times in a row, it is closed
 * with 1008, unless most clients are skipped at once (the server is the slow one, see {@link
 * #SERVER_BEHIND_MIN_CLIENTS}). A slow socket so costs one frame buffer of memory.
 */
public final class SnapshotPublisher implements Consumer<Tick> {
  /** A client with this many frames still unwritten gets no new snapshot this tick. */
  static final int MAX_FRAMES_IN_FLIGHT = 8;

  /** A client skipped this many ticks in a row (about 3 s at 60 Hz) is dropped. */
  static final int MAX_SKIPPED_SNAPSHOTS = 180;


  /**
   * A client skipped this many ticks in a row (about 30 s) is dropped even while the server is
   * behind: sockets that never read cannot keep their connections by being the majority.
   */
  static final int MAX_SKIPPED_WHILE_SERVER_BEHIND = 10 * MAX_SKIPPED_SNAPSHOTS;

  /** Below this many clients, clients skipped together are taken as slow clients, not a slow server. */
  static final int SERVER_BEHIND_MIN_CLIENTS = 8;

  private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class.getName());

  private final StoreTracker[] trackers;
  private final boolean filtered;
  private final List<BinaryOperation> operations;
  /** A snapshot after every this many loop ticks: the ticks whose number it divides. */
  private volatile int every = 1;
  private volatile String schemaJson;
  private final JsonFrameEncoder json;
  private final BinaryFrameEncoder binary;

  private final String snapshotLoop;
  private final List<Subscriber> clients = new ArrayList<>();
  /** How many of {@link #clients} take binary snapshots; world thread only. */
  private int binaryClients;
  private final ByteSink shared = new ByteSink();
  private final SharedBody.Ring bodies = new SharedBody.Ring();
  /** Flushes every IO thread once the clients' frames are handed over; set by the socket side. */
  private volatile Runnable flushAll = () -> {};
  private volatile long lastTickNumber;
  private volatile int lastSnapshotBytes;
  private volatile long lastTickAtNanos;
  private final AtomicLong slowClientsDropped = new AtomicLong();
  private boolean encodingFailureLogged;
  /** Clients skipped at the last published tick; world thread only. */
  private int skippedLastTick;

  /**
   * {@code interests}: per store name, what a client sees of it. A store absent from it is private:
   * no snapshot carries it, and the schema does not list it.
   */
  public SnapshotPublisher(DomainWorld world, Map<String, Interest<?>> interests) {
    List<String> loops = world.scheduler().loopNames();
    this.snapshotLoop = loops.isEmpty() ? null : loops.get(0);
    List<ChronicleStore<?, ?, ?>> visible = new ArrayList<>();
    for (ChronicleStore<?, ?, ?> store : world.stores()) {
      if (interests.containsKey(store.name())) {
        visible.add(store);
      }
    }
    this.trackers = new StoreTracker[visible.size()];
    boolean[] unfiltered = new boolean[visible.size()];
    boolean anyFiltered = false;
    for (int i = 0; i < visible.size(); i++) {
      StoreLayout layout = StoreLayout.of(visible.get(i), i);
      trackers[i] = new StoreTracker(layout, interests.get(layout.name()));
      unfiltered[i] = !trackers[i].filtered();
      anyFiltered |= trackers[i].filtered();
    }
    this.filtered = anyFiltered;
    this.operations = world.binaryOperations();
    this.schemaJson = SchemaFrame.of(trackers, operations, every);
    this.json = new JsonFrameEncoder(trackers, unfiltered, visible);
    this.binary = new BinaryFrameEncoder(trackers, unfiltered);
  }

  /**
   * Before the world's thread starts: publishes a snapshot after every {@code ticks} ticks of the
   * loop (the ticks whose number {@code ticks} divides) rather than after each. Replies still go
   * out after every tick, and a snapshot's {@code ack} covers every call run up to its tick.
   */
  public void publishEvery(int ticks) {
    if (ticks < 1 || ticks > StoreTracker.HISTORY / 2) {
      throw new IllegalArgumentException("A snapshot after every 1 to " + StoreTracker.HISTORY / 2 + " ticks, not " + ticks);
    }
    this.every = ticks;
    this.schemaJson = SchemaFrame.of(trackers, operations, ticks);
  }

  /** A snapshot after every this many loop ticks. */
  public int publishedEvery() {
    return every;
  }

  /** The schema frame a binary client receives first (PROTOCOL.md, section 5). */
  public String schemaJson() {
    return schemaJson;
  }

  /** What runs after every tick's hand-off: the socket side's flush of every IO thread. */
  public void flushWith(Runnable flushAll) {
    this.flushAll = flushAll;
  }

  /** Any thread (it allocates, once per connection): the publisher's record of a new client. */
  public Subscriber subscriber(SnapshotOutbox outbox) {
    return new Subscriber(outbox, trackers);
  }

  /** World thread only. */
  public void add(Subscriber client) {
    clients.add(client);
    if (client.outbox.format() == SnapshotFormat.BINARY) {
      binaryClients++;
    }
  }

  /** World thread only. */
  public void remove(Subscriber client) {
    int at = clients.indexOf(client);
    if (at >= 0) {
      forget(at);
    }
  }

  private void forget(int index) {
    if (clients.remove(index).outbox.format() == SnapshotFormat.BINARY) {
      binaryClients--;
    }
  }

  /** The name of the loop whose ticks are published, or null when the world has no loop. */
  public String snapshotLoop() {
    return snapshotLoop;
  }

  /** Clients closed because they did not read their snapshots. */
  public long slowClientsDropped() {
    return slowClientsDropped.get();
  }

  /** The size of the stores' part of the last snapshot encoded, in bytes. */
  public int lastSnapshotBytes() {
    return lastSnapshotBytes;
  }

  public long lastTickNumber() {
    return lastTickNumber;
  }

  /** The world clock's time of the last published loop tick; 0 before the first. */
  public long lastTickAtNanos() {
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
    try {
      if (tick.number() % every == 0) {
        prepareSnapshots(tick.number());
      }
    } finally {
      // Every client with something to write (a snapshot, replies) goes to its IO thread now: one
      // task per IO thread, one socket write per client.
      for (int i = 0; i < clients.size(); i++) {
        Subscriber client = clients.get(i);
        if (client.outbox.queuedSinceFlush() > 0 || client.snapshotPrepared) {
          client.snapshotPrepared = false;
          client.outbox.handToFlusher();
        }
      }
      flushAll.run();
    }
  }

  private void prepareSnapshots(long tickNumber) {
    boolean anyBinary = binaryClients > 0;
    boolean ownJson = filtered && clients.size() > binaryClients;
    boolean sharedJson = !filtered && clients.size() > binaryClients;
    SharedBody body = null;
    if (sharedJson) {
      if (!encodeShared()) {
        return;
      }
      body = bodies.take();
      body.fill(shared.array(), shared.size());
      lastSnapshotBytes = body.length();
    }
    if ((anyBinary || ownJson) && !capture(tickNumber, ownJson)) {
      return;
    }
    // When more than half the clients (of at least SERVER_BEHIND_MIN_CLIENTS) were still writing
    // their last snapshot, the IO threads (the server) are behind, not those clients: skipping goes
    // on, but no one is counted towards 1008.
    boolean serverBehind = clients.size() >= SERVER_BEHIND_MIN_CLIENTS && skippedLastTick * 2 > clients.size();
    int skippedThisTick = 0;
    for (int i = clients.size() - 1; i >= 0; i--) {
      Subscriber client = clients.get(i);
      SnapshotOutbox outbox = client.outbox;
      if (!outbox.mayWrite()) {
        forget(i);
        continue;
      }
      // Replies queued this tick go with this snapshot; older ones still unwritten mean a slow socket.
      if (outbox.snapshotInFlight() || outbox.framesInFlight() - outbox.queuedSinceFlush() >= MAX_FRAMES_IN_FLIGHT) {
        skippedThisTick++;
        client.skippedInARow++;
        if (serverBehind && client.skippedInARow < MAX_SKIPPED_WHILE_SERVER_BEHIND) {
          continue; // most clients are behind: the server is, not this client; nothing is buffered
        }
        if (++client.skippedSnapshots >= MAX_SKIPPED_SNAPSHOTS
            || client.skippedInARow >= MAX_SKIPPED_WHILE_SERVER_BEHIND) {
          forget(i);
          slowClientsDropped.incrementAndGet();
          outbox.close(CloseCodes.POLICY_VIOLATION, "Too slow: snapshots were not read for " + MAX_SKIPPED_SNAPSHOTS + " ticks");
        }
        continue;
      }
      client.skippedSnapshots = 0;
      client.skippedInARow = 0;
      client.snapshotPrepared = true;
      if (outbox.format() == SnapshotFormat.BINARY) {
        ByteBuffer frame = binary.encode(client, tickNumber);
        lastSnapshotBytes = frame.remaining();
        outbox.prepareOwnFrame(frame, true);
      } else if (filtered) {
        ByteBuffer frame = json.encodeOwn(client, tickNumber);
        lastSnapshotBytes = frame.remaining();
        outbox.prepareOwnFrame(frame, false);
      } else {
        outbox.prepareSnapshot(tickNumber, client.lastAppliedSeq(), body);
      }
    }
    skippedLastTick = skippedThisTick;
  }

  /** Captures every store for this tick; false (logged once) if it failed. */
  private boolean capture(long tickNumber, boolean withJson) {
    try {
      for (StoreTracker tracker : trackers) {
        if (withJson) {
          json.captureWithJson(tracker, tickNumber);
        } else {
          tracker.capture(tickNumber, null);
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      logEncodingFailure(e);
      return false;
    }
  }

  /** The shared JSON body into {@link #shared}; false (logged once) if it failed. */
  private boolean encodeShared() {
    try {
      json.encodeShared(shared);
      return true;
    } catch (IOException | RuntimeException e) {
      logEncodingFailure(e);
      return false;
    }
  }

  private void logEncodingFailure(Exception e) {
    if (!encodingFailureLogged) {
      encodingFailureLogged = true;
      LOG.warning("Encoding a snapshot failed, clients get none this tick (logged once): " + e);
    }
  }
}
