package io.carotene.runtime.socket;

import io.carotene.runtime.snapshot.Interest;
import io.carotene.runtime.snapshot.SharedBody;
import io.carotene.runtime.snapshot.SnapshotFormat;
import io.carotene.runtime.wire.Json;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.carotene.runtime.store.Flyweight;
import io.carotene.runtime.Tick;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.FlyweightMarshaller;
import io.carotene.runtime.internal.WireField;
import io.carotene.runtime.snapshot.ByteSink;
import io.carotene.runtime.snapshot.IntList;
import io.carotene.runtime.snapshot.StoreLayout;
import io.carotene.runtime.snapshot.StoreTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * After each tick of the world's first loop, prepares every connected client's snapshot (JSON, or
 * a binary delta against the tick the client last acknowledged) and hands each client's frames,
 * the replies its calls earned since the last tick and then the snapshot, to its IO thread: one
 * task per IO thread per tick ({@link IoFlusher}), one socket write per client. Runs on the world
 * thread, which never touches a socket.
 *
 * <p>Entries are encoded once per tick (their generated wire encoding, and their JSON when a JSON
 * client needs it) and copied into each client's own reused frame buffer; a shared JSON body is
 * put behind each client's {@code tick}/{@code ack} prefix by its IO thread. Nothing here
 * allocates per entity or per client in the steady state.
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

  static final int CLOSE_TOO_SLOW = 1008;

  /**
   * A client skipped this many ticks in a row (about 30 s) is dropped even while the server is
   * behind: sockets that never read cannot keep their connections by being the majority.
   */
  static final int MAX_SKIPPED_WHILE_SERVER_BEHIND = 10 * MAX_SKIPPED_SNAPSHOTS;

  /** Below this many clients, clients skipped together are taken as slow clients, not a slow server. */
  static final int SERVER_BEHIND_MIN_CLIENTS = 8;

  private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class.getName());

  /** The first byte of a binary snapshot frame. */
  static final byte FRAME_SNAPSHOT = 0x01;

  /** Type, flags, tick, ack, baseline, store count. */
  static final int HEADER_BYTES = 1 + 1 + 8 + 8 + 8 + 2;

  private static final byte[] TYPE_AND_TICK = "{\"type\":\"snapshot\",\"tick\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ACK = ",\"ack\":".getBytes(StandardCharsets.US_ASCII);

  private final StoreTracker[] trackers;
  private final boolean[] unfiltered;
  private final boolean filtered;
  private final String schemaJson;
  private byte[][] storeNames;

  private final String snapshotLoop;
  private final List<ChronicleStore<?, ?, ?>> stores;
  private final List<ClientConnection> clients = new ArrayList<>();
  private final IoFlusher.Registry flushers = new IoFlusher.Registry();
  /** How many of {@link #clients} take binary snapshots; world thread only. */
  private int binaryClients;
  private final ByteSink shared = new ByteSink();
  private final SharedBody.Ring bodies = new SharedBody.Ring();
  private final JsonFactory jsonFactory = Json.MAPPER.getFactory();
  private volatile long lastTickNumber;
  private volatile int lastSnapshotBytes;
  private volatile long lastTickAtNanos;
  private final AtomicLong slowClientsDropped = new AtomicLong();
  private boolean encodingFailureLogged;
  /** Clients skipped at the last published tick; world thread only. */
  private int skippedLastTick;

  public SnapshotPublisher(DomainWorld world) {
    this(world, Map.of());
  }

  /** {@code interests}: per store name, what a client sees of it (absent: everything). */
  public SnapshotPublisher(DomainWorld world, Map<String, Interest<?>> interests) {
    List<String> loops = world.scheduler().loopNames();
    this.snapshotLoop = loops.isEmpty() ? null : loops.get(0);
    this.stores = world.stores();
    this.trackers = new StoreTracker[stores.size()];
    boolean anyFiltered = false;
    for (int i = 0; i < stores.size(); i++) {
      StoreLayout layout = StoreLayout.of(stores.get(i), i);
      trackers[i] = new StoreTracker(layout, interests.get(layout.name()));
      anyFiltered |= trackers[i].filtered();
    }
    this.filtered = anyFiltered;
    this.unfiltered = new boolean[stores.size()];
    for (int i = 0; i < trackers.length; i++) {
      unfiltered[i] = !trackers[i].filtered();
    }
    this.schemaJson = schema(trackers, world.binaryOperations());
    this.storeNames = new byte[trackers.length][];
    for (int i = 0; i < trackers.length; i++) {
      try {
        storeNames[i] = ("," + Json.MAPPER.writeValueAsString(trackers[i].layout().name()) + ":")
            .getBytes(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The schema frame a binary client receives first (PROTOCOL.md, section 5). */
  String schemaJson() {
    return schemaJson;
  }

  private static String schema(StoreTracker[] trackers, List<io.carotene.runtime.internal.BinaryOperation> binaryOperations) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "schema");
    schema.put("format", SnapshotFormat.BINARY.subprotocol());
    schema.put("history", StoreTracker.HISTORY);
    List<Object> stores = new ArrayList<>();
    for (StoreTracker tracker : trackers) {
      StoreLayout layout = tracker.layout();
      Map<String, Object> store = new LinkedHashMap<>();
      store.put("name", layout.name());
      store.put("index", layout.index());
      store.put("mode", layout.mode() == StoreLayout.Mode.DELTA ? "delta" : "full");
      store.put("entitySize", layout.entitySize());
      store.put("idOffset", layout.idOffset());
      store.put("idSize", layout.idSize());
      List<Object> fields = new ArrayList<>();
      for (WireField field : layout.fields()) {
        fields.add(field.schema());
      }
      store.put("fields", fields);
      stores.add(store);
    }
    schema.put("stores", stores);
    List<Object> operations = new ArrayList<>();
    for (int i = 0; i < binaryOperations.size(); i++) {
      operations.add(binaryOperations.get(i).schema(i));
    }
    schema.put("operations", operations);
    try {
      return Json.MAPPER.writeValueAsString(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** World thread only. */
  void add(ClientConnection client) {
    ClientView view = new ClientView(trackers.length);
    for (int i = 0; i < trackers.length; i++) {
      view.viewerIds[i] = trackers[i].layout().idBytesOf(client.session.userId());
    }
    client.view = view;
    clients.add(client);
    if (client.format == SnapshotFormat.BINARY) {
      binaryClients++;
    }
  }

  /** World thread only. */
  void remove(ClientConnection client) {
    int at = clients.indexOf(client);
    if (at >= 0) {
      forget(at);
    }
  }

  /** Removes the client at {@code index} from the ones this publisher serves. */
  private void forget(int index) {
    if (clients.remove(index).format == SnapshotFormat.BINARY) {
      binaryClients--;
    }
  }

  /** The IO threads' flushers that write what this publisher prepares. */
  IoFlusher.Registry flushers() {
    return flushers;
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
      prepareSnapshots(tick.number());
    } finally {
      // Every client with something to write (a snapshot, replies) goes to its IO thread now: one
      // task per IO thread, one socket write per client.
      for (int i = 0; i < clients.size(); i++) {
        ClientConnection client = clients.get(i);
        if (client.queuedSinceFlush() > 0 || client.snapshotPrepared) {
          client.snapshotPrepared = false;
          client.handToFlusher();
        }
      }
      flushers.scheduleAll();
    }
  }

  private void prepareSnapshots(long tickNumber) {
    boolean binary = binaryClients > 0;
    boolean ownJson = filtered && clients.size() > binaryClients;
    boolean sharedJson = !filtered && clients.size() > binaryClients;
    SharedBody body = null;
    if (sharedJson) {
      if (!encodeStores()) {
        return;
      }
      body = bodies.take();
      body.fill(shared.array(), shared.size());
      lastSnapshotBytes = body.length();
    }
    if ((binary || ownJson) && !capture(tickNumber, ownJson)) {
      return;
    }
    // When more than half the clients (of at least SERVER_BEHIND_MIN_CLIENTS) were still writing
    // their last snapshot, the IO threads (the server) are behind, not those clients: skipping goes
    // on, but no one is counted towards 1008.
    boolean serverBehind = clients.size() >= SERVER_BEHIND_MIN_CLIENTS && skippedLastTick * 2 > clients.size();
    int skippedThisTick = 0;
    for (int i = clients.size() - 1; i >= 0; i--) {
      ClientConnection client = clients.get(i);
      if (!client.mayWrite()) {
        forget(i);
        continue;
      }
      // Replies queued this tick go with this snapshot; older ones still unwritten mean a slow socket.
      if (client.snapshotInFlight() || client.framesInFlight() - client.queuedSinceFlush() >= MAX_FRAMES_IN_FLIGHT) {
        skippedThisTick++;
        client.skippedInARow++;
        if (serverBehind && client.skippedInARow < MAX_SKIPPED_WHILE_SERVER_BEHIND) {
          continue; // most clients are behind: the server is, not this client; nothing is buffered
        }
        if (++client.skippedSnapshots >= MAX_SKIPPED_SNAPSHOTS
            || client.skippedInARow >= MAX_SKIPPED_WHILE_SERVER_BEHIND) {
          forget(i);
          slowClientsDropped.incrementAndGet();
          client.close(CLOSE_TOO_SLOW, "Too slow: snapshots were not read for " + MAX_SKIPPED_SNAPSHOTS + " ticks");
        }
        continue;
      }
      client.skippedSnapshots = 0;
      client.skippedInARow = 0;
      client.snapshotPrepared = true;
      if (client.format == SnapshotFormat.BINARY) {
        ByteBuffer frame = binaryFrame(client, tickNumber);
        lastSnapshotBytes = frame.remaining();
        client.prepareOwnFrame(frame, true);
      } else if (filtered) {
        ByteBuffer frame = jsonFrame(client, tickNumber);
        lastSnapshotBytes = frame.remaining();
        client.prepareOwnFrame(frame, false);
      } else {
        client.prepareSnapshot(tickNumber, client.lastAppliedSeq, body);
      }
    }
    skippedLastTick = skippedThisTick;
  }

  /** Captures every store for this tick; false (logged once) if it failed. */
  private boolean capture(long tickNumber, boolean withJson) {
    try {
      for (StoreTracker tracker : trackers) {
        if (withJson) {
          try (JsonGenerator json = jsonFactory.createGenerator(tracker.jsonSink(), JsonEncoding.UTF8)) {
            json.setRootValueSeparator(null);
            tracker.capture(tickNumber, json);
          }
        } else {
          tracker.capture(tickNumber, null);
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      if (!encodingFailureLogged) {
        encodingFailureLogged = true;
        LOG.warning("Encoding a snapshot failed, clients get none this tick (logged once): " + e);
      }
      return false;
    }
  }

  /**
   * This client's binary snapshot of {@code tick} (PROTOCOL.md, section 5): a delta against the
   * tick it last acknowledged when this client was sent that tick within the history, else full.
   * Copies the entries' shared bytes; encodes nothing.
   */
  private ByteBuffer binaryFrame(ClientConnection client, long tick) {
    ClientView view = client.view;
    long baseline = client.ackedTick;
    boolean delta = baseline > 0 && baseline < tick && tick - baseline <= StoreTracker.HISTORY && view.sent(baseline);
    int bound = HEADER_BYTES;
    for (int s = 0; s < trackers.length; s++) {
      StoreTracker tracker = trackers[s];
      if (tracker.layout().mode() != StoreLayout.Mode.DELTA) {
        bound += 8 + tracker.full().size();
        continue;
      }
      if (delta && view.sharedAt(baseline, s) && tracker.liveAt(baseline) == null) {
        delta = false;
      }
      if (!unfiltered[s]) {
        tracker.visible(view.viewerIds[s], client.session.userId(), view.visible[s]);
      }
      int seen = unfiltered[s] ? tracker.liveCount() : view.visible[s].size();
      int before = delta ? baselineCount(view, tracker, baseline, s) : 0;
      bound += 8 + seen * tracker.layout().entitySize() + before * tracker.layout().idSize();
    }
    ByteBuffer out = view.frame(bound);
    out.put(FRAME_SNAPSHOT).put((byte) 0).putLong(tick).putLong(client.lastAppliedSeq).putLong(delta ? baseline : 0L);
    out.putShort((short) trackers.length);
    for (int s = 0; s < trackers.length; s++) {
      StoreTracker tracker = trackers[s];
      if (tracker.layout().mode() != StoreLayout.Mode.DELTA) {
        out.putInt(0).putInt(tracker.fullCount()).put(tracker.full().array(), 0, tracker.full().size());
        continue;
      }
      int[] seen = unfiltered[s] ? tracker.live() : view.visible[s].array();
      int seenCount = unfiltered[s] ? tracker.liveCount() : view.visible[s].size();
      int size = tracker.layout().entitySize();
      int idSize = tracker.layout().idSize();
      byte[] bytes = tracker.bytes();
      if (!delta) {
        out.putInt(0).putInt(seenCount);
        for (int i = 0; i < seenCount; i++) {
          out.put(bytes, seen[i] * size, size);
        }
        continue;
      }
      int[] before = baselineHandles(view, tracker, baseline, s);
      int beforeCount = baselineCount(view, tracker, baseline, s);
      long inBaseline = tracker.nextStamp();
      for (int i = 0; i < beforeCount; i++) {
        tracker.markBaseline(before[i], inBaseline);
      }
      long inCurrent = tracker.nextStamp();
      for (int i = 0; i < seenCount; i++) {
        tracker.markCurrent(seen[i], inCurrent);
      }
      int countAt = out.position();
      out.putInt(0);
      int removed = 0;
      byte[] ids = tracker.ids();
      for (int i = 0; i < beforeCount; i++) {
        int h = before[i];
        if (!tracker.inCurrent(h, inCurrent)) {
          out.put(ids, h * idSize, idSize);
          removed++;
        }
      }
      out.putInt(countAt, removed);
      countAt = out.position();
      out.putInt(0);
      int written = 0;
      for (int i = 0; i < seenCount; i++) {
        int h = seen[i];
        if (!tracker.inBaseline(h, inBaseline) || tracker.lastChanged(h) > baseline) {
          out.put(bytes, h * size, size);
          written++;
        }
      }
      out.putInt(countAt, written);
    }
    view.record(tick, unfiltered);
    out.flip();
    return out;
  }

  private static int[] baselineHandles(ClientView view, StoreTracker tracker, long baseline, int s) {
    IntList sent = view.sentAt(baseline, s);
    return sent != null ? sent.array() : tracker.liveAt(baseline);
  }

  private static int baselineCount(ClientView view, StoreTracker tracker, long baseline, int s) {
    IntList sent = view.sentAt(baseline, s);
    return sent != null ? sent.size() : tracker.liveCountAt(baseline);
  }

  /** This client's JSON snapshot when some store is filtered by an interest: entries' JSON copied. */
  private ByteBuffer jsonFrame(ClientConnection client, long tick) {
    ClientView view = client.view;
    int bound = SharedBody.MAX_PREFIX + 2;
    for (int s = 0; s < trackers.length; s++) {
      StoreTracker tracker = trackers[s];
      // name (escaped at worst 6 bytes a char), brackets, the entries' JSON, and a comma between each two
      bound += tracker.layout().name().length() * 6 + 8 + tracker.jsonSink().size() + tracker.liveCount();
      if (!unfiltered[s]) {
        tracker.visible(view.viewerIds[s], client.session.userId(), view.visible[s]);
      }
    }
    ByteBuffer out = view.frame(bound);
    out.put(TYPE_AND_TICK);
    SharedBody.putDecimal(out, tick);
    out.put(ACK);
    SharedBody.putDecimal(out, client.lastAppliedSeq);
    for (int s = 0; s < trackers.length; s++) {
      StoreTracker tracker = trackers[s];
      out.put(storeNames[s]);
      out.put((byte) '[');
      if (tracker.layout().mode() != StoreLayout.Mode.DELTA) {
        out.put(tracker.jsonSink().array(), 0, tracker.jsonSink().size());
      } else {
        int[] seen = unfiltered[s] ? tracker.live() : view.visible[s].array();
        int seenCount = unfiltered[s] ? tracker.liveCount() : view.visible[s].size();
        byte[] json = tracker.jsonSink().array();
        for (int i = 0; i < seenCount; i++) {
          if (i > 0) {
            out.put((byte) ',');
          }
          out.put(json, tracker.jsonOffset(seen[i]), tracker.jsonLength(seen[i]));
        }
      }
      out.put((byte) ']');
    }
    out.put((byte) '}');
    out.flip();
    return out;
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
}
