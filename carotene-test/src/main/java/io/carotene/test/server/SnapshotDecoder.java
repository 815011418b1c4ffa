package io.carotene.test.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A client's model of the world built from binary snapshots, written from PROTOCOL.md alone: give
 * it the schema frame, then every binary snapshot in the order received; it applies full
 * snapshots and deltas (to the state of the delta's baseline tick, which it keeps for the last
 * {@code history} ticks: entries by handle, updated field by field) and tells which tick to
 * acknowledge. Usable by any JVM client.
 *
 * <pre>{@code
 * SnapshotDecoder decoder = new SnapshotDecoder(client.schema());
 * long tick = decoder.apply(client.nextBinarySnapshot());
 * client.ack(tick);
 * Map<String, Map<String, Object>> players = decoder.entities("GameWorld");
 * }</pre>
 */
public final class SnapshotDecoder {
  /** One store of the schema. */
  public record StoreSchema(String name, boolean delta, int entitySize, int idOffset, int idSize, List<FieldSchema> fields) {}

  /**
   * One field of an entry's encoding; {@code min}, {@code max} and {@code precision} are those of
   * a quantized field ({@code uq8}, {@code uq16}, {@code uq32}), NaN for any other; {@code bit} is
   * its bit in an update's field mask (-1 for the id, and in a {@code full} store).
   */
  public record FieldSchema(String name, String type, int offset, int size, double min, double max, double precision, int bit) {
    /** Whether the field is sent as a step count: {@code min + step × precision}. */
    public boolean quantized() {
      return type.startsWith("uq");
    }
  }

  /**
   * What the last applied frame said: its tick, ack and baseline (0: a full snapshot), and over
   * every store the entries removed, entered (sent whole) and updated (sent as changed fields).
   */
  public record Applied(long tick, long ack, long baseline, int removed, int entered, int updated) {
    /** Entries sent, whole or as changed fields. */
    public int written() {
      return entered + updated;
    }
  }

  private final List<StoreSchema> stores = new ArrayList<>();
  private final int history;
  /**
   * Per tick: per store, handle to entry bytes (a {@code full} store: position to bytes); the
   * states a delta may apply to.
   */
  private final TreeMap<Long, List<Map<Long, byte[]>>> states = new TreeMap<>();
  private List<Map<Long, byte[]>> current;
  private Applied last;

  public SnapshotDecoder(JsonNode schema) {
    if (!"schema".equals(schema.path("type").asText())) {
      throw new IllegalArgumentException("Not a schema frame: " + schema);
    }
    if (!"carotene.binary.v3".equals(schema.path("format").asText())) {
      throw new IllegalArgumentException("This decoder reads carotene.binary.v3, not " + schema.path("format"));
    }
    history = schema.path("history").asInt(32);
    for (JsonNode store : schema.get("stores")) {
      List<FieldSchema> fields = new ArrayList<>();
      for (JsonNode field : store.path("fields")) {
        fields.add(new FieldSchema(field.get("name").asText(), field.get("type").asText(),
            field.get("offset").asInt(), field.get("size").asInt(), field.path("min").asDouble(Double.NaN),
            field.path("max").asDouble(Double.NaN), field.path("precision").asDouble(Double.NaN),
            field.path("bit").asInt(-1)));
      }
      stores.add(new StoreSchema(store.get("name").asText(), "delta".equals(store.get("mode").asText()),
          store.get("entitySize").asInt(), store.get("idOffset").asInt(), store.get("idSize").asInt(), List.copyOf(fields)));
    }
  }

  public List<StoreSchema> stores() {
    return Collections.unmodifiableList(stores);
  }

  /**
   * Applies one binary snapshot and returns its tick: the tick to acknowledge.
   *
   * @throws IllegalStateException when it is a delta whose baseline this decoder does not hold
   *     (acknowledge 0 to get a full snapshot)
   */
  public long apply(byte[] frame) {
    ByteBuffer in = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
    if (in.get() != 0x01) {
      throw new IllegalArgumentException("Not a snapshot frame: type " + frame[0]);
    }
    in.get(); // flags
    long tick = varint(in);
    long ack = varint(in);
    long since = varint(in);
    long baseline = since == 0 ? 0 : tick - since;
    long storeCount = varint(in);
    if (storeCount != stores.size()) {
      throw new IllegalArgumentException("The frame has " + storeCount + " stores, the schema " + stores.size());
    }
    List<Map<Long, byte[]>> base;
    if (baseline == 0) {
      base = null;
    } else {
      base = states.get(baseline);
      if (base == null) {
        throw new IllegalStateException("A delta against tick " + baseline + ", which this client does not hold");
      }
    }
    List<Map<Long, byte[]>> next = new ArrayList<>();
    int removedTotal = 0;
    int enteredTotal = 0;
    int updatedTotal = 0;
    for (int s = 0; s < storeCount; s++) {
      StoreSchema store = stores.get(s);
      Map<Long, byte[]> entries = base == null || !store.delta() ? new LinkedHashMap<>() : new LinkedHashMap<>(base.get(s));
      if (!store.delta()) {
        long count = varint(in);
        for (long i = 0; i < count; i++) {
          byte[] entry = new byte[(int) varint(in)];
          in.get(entry);
          entries.put(i, entry);
        }
        enteredTotal += (int) count;
        next.add(entries);
        continue;
      }
      long removed = varint(in);
      for (long i = 0; i < removed; i++) {
        entries.remove(varint(in));
      }
      long entered = varint(in);
      for (long i = 0; i < entered; i++) {
        long handle = varint(in);
        byte[] entry = new byte[store.entitySize()];
        in.get(entry);
        entries.put(handle, entry);
      }
      long updated = varint(in);
      // Each update: zigZag(handle - previous handle) << 1 | sameMask, then the mask unless it
      // repeats the previous update's, then the changed fields.
      long handle = -1;
      long mask = 0;
      for (long i = 0; i < updated; i++) {
        long first = varint(in);
        handle += zigZagDecode(first >>> 1);
        boolean sameMask = (first & 1) == 1;
        if (sameMask && i == 0) {
          throw new IllegalArgumentException("The first update of store " + store.name() + " repeats a mask it has none of");
        }
        if (!sameMask) {
          mask = varint(in);
        }
        byte[] before = entries.get(handle);
        if (before == null) {
          throw new IllegalArgumentException("An update of handle " + handle + ", which names no entry, in store " + store.name());
        }
        entries.put(handle, patched(store, before, mask, in));
      }
      removedTotal += (int) removed;
      enteredTotal += (int) entered;
      updatedTotal += (int) updated;
      next.add(entries);
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(in.remaining() + " bytes left over after the last store");
    }
    states.put(tick, next);
    while (states.size() > history + 1 || (!states.isEmpty() && states.firstKey() < tick - history)) {
      states.pollFirstEntry();
    }
    current = next;
    last = new Applied(tick, ack, baseline, removedTotal, enteredTotal, updatedTotal);
    return tick;
  }

  /** A copy of {@code before} with the fields of {@code mask} read from {@code in}. */
  private static byte[] patched(StoreSchema store, byte[] before, long mask, ByteBuffer in) {
    byte[] after = before.clone();
    ByteBuffer out = ByteBuffer.wrap(after).order(ByteOrder.LITTLE_ENDIAN);
    for (FieldSchema field : store.fields()) {
      if (field.bit() < 0 || (mask & (1L << field.bit())) == 0) {
        continue;
      }
      if (field.quantized()) {
        long difference = zigZagDecode(varint(in));
        long step = unsigned(before, field.offset(), field.size()) + difference;
        for (int b = 0; b < field.size(); b++) {
          out.put(field.offset() + b, (byte) (step >>> (8 * b)));
        }
      } else {
        in.get(after, field.offset(), field.size());
      }
    }
    return after;
  }

  private static long unsigned(byte[] bytes, int at, int size) {
    long value = 0;
    for (int i = size - 1; i >= 0; i--) {
      value = (value << 8) | (bytes[at + i] & 0xFF);
    }
    return value;
  }

  /** An unsigned LEB128 varint (PROTOCOL.md, section 5.2). */
  static long varint(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("A varint longer than 10 bytes");
  }

  static long zigZagDecode(long value) {
    return (value >>> 1) ^ -(value & 1);
  }

  /**
   * The handles of {@code store}'s entries as of the last applied frame, each with its entry's id
   * (as {@link #entities} keys it): the short names the server gave them in this client's view.
   */
  public Map<Long, String> handles(String store) {
    int s = indexOf(store);
    Map<Long, String> handles = new TreeMap<>();
    if (current != null && stores.get(s).delta()) {
      for (Map.Entry<Long, byte[]> entry : current.get(s).entrySet()) {
        handles.put(entry.getKey(), idOf(store, entry.getKey(), entry.getValue()));
      }
    }
    return handles;
  }

  /** What the last applied frame said; null before the first. */
  public Applied last() {
    return last;
  }

  /** The entries of {@code store} as of the last applied frame, each decoded field by field, keyed by id. */
  public Map<String, Map<String, Object>> entities(String store) {
    int s = indexOf(store);
    Map<String, Map<String, Object>> decoded = new TreeMap<>();
    if (current == null) {
      return decoded;
    }
    for (Map.Entry<Long, byte[]> entry : current.get(s).entrySet()) {
      decoded.put(idOf(store, entry.getKey(), entry.getValue()), fields(store, entry.getValue()));
    }
    return decoded;
  }

  /** An entry's id field as text; its id bytes in hex when it has none; a full store's position. */
  private String idOf(String store, long key, byte[] entry) {
    StoreSchema schema = stores.get(indexOf(store));
    if (!schema.delta()) {
      return Long.toString(key);
    }
    Object id = fields(store, entry).get("id");
    return id != null
        ? String.valueOf(id)
        : HexFormat.of().formatHex(entry, schema.idOffset(), schema.idOffset() + schema.idSize());
  }

  /**
   * One entry's fields by dotted name ({@code position.x}), decoded by the schema's types: a
   * quantized field as the {@code double} {@code min + step × precision}, within {@code precision /
   * 2} of the server's value when that is in {@code [min, max]}.
   */
  public Map<String, Object> fields(String store, byte[] entry) {
    ByteBuffer in = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
    Map<String, Object> fields = new LinkedHashMap<>();
    for (FieldSchema field : stores.get(indexOf(store)).fields()) {
      int at = field.offset();
      Object value = switch (field.type()) {
        case "bool" -> in.get(at) != 0;
        case "i8", "enum8" -> (int) in.get(at);
        case "i16" -> (int) in.getShort(at);
        case "u16" -> (int) in.getChar(at);
        case "i32", "enum32" -> in.getInt(at);
        case "i64" -> in.getLong(at);
        case "f32" -> in.getFloat(at);
        case "f64" -> in.getDouble(at);
        case "uuid" -> new UUID(in.getLong(at), in.getLong(at + 8)).toString();
        case "uq8" -> field.min() + Byte.toUnsignedInt(in.get(at)) * field.precision();
        case "uq16" -> field.min() + Short.toUnsignedInt(in.getShort(at)) * field.precision();
        case "uq32" -> field.min() + Integer.toUnsignedLong(in.getInt(at)) * field.precision();
        default -> throw new IllegalArgumentException("Unknown field type " + field.type());
      };
      fields.put(field.name(), value);
    }
    return fields;
  }

  private int indexOf(String store) {
    for (int i = 0; i < stores.size(); i++) {
      if (stores.get(i).name().equals(store)) {
        return i;
      }
    }
    throw new IllegalArgumentException("No store " + store + " in the schema");
  }
}
