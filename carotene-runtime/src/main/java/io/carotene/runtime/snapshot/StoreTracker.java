package io.carotene.runtime.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import io.carotene.runtime.store.Flyweight;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.FlyweightMarshaller;
import io.carotene.runtime.internal.WireFormat;
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
  private final Interest interest;

  // Per handle.
  private int capacity;
  private byte[] ids;
  private byte[] bytes;
  private int[] hashes;
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

  private int[] live = new int[16];
  private int liveCount;

  private int[] table = new int[32]; // handle + 1; 0 is empty
  private int tableMask = 31;

  private int[] freeHandles = new int[16];
  private long[] freeTicks = new long[16];
  private int freeHead;
  private int freeCount;

  private final int[][] liveRing = new int[HISTORY][];
  private final int[] liveRingCount = new int[HISTORY];
  private final long[] liveRingTick = new long[HISTORY];

  private final SpatialGrid grid = new SpatialGrid();

  // Scratch encoding of one entry.
  private final byte[] scratchArray;
  private final Bytes<byte[]> scratch;
  private final Bytes<?> elastic;
  private final Flyweight<?> decoded;

  // A filter interest reads entries back: their codec (exact, unquantized) bytes, per handle.
  private final int rawSize;
  private byte[] raw;
  private final Bytes<byte[]> rawScratch;

  // FULL mode: every entry as (u32 length, bytes), and their JSON joined by commas.
  private final ByteSink full = new ByteSink();
  private int fullCount;

  private final ByteSink json = new ByteSink();
  private JsonGenerator jsonOut;
  private boolean jsonFirst;
  private long tick;
  private boolean withJson;

  private final Consumer<Object> captureOne = this::captureOne;

  /** {@code interest} decides the grid: a radius interest files positions each tick. */
  public StoreTracker(StoreLayout layout, io.carotene.runtime.snapshot.Interest<?> userInterest) {
    this.layout = layout;
    this.store = layout.store();
    this.codec = store.codec();
    this.wire = layout.wire();
    this.size = layout.entitySize();
    this.idSize = layout.idSize();
    this.idOffset = layout.idOffset();
    this.interest = Interest.of(userInterest);
    this.scratchArray = new byte[Math.max(1, size)];
    this.scratch = Bytes.wrapForWrite(scratchArray);
    this.elastic = Bytes.allocateElasticOnHeap(256);
    scratch.singleThreadedCheckDisabled(true);
    elastic.singleThreadedCheckDisabled(true);
    this.decoded = (Flyweight<?>) codec.newFlyweight();
    boolean readsBack = interest.kind == Interest.Kind.FILTER && layout.mode() == StoreLayout.Mode.DELTA;
    this.rawSize = readsBack ? codec.fixedSize() : 0;
    this.rawScratch = readsBack ? Bytes.wrapForWrite(new byte[rawSize]) : null;
    if (readsBack) {
      rawScratch.singleThreadedCheckDisabled(true);
    }
    grow(64);
  }

  public StoreLayout layout() {
    return layout;
  }

  /** Whether clients see this store through an interest other than everything. */
  public boolean filtered() {
    return interest.kind != Interest.Kind.EVERYTHING && layout.mode() == StoreLayout.Mode.DELTA;
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
    int kept = 0;
    for (int i = 0; i < liveCount; i++) {
      int h = live[i];
      if (seen[h] == tick) {
        live[kept++] = h;
      } else {
        unindex(h);
        free(h, tick);
      }
    }
    liveCount = kept;
    int slot = (int) (tick % HISTORY);
    int[] ring = liveRing[slot];
    if (ring == null || ring.length < liveCount) {
      ring = liveRing[slot] = new int[Math.max(16, liveCount + liveCount / 2)];
    }
    System.arraycopy(live, 0, ring, 0, liveCount);
    liveRingCount[slot] = liveCount;
    liveRingTick[slot] = tick;
    if (interest.kind == Interest.Kind.RADIUS) {
      grid.rebuild(interest.radius, live, liveCount, px, pz);
    }
  }

  @SuppressWarnings("unchecked")
  private void captureOne(Object entry) {
    if (layout.mode() != StoreLayout.Mode.DELTA) {
      elastic.clear();
      wire.write(elastic, (Flyweight<?>) entry);
      int length = (int) elastic.writePosition();
      full.writeIntLE(length);
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
    int h = find(scratchArray, idOffset);
    if (h < 0) {
      h = allocate();
      System.arraycopy(scratchArray, idOffset, ids, h * idSize, idSize);
      hashes[h] = hashOf(scratchArray, idOffset);
      index(h);
      live[liveCount++] = h;
      System.arraycopy(scratchArray, 0, bytes, h * size, size);
      lastChanged[h] = tick;
    } else if (seen[h] == tick) {
      return; // the same id twice in one pass: cannot happen in a store, ignore
    } else if (Arrays.mismatch(scratchArray, 0, size, bytes, h * size, h * size + size) >= 0) {
      System.arraycopy(scratchArray, 0, bytes, h * size, size);
      lastChanged[h] = tick;
    }
    seen[h] = tick;
    if (interest.kind == Interest.Kind.RADIUS) {
      px[h] = interest.x.of(entry);
      pz[h] = interest.z.of(entry);
    } else if (rawSize > 0) {
      rawScratch.writePosition(0);
      codec.writeFrom(rawScratch, (Flyweight<?>) entry);
      System.arraycopy(rawScratch.underlyingObject(), 0, raw, h * rawSize, rawSize);
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
    int h;
    if (freeCount > 0 && freeTicks[freeHead] + HISTORY + 1 <= tick) {
      h = freeHandles[freeHead];
      freeHead = (freeHead + 1) % freeHandles.length;
      freeCount--;
    } else {
      h = nextHandle++;
      if (h >= capacity) {
        grow(capacity * 2);
      }
    }
    if (liveCount == live.length) {
      live = Arrays.copyOf(live, live.length * 2);
    }
    return h;
  }

  private void free(int h, long at) {
    if (freeCount == freeHandles.length) {
      int[] handles = new int[freeCount * 2];
      long[] ticks = new long[freeCount * 2];
      for (int i = 0; i < freeCount; i++) {
        handles[i] = freeHandles[(freeHead + i) % freeCount];
        ticks[i] = freeTicks[(freeHead + i) % freeCount];
      }
      freeHandles = handles;
      freeTicks = ticks;
      freeHead = 0;
    }
    int at2 = (freeHead + freeCount) % freeHandles.length;
    freeHandles[at2] = h;
    freeTicks[at2] = at;
    freeCount++;
  }

  private void grow(int newCapacity) {
    capacity = newCapacity;
    ids = Arrays.copyOf(ids == null ? new byte[0] : ids, newCapacity * Math.max(1, idSize));
    bytes = Arrays.copyOf(bytes == null ? new byte[0] : bytes, newCapacity * Math.max(1, size));
    hashes = Arrays.copyOf(hashes == null ? new int[0] : hashes, newCapacity);
    lastChanged = Arrays.copyOf(lastChanged == null ? new long[0] : lastChanged, newCapacity);
    seen = Arrays.copyOf(seen == null ? new long[0] : seen, newCapacity);
    px = Arrays.copyOf(px == null ? new float[0] : px, newCapacity);
    pz = Arrays.copyOf(pz == null ? new float[0] : pz, newCapacity);
    jsonOffset = Arrays.copyOf(jsonOffset == null ? new int[0] : jsonOffset, newCapacity);
    jsonLength = Arrays.copyOf(jsonLength == null ? new int[0] : jsonLength, newCapacity);
    markA = Arrays.copyOf(markA == null ? new long[0] : markA, newCapacity);
    markB = Arrays.copyOf(markB == null ? new long[0] : markB, newCapacity);
    raw = Arrays.copyOf(raw == null ? new byte[0] : raw, newCapacity * rawSize);
    if (seen != null) {
      for (int i = nextHandle; i < newCapacity; i++) {
        seen[i] = -1;
      }
    }
  }

  private int hashOf(byte[] source, int offset) {
    int h = 1;
    for (int i = 0; i < idSize; i++) {
      h = 31 * h + source[offset + i];
    }
    h *= 0x9E3779B1;
    return h ^ (h >>> 16);
  }

  private int find(byte[] source, int offset) {
    int hash = hashOf(source, offset);
    for (int slot = hash & tableMask; ; slot = (slot + 1) & tableMask) {
      int entry = table[slot];
      if (entry == 0) {
        return -1;
      }
      int h = entry - 1;
      if (hashes[h] == hash
          && Arrays.mismatch(source, offset, offset + idSize, ids, h * idSize, h * idSize + idSize) < 0) {
        return h;
      }
    }
  }

  /** The handle of the live entry whose encoded id is {@code id}, or -1. */
  public int handleOf(byte[] id) {
    if (id == null || id.length != idSize || layout.mode() != StoreLayout.Mode.DELTA) {
      return -1;
    }
    return find(id, 0);
  }

  private void index(int h) {
    if ((liveCount + 1) * 2 > table.length) {
      int[] old = table;
      table = new int[old.length * 2];
      tableMask = table.length - 1;
      for (int entry : old) {
        if (entry != 0) {
          insert(entry - 1);
        }
      }
    }
    insert(h);
  }

  private void insert(int h) {
    int slot = hashes[h] & tableMask;
    while (table[slot] != 0) {
      slot = (slot + 1) & tableMask;
    }
    table[slot] = h + 1;
  }

  private void unindex(int h) {
    int i = hashes[h] & tableMask;
    while (table[i] != h + 1) {
      i = (i + 1) & tableMask;
    }
    // Backward-shift deletion keeps linear probing correct without tombstones.
    while (true) {
      table[i] = 0;
      int j = i;
      while (true) {
        j = (j + 1) & tableMask;
        if (table[j] == 0) {
          return;
        }
        int k = hashes[table[j] - 1] & tableMask;
        boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (!stays) {
          table[i] = table[j];
          i = j;
          break;
        }
      }
    }
  }

  // ---- what clients see ----

  /** Live handles this tick (do not change). */
  public int[] live() {
    return live;
  }

  public int liveCount() {
    return liveCount;
  }

  /** Fills {@code out} with what a viewer sees this tick (everything: the live handles). */
  @SuppressWarnings("unchecked")
  public void visible(byte[] viewerId, String viewerUserId, IntList out) {
    out.clear();
    switch (interest.kind) {
      case EVERYTHING -> out.setAll(live, liveCount);
      case RADIUS -> {
        int own = handleOf(viewerId);
        if (own >= 0) {
          grid.query(px[own], pz[own], interest.radius, px, pz, out);
        }
      }
      case FILTER -> {
        for (int i = 0; i < liveCount; i++) {
          int h = live[i];
          if (interest.filter.sees(viewerUserId, decodeAt(h))) {
            out.add(h);
          }
        }
      }
    }
  }

  /** The entry of handle {@code h} as captured, exact (not as quantized for the wire). */
  @SuppressWarnings("unchecked")
  private Object decodeAt(int h) {
    Bytes<byte[]> in = filterBytes();
    in.readPositionRemaining(h * (long) rawSize, rawSize);
    codec.readInto(in, decoded);
    return decoded;
  }

  private Bytes<byte[]> filterIn;
  private byte[] filterArray;

  private Bytes<byte[]> filterBytes() {
    if (filterArray != raw) {
      filterArray = raw;
      filterIn = Bytes.wrapForRead(raw);
      filterIn.singleThreadedCheckDisabled(true);
    }
    return filterIn;
  }

  /** The live handles of {@code tick}, when still in the history; else null. */
  public int[] liveAt(long tick) {
    int slot = (int) (tick % HISTORY);
    return liveRingTick[slot] == tick && liveRing[slot] != null ? liveRing[slot] : null;
  }

  public int liveCountAt(long tick) {
    return liveRingCount[(int) (tick % HISTORY)];
  }

  public byte[] bytes() {
    return bytes;
  }

  public byte[] ids() {
    return ids;
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

  /** FULL mode: this tick's entries, each as (u32 length, bytes). */
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

  /** The user's interest with its kind, unwrapped. */
  static final class Interest {
    enum Kind {
      EVERYTHING,
      RADIUS,
      FILTER
    }

    final Kind kind;
    final float radius;
    final io.carotene.runtime.snapshot.Interest.Coordinate<Object> x;
    final io.carotene.runtime.snapshot.Interest.Coordinate<Object> z;
    final io.carotene.runtime.snapshot.Interest.Filter<Object> filter;

    private Interest(Kind kind, float radius, io.carotene.runtime.snapshot.Interest.Coordinate<Object> x,
        io.carotene.runtime.snapshot.Interest.Coordinate<Object> z, io.carotene.runtime.snapshot.Interest.Filter<Object> filter) {
      this.kind = kind;
      this.radius = radius;
      this.x = x;
      this.z = z;
      this.filter = filter;
    }

    @SuppressWarnings("unchecked")
    static Interest of(io.carotene.runtime.snapshot.Interest<?> user) {
      io.carotene.runtime.snapshot.Interest<Object> u = (io.carotene.runtime.snapshot.Interest<Object>) user;
      if (u == null || u.isEverything()) {
        return new Interest(Kind.EVERYTHING, 0, null, null, null);
      }
      if (u.radius() > 0) {
        return new Interest(Kind.RADIUS, u.radius(), u.x(), u.z(), null);
      }
      return new Interest(Kind.FILTER, 0, null, null, u.filter());
    }
  }
}
