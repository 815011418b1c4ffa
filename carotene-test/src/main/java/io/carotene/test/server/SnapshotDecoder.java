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
 * {@code history} ticks) and tells which tick to acknowledge. Usable by any JVM client.
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
   * a quantized field ({@code uq8}, {@code uq16}, {@code uq32}), NaN for any other.
   */
  public record FieldSchema(String name, String type, int offset, int size, double min, double max, double precision) {
    /** Whether the field is sent as a step count: {@code min + step × precision}. */
    public boolean quantized() {
      return type.startsWith("uq");
    }
  }

  /** What the last applied frame said. */
  public record Applied(long tick, long ack, long baseline, int removed, int written) {}

  private final List<StoreSchema> stores = new ArrayList<>();
  private final int history;
  /** Per tick: per store, id (hex) to entry bytes; the states a delta may apply to. */
  private final TreeMap<Long, List<Map<String, byte[]>>> states = new TreeMap<>();
  private List<Map<String, byte[]>> current;
  private Applied last;

  public SnapshotDecoder(JsonNode schema) {
    if (!"schema".equals(schema.path("type").asText())) {
      throw new IllegalArgumentException("Not a schema frame: " + schema);
    }
    history = schema.path("history").asInt(32);
    for (JsonNode store : schema.get("stores")) {
      List<FieldSchema> fields = new ArrayList<>();
      for (JsonNode field : store.path("fields")) {
        fields.add(new FieldSchema(field.get("name").asText(), field.get("type").asText(),
            field.get("offset").asInt(), field.get("size").asInt(), field.path("min").asDouble(Double.NaN),
            field.path("max").asDouble(Double.NaN), field.path("precision").asDouble(Double.NaN)));
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
    long tick = in.getLong();
    long ack = in.getLong();
    long baseline = in.getLong();
    int storeCount = Short.toUnsignedInt(in.getShort());
    if (storeCount != stores.size()) {
      throw new IllegalArgumentException("The frame has " + storeCount + " stores, the schema " + stores.size());
    }
    List<Map<String, byte[]>> base;
    if (baseline == 0) {
      base = null;
    } else {
      base = states.get(baseline);
      if (base == null) {
        throw new IllegalStateException("A delta against tick " + baseline + ", which this client does not hold");
      }
    }
    List<Map<String, byte[]>> next = new ArrayList<>();
    int removedTotal = 0;
    int writtenTotal = 0;
    for (int s = 0; s < storeCount; s++) {
      StoreSchema store = stores.get(s);
      Map<String, byte[]> entries = base == null || !store.delta() ? new LinkedHashMap<>() : new LinkedHashMap<>(base.get(s));
      int removed = in.getInt();
      for (int i = 0; i < removed; i++) {
        byte[] id = new byte[store.idSize()];
        in.get(id);
        entries.remove(HexFormat.of().formatHex(id));
      }
      int count = in.getInt();
      for (int i = 0; i < count; i++) {
        int size = store.delta() ? store.entitySize() : in.getInt();
        byte[] entry = new byte[size];
        in.get(entry);
        String key = store.delta()
            ? HexFormat.of().formatHex(entry, store.idOffset(), store.idOffset() + store.idSize())
            : Integer.toString(i);
        entries.put(key, entry);
      }
      removedTotal += removed;
      writtenTotal += count;
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
    last = new Applied(tick, ack, baseline, removedTotal, writtenTotal);
    return tick;
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
    for (Map.Entry<String, byte[]> entry : current.get(s).entrySet()) {
      Map<String, Object> fields = fields(store, entry.getValue());
      Object id = fields.getOrDefault("id", entry.getKey());
      decoded.put(String.valueOf(id), fields);
    }
    return decoded;
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
