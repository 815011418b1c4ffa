package io.carotene.runtime.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.FlyweightMarshaller;
import io.carotene.runtime.internal.WireFormat;
import io.carotene.runtime.store.Flyweight;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;

/**
 * One store's state as snapshots need it, captured once per tick on the world thread: every
 * entry's wire bytes (the generated {@link WireFormat}'s, written once and shared by every client),
 * a stable handle per entry, the tick each entry last changed, its position for the interest grid,
 * and, when JSON clients need it, each entry's JSON.
 *
 * <p>An entry changed when its wire bytes did: a movement smaller than a {@code @Quantized}
 * field's precision that leaves its step alone is no change, and costs no bytes.
 *
 * <p>Handles index flat arrays. A handle whose entry left the store is reused only after {@link
 * #HISTORY} + 1 ticks, so a handle in any view a client can still use as a baseline names the same
 * entry. Nothing here allocates per entry: arrays grow (doubling) only when the store does.
 */
public final class StoreTracker {
  /** Ticks of history a delta may reach back: a baseline older than this gets a full snapshot. */
  public static final int HISTORY = 32;

  private final StoreLayout layout;
  private final ChronicleStore<?, ?, ?> store;
  @SuppressWarnings("rawtypes")
  private final FlyweightMarshaller codec;
  @SuppressWarnings("rawtypes")
  private final WireFormat wire;
  private final int size;
  private final int idSize;
  private final int idOffset;
  /** The radius interest, or null. */
  private final Interest.Radius<Object> around;
  /** The filter interest's rule, or null. */
  private final Interest.Rule<Object> rule;

  // Per handle.
  private int capacity;
  private byte[] bytes;
  private long[] lastChanged;
  private long[] seen;
  private float[] px;
  private float[] pz;
  private int[] jsonOffset;
  private int[] jsonLength;
  private long[] markA;
  private long[] markB;
  private long stamp;
  private int nextHandle;

  private final SortedHandles live = new SortedHandles();

  private final FreedHandles freed = new FreedHandles();

  private final StoreHistory history = new StoreHistory();
  /** This tick's updates against each baseline, shared by clients (DELTA mode); else null. */
  private final SharedUpdates updates;

  private final SpatialGrid grid = new SpatialGrid();
  private final IdIndex index;

  // Scratch encoding of one entry.
  private final byte[] scratchArray;
  private final Bytes<byte[]> scratch;
  private final Bytes<?> elastic;
  /** Kept for a filter interest (in DELTA mode); else null. */
  private final ExactCopies exact;

  // FULL mode: every entry as (varint length, bytes), and their JSON joined by commas.
  private final ByteSink full = new ByteSink();
  private int fullCount;

  private final ByteSink json = new ByteSink();
  private JsonGenerator jsonOut;
  private boolean jsonFirst;
  private long tick;
  private boolean withJson;

  private final Consumer<Object> captureOne = this::captureOne;

  /** {@code interest} decides the grid: a radius interest files positions each tick. */
  @SuppressWarnings("unchecked")
  public StoreTracker(StoreLayout layout, Interest<?> interest) {
    this.layout = layout;
    this.store = layout.store();
    this.codec = store.codec();
    this.wire = layout.wire();
    this.size = layout.entitySize();
    this.idSize = layout.idSize();
    this.idOffset = layout.idOffset();
    this.around = interest instanceof Interest.Radius<?> radius ? (Interest.Radius<Object>) radius : null;
    this.rule = interest instanceof Interest.Filter<?> filter ? ((Interest.Filter<Object>) filter).rule() : null;
    this.index = new IdIndex(idSize);
    this.scratchArray = new byte[Math.max(1, size)];
    this.scratch = Bytes.wrapForWrite(scratchArray);
    this.elastic = Bytes.allocateElasticOnHeap(256);
    scratch.singleThreadedCheckDisabled(true);
    elastic.singleThreadedCheckDisabled(true);
    this.exact = rule != null && layout.mode() == StoreLayout.Mode.DELTA ? new ExactCopies(codec) : null;
    this.updates = layout.mode() == StoreLayout.Mode.DELTA
        ? new SharedUpdates(new FieldDeltas(layout.fields(), idOffset), size)
        : null;
    grow(64);
  }

  public StoreLayout layout() {
    return layout;
  }

  /** Whether clients see this store through an interest other than everything. */
  public boolean filtered() {
    return (around != null || rule != null) && layout.mode() == StoreLayout.Mode.DELTA;
  }

  /**
   * Captures the store as of {@code tick}: encodes every entry once, notes what changed, entered
   * and left, files positions, and (when {@code jsonOut} is not null) writes each entry's JSON.
   */
  public void capture(long tick, JsonGenerator jsonOut) {
    this.tick = tick;
    this.jsonOut = jsonOut;
    this.withJson = jsonOut != null;
    json.reset();
    jsonFirst = true;
    full.reset();
    fullCount = 0;
    store.readEach(captureOne);
    if (withJson) {
      flushJson();
    }
    if (layout.mode() != StoreLayout.Mode.DELTA) {
      return;
    }
    // Entries not seen this tick left the store: free their handles (reused later).
    int[] handles = live.array();
    int kept = 0;
    for (int i = 0, n = live.count(); i < n; i++) {
      int h = handles[i];
      if (seen[h] == tick) {
        handles[kept++] = h;
      } else {
        index.remove(h);
        freed.add(h, tick);
      }
    }
    live.keep(kept);
    history.record(tick, handles, kept, bytes, nextHandle * size);
    if (around != null) {
      grid.rebuild(around.radius(), handles, kept, px, pz);
    }
  }

  @SuppressWarnings("unchecked")
  private void captureOne(Object entry) {
    if (layout.mode() != StoreLayout.Mode.DELTA) {
      elastic.clear();
      wire.write(elastic, (Flyweight<?>) entry);
      int length = (int) elastic.writePosition();
      full.writeVarint(length);
      full.ensure(length);
      elastic.read(full.array(), full.size(), length);
      full.skip(length);
      fullCount++;
      if (withJson) {
        if (!jsonFirst) {
          // Through the generator, never into the sink: the generator buffers the entries before
          // this one, and a comma written around it would land ahead of them (issue 11).
          writeComma();
        }
        jsonFirst = false;
        writeJson(entry);
      }
      return;
    }
    scratch.writePosition(0);
    wire.write(scratch, (Flyweight<?>) entry);
    int h = index.find(scratchArray, idOffset);
    if (h < 0) {
      h = allocate();
      index.add(h, scratchArray, idOffset);
      live.add(h);
      System.arraycopy(scratchArray, 0, bytes, h * size, size);
      lastChanged[h] = tick;
    } else if (seen[h] == tick) {
      return; // the same id twice in one pass: cannot happen in a store, ignore
    } else if (Arrays.mismatch(scratchArray, 0, size, bytes, h * size, h * size + size) >= 0) {
      System.arraycopy(scratchArray, 0, bytes, h * size, size);
      lastChanged[h] = tick;
    }
    seen[h] = tick;
    if (around != null) {
      px[h] = around.x().of(entry);
      pz[h] = around.z().of(entry);
    } else if (exact != null) {
      exact.keep(h, (Flyweight<?>) entry);
    }
    if (withJson) {
      flushJson();
      jsonOffset[h] = json.size();
      writeJson(entry);
      flushJson();
      jsonLength[h] = json.size() - jsonOffset[h];
    }
  }

  @SuppressWarnings("unchecked")
  private void writeJson(Object entry) {
    try {
      codec.writeJson(jsonOut, (Flyweight<?>) entry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeComma() {
    try {
      jsonOut.writeRaw(',');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void flushJson() {
    try {
      jsonOut.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where this tick's JSON goes; the caller makes a generator over it. */
  public ByteSink jsonSink() {
    return json;
  }

  // ---- handles ----

  private int allocate() {
    int h = freed.takeReusable(tick);
    if (h < 0) {
      h = nextHandle++;
      if (h >= capacity) {
        grow(capacity * 2);
      }
    }
    return h;
  }

  private void grow(int newCapacity) {
    capacity = newCapacity;
    index.grow(newCapacity);
    bytes = Arrays.copyOf(bytes == null ? new byte[0] : bytes, newCapacity * Math.max(1, size));
    lastChanged = Arrays.copyOf(lastChanged == null ? new long[0] : lastChanged, newCapacity);
    seen = Arrays.copyOf(seen == null ? new long[0] : seen, newCapacity);
    px = Arrays.copyOf(px == null ? new float[0] : px, newCapacity);
    pz = Arrays.copyOf(pz == null ? new float[0] : pz, newCapacity);
    jsonOffset = Arrays.copyOf(jsonOffset == null ? new int[0] : jsonOffset, newCapacity);
    jsonLength = Arrays.copyOf(jsonLength == null ? new int[0] : jsonLength, newCapacity);
    markA = Arrays.copyOf(markA == null ? new long[0] : markA, newCapacity);
    markB = Arrays.copyOf(markB == null ? new long[0] : markB, newCapacity);
    if (exact != null) {
      exact.grow(newCapacity);
    }
    if (updates != null) {
      updates.grow(newCapacity);
    }
    if (seen != null) {
      for (int i = nextHandle; i < newCapacity; i++) {
        seen[i] = -1;
      }
    }
  }

  /** The handle of the live entry whose encoded id is {@code id}, or -1. */
  public int handleOf(byte[] id) {
    if (id == null || id.length != idSize || layout.mode() != StoreLayout.Mode.DELTA) {
      return -1;
    }
    return index.find(id, 0);
  }

  // ---- what clients see ----

  /** Live handles this tick, in ascending order (do not change). */
  public int[] live() {
    return live.array();
  }

  public int liveCount() {
    return live.count();
  }

  /** Fills {@code out} with what a viewer sees this tick (everything: the live handles). */
  @SuppressWarnings("unchecked")
  public void visible(byte[] viewerId, String viewerUserId, IntList out) {
    out.clear();
    if (around != null) {
      int own = handleOf(viewerId);
      if (own >= 0) {
        grid.query(px[own], pz[own], around.radius(), px, pz, out);
      }
    } else if (rule != null) {
      int[] handles = live.array();
      for (int i = 0, n = live.count(); i < n; i++) {
        int h = handles[i];
        if (rule.sees(viewerUserId, exact.read(h))) {
          out.add(h);
        }
      }
    } else {
      out.setAll(live.array(), live.count());
    }
  }

  /** The live handles of {@code tick}, when still in the history; else null. */
  public int[] liveAt(long tick) {
    return history.liveAt(tick);
  }

  public int liveCountAt(long tick) {
    return history.liveCountAt(tick);
  }

  /** The entries' bytes by handle as of {@code tick}, when still in the history; else null. */
  byte[] bytesAt(long tick) {
    return history.bytesAt(tick);
  }

  /** This tick's updates, shared by the clients deltaed against the same baseline (DELTA mode). */
  SharedUpdates updates() {
    return updates;
  }

  /** The tick last captured. */
  long tick() {
    return tick;
  }

  public byte[] bytes() {
    return bytes;
  }

  public byte[] ids() {
    return index.ids();
  }

  public long lastChanged(int h) {
    return lastChanged[h];
  }

  public int jsonOffset(int h) {
    return jsonOffset[h];
  }

  public int jsonLength(int h) {
    return jsonLength[h];
  }

  /** FULL mode: this tick's entries, each as (varint length, bytes). */
  public ByteSink full() {
    return full;
  }

  public int fullCount() {
    return fullCount;
  }

  /** A fresh stamp for {@link #markBaseline}/{@link #markCurrent}. */
  public long nextStamp() {
    return ++stamp;
  }

  public void markBaseline(int h, long stamp) {
    markA[h] = stamp;
  }

  public boolean inBaseline(int h, long stamp) {
    return markA[h] == stamp;
  }

  public void markCurrent(int h, long stamp) {
    markB[h] = stamp;
  }

  public boolean inCurrent(int h, long stamp) {
    return markB[h] == stamp;
  }
}
