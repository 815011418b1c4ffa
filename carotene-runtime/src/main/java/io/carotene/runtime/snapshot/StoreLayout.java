package io.carotene.runtime.snapshot;

import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.WireField;
import io.carotene.runtime.internal.WireFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.UUID;

/**
 * How one store's entries look in binary snapshots: the model's generated {@link WireFormat}
 * ({@code PlayerWire}: fields in record order, nested records flattened, little-endian, {@code
 * @Quantized} floats as step counts, the rest raw), its size, where the id sits in it, and every
 * field for the schema frame.
 *
 * <p>A store is {@link Mode#DELTA} when its entries have a fixed size and an id of at most 16
 * bytes and at most 64 other fields; otherwise (a model with a {@code String}) {@link Mode#FULL}: every snapshot carries all
 * its entries, each prefixed with its length. Chronicle writes in the machine's byte order, so on
 * a big-endian machine every store is {@link Mode#FULL} and a client cannot read it by the schema.
 */
public final class StoreLayout {
  /** How a store travels in binary snapshots. */
  public enum Mode {
    DELTA,
    FULL
  }

  private static final int MAX_ID_SIZE = 16;

  private final ChronicleStore<?, ?, ?> store;
  private final int index;
  private final Mode mode;
  private final WireFormat<?> wire;

  private StoreLayout(ChronicleStore<?, ?, ?> store, int index, Mode mode, WireFormat<?> wire) {
    this.store = store;
    this.index = index;
    this.mode = mode;
    this.wire = wire;
  }

  /** {@code store}'s layout, from its codec's generated wire format. */
  public static StoreLayout of(ChronicleStore<?, ?, ?> store, int index) {
    WireFormat<?> wire = store.codec().wire();
    WireField id = wire.id();
    boolean delta = wire.size() > 0
        && store.codec().fixedSize() > 0
        && id != null
        && id.size() <= MAX_ID_SIZE
        && FieldDeltas.fits(wire.fields())
        && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    return new StoreLayout(store, index, delta ? Mode.DELTA : Mode.FULL, wire);
  }

  /**
   * The encoded id of a viewer whose session user id is {@code userId}, or null when it cannot be
   * an id of this store. Allocates: once per connection.
   */
  public byte[] idBytesOf(String userId) {
    if (mode != Mode.DELTA || userId == null) {
      return null;
    }
    WireField id = wire.id();
    ByteBuffer out = ByteBuffer.allocate(id.size()).order(ByteOrder.LITTLE_ENDIAN);
    try {
      switch (id.type()) {
        case "uuid" -> {
          UUID uuid = UUID.fromString(userId);
          out.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        }
        case "i64" -> out.putLong(Long.parseLong(userId));
        case "i32" -> out.putInt(Integer.parseInt(userId));
        case "i16" -> out.putShort(Short.parseShort(userId));
        case "i8" -> out.put(Byte.parseByte(userId));
        default -> {
          return null;
        }
      }
    } catch (IllegalArgumentException notAnId) { // NumberFormatException too
      return null;
    }
    return out.position() == id.size() ? out.array() : null;
  }

  public ChronicleStore<?, ?, ?> store() {
    return store;
  }

  /** How an entry is written: {@link #entitySize()} bytes in {@link Mode#DELTA}. */
  public WireFormat<?> wire() {
    return wire;
  }

  public String name() {
    return store.name();
  }

  /** The store's position among the world's stores: its place in every binary snapshot. */
  public int index() {
    return index;
  }

  public Mode mode() {
    return mode;
  }

  /** Bytes per entry in {@link Mode#DELTA}; -1 in {@link Mode#FULL}. */
  public int entitySize() {
    return mode == Mode.DELTA ? wire.size() : -1;
  }

  /** Where the id starts in an entry's bytes in {@link Mode#DELTA}; -1 in {@link Mode#FULL}. */
  public int idOffset() {
    return mode == Mode.DELTA ? wire.id().offset() : -1;
  }

  /** The id's size in {@link Mode#DELTA}; 0 in {@link Mode#FULL}. */
  public int idSize() {
    return mode == Mode.DELTA ? wire.id().size() : 0;
  }

  /** The fields, in wire order; empty when the model has a field of variable size. */
  public List<WireField> fields() {
    return wire.fields();
  }
}
