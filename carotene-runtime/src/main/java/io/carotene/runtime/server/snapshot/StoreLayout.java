package io.carotene.runtime.server.snapshot;

import io.carotene.runtime.Flyweight;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.FlyweightMarshaller;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import net.openhft.chronicle.bytes.Bytes;

/**
 * How one store's entries look in binary snapshots: the generated codec's own off-heap encoding
 * (fields in record order, little-endian, floats raw), its size, where the id sits in it, and the
 * offset of every field. Worked out once at start-up from the model record and checked against
 * the codec by encoding probe records: no code generation needed.
 *
 * <p>A store is {@link Mode#DELTA} when its entries have a fixed size and an id of at most 16
 * bytes that the probes could find; otherwise {@link Mode#FULL}: every snapshot carries all its
 * entries, each prefixed with its length.
 */
public final class StoreLayout {
  /** How a store travels in binary snapshots. */
  public enum Mode {
    DELTA,
    FULL
  }

  /** One field of the encoding: a dotted path ({@code position.x}), its wire type, offset and size. */
  public record Field(String name, String type, int offset, int size) {}

  private final ChronicleStore<?, ?, ?> store;
  private final int index;
  private final Mode mode;
  private final int entitySize;
  private final int idOffset;
  private final int idSize;
  private final Class<?> idType;
  private final List<Field> fields;
  private final RecordComponent idComponent;

  private StoreLayout(ChronicleStore<?, ?, ?> store, int index, Mode mode, int entitySize, int idOffset, int idSize,
      Class<?> idType, List<Field> fields, RecordComponent idComponent) {
    this.store = store;
    this.index = index;
    this.mode = mode;
    this.entitySize = entitySize;
    this.idOffset = idOffset;
    this.idSize = idSize;
    this.idType = idType;
    this.fields = fields;
    this.idComponent = idComponent;
  }

  /** Works out {@code store}'s layout; never throws (a store it cannot follow is {@link Mode#FULL}). */
  public static StoreLayout of(ChronicleStore<?, ?, ?> store, int index) {
    Class<? extends Record> model = store.modelType();
    List<Field> fields = new ArrayList<>();
    int size = -1;
    try {
      size = layout(model, "", 0, fields);
    } catch (RuntimeException unknownType) {
      fields.clear();
    }
    int fixed = store.codec().fixedSize();
    if (fixed <= 0 || size != fixed || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      return new StoreLayout(store, index, Mode.FULL, -1, -1, 0, null, size == fixed ? List.copyOf(fields) : List.of(), null);
    }
    try {
      Record base = probe(model, null, null);
      Object baseId = store.idOfRecord(base);
      for (RecordComponent component : model.getRecordComponents()) {
        Object other = differentValue(component.getType());
        if (other == null) {
          continue;
        }
        Record variant = probe(model, component, other);
        if (baseId.equals(store.idOfRecord(variant))) {
          continue;
        }
        byte[] a = encode(store, base, fixed);
        byte[] b = encode(store, variant, fixed);
        int first = Arrays.mismatch(a, b);
        int last = first;
        for (int i = a.length - 1; i >= 0; i--) {
          if (a[i] != b[i]) {
            last = i;
            break;
          }
        }
        Field field = fieldNamed(fields, component.getName());
        int idSize = last - first + 1;
        if (first < 0 || field == null || field.offset() != first || field.size() != idSize || idSize > 16) {
          break;
        }
        return new StoreLayout(store, index, Mode.DELTA, fixed, first, idSize, component.getType(),
            List.copyOf(fields), component);
      }
    } catch (ReflectiveOperationException | RuntimeException cannotProbe) {
      // fall through: FULL
    }
    return new StoreLayout(store, index, Mode.FULL, -1, -1, 0, null, List.copyOf(fields), null);
  }

  private static Field fieldNamed(List<Field> fields, String name) {
    for (Field field : fields) {
      if (field.name().equals(name)) {
        return field;
      }
    }
    return null;
  }

  /** The documented layout rule; returns the end offset, or -1 once a field has no fixed size. */
  private static int layout(Class<?> record, String prefix, int offset, List<Field> out) {
    for (RecordComponent component : record.getRecordComponents()) {
      String name = prefix + component.getName();
      Class<?> type = component.getType();
      if (type.isRecord()) {
        offset = layout(type, name + ".", offset, out);
        if (offset < 0) {
          return -1;
        }
        continue;
      }
      String wire;
      int size;
      if (type == boolean.class) { wire = "bool"; size = 1; }
      else if (type == byte.class) { wire = "i8"; size = 1; }
      else if (type == short.class) { wire = "i16"; size = 2; }
      else if (type == char.class) { wire = "u16"; size = 2; }
      else if (type == int.class) { wire = "i32"; size = 4; }
      else if (type == long.class) { wire = "i64"; size = 8; }
      else if (type == float.class) { wire = "f32"; size = 4; }
      else if (type == double.class) { wire = "f64"; size = 8; }
      else if (type == UUID.class) { wire = "uuid"; size = 16; }
      else if (type.isEnum()) {
        boolean small = type.getEnumConstants().length <= Byte.MAX_VALUE;
        wire = small ? "enum8" : "enum32";
        size = small ? 1 : 4;
      } else if (type == String.class) {
        return -1;
      } else {
        throw new IllegalArgumentException("unknown component type " + type);
      }
      out.add(new Field(name, wire, offset, size));
      offset += size;
    }
    return offset;
  }

  private static Object defaultValue(Class<?> type) throws ReflectiveOperationException {
    if (type == boolean.class) return false;
    if (type == byte.class) return (byte) 0;
    if (type == short.class) return (short) 0;
    if (type == char.class) return (char) 0;
    if (type == int.class) return 0;
    if (type == long.class) return 0L;
    if (type == float.class) return 0f;
    if (type == double.class) return 0d;
    if (type == UUID.class) return new UUID(0, 0);
    if (type == String.class) return "";
    if (type.isEnum()) return type.getEnumConstants()[0];
    if (type.isRecord()) return probe(type.asSubclass(Record.class), null, null);
    throw new IllegalArgumentException("no default for " + type);
  }

  /** A value unlike the default in every byte of its encoding, for the kinds an id may have. */
  private static Object differentValue(Class<?> type) {
    if (type == UUID.class) return new UUID(-1, -1);
    if (type == long.class || type == Long.class) return -1L;
    if (type == int.class || type == Integer.class) return -1;
    if (type == short.class || type == Short.class) return (short) -1;
    if (type == byte.class || type == Byte.class) return (byte) -1;
    return null;
  }

  private static Record probe(Class<? extends Record> model, RecordComponent changed, Object value)
      throws ReflectiveOperationException {
    RecordComponent[] components = model.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = changed != null && components[i].getName().equals(changed.getName()) ? value : defaultValue(types[i]);
    }
    Constructor<? extends Record> constructor = model.getDeclaredConstructor(types);
    constructor.setAccessible(true);
    return constructor.newInstance(args);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static byte[] encode(ChronicleStore<?, ?, ?> store, Record model, int size) {
    FlyweightMarshaller codec = store.codec();
    Flyweight flyweight = codec.newFlyweight();
    flyweight.set(model);
    Bytes<byte[]> out = Bytes.wrapForWrite(new byte[size]);
    codec.writeFrom(out, flyweight);
    return out.underlyingObject();
  }

  /**
   * The encoded id of a viewer whose session user id is {@code userId}, or null when it cannot be
   * an id of this store. Allocates: once per connection.
   */
  public byte[] idBytesOf(String userId) {
    if (mode != Mode.DELTA || userId == null) {
      return null;
    }
    Object id;
    try {
      if (idType == UUID.class) id = UUID.fromString(userId);
      else if (idType == long.class || idType == Long.class) id = Long.parseLong(userId);
      else if (idType == int.class || idType == Integer.class) id = Integer.parseInt(userId);
      else if (idType == short.class || idType == Short.class) id = Short.parseShort(userId);
      else if (idType == byte.class || idType == Byte.class) id = Byte.parseByte(userId);
      else return null;
      byte[] encoded = encode(store, probe(store.modelType(), idComponent, id), entitySize);
      return Arrays.copyOfRange(encoded, idOffset, idOffset + idSize);
    } catch (ReflectiveOperationException | RuntimeException notAnId) {
      return null;
    }
  }

  public ChronicleStore<?, ?, ?> store() {
    return store;
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
    return entitySize;
  }

  public int idOffset() {
    return idOffset;
  }

  public int idSize() {
    return idSize;
  }

  /** The fields, in encoding order; empty when the model has a variable-size field. */
  public List<Field> fields() {
    return fields;
  }
}
