package io.carotene.runtime.record;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.openhft.chronicle.bytes.Bytes;

/**
 * A handler's arguments in a journal, exactly: each value behind a one-byte tag, floats and
 * doubles as their raw bits (so a replay gets the very same values), records and enums by class
 * name, records component by component. Covers every type a handler may take (primitives and their
 * boxes, String, UUID, enums and records of these). Not API.
 */
public final class ValueCodec {
  private static final byte NULL = 'N';
  private static final byte BOOLEAN = 'Z';
  private static final byte BYTE = 'B';
  private static final byte SHORT = 'S';
  private static final byte CHAR = 'C';
  private static final byte INT = 'I';
  private static final byte LONG = 'J';
  private static final byte FLOAT = 'F';
  private static final byte DOUBLE = 'D';
  private static final byte STRING = 'T';
  private static final byte UUID_TAG = 'U';
  private static final byte ENUM = 'E';
  private static final byte RECORD = 'R';

  private static final ConcurrentHashMap<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();

  private final ClassLoader loader;

  /** A codec that finds record and enum classes through {@code loader} when reading. */
  public ValueCodec(ClassLoader loader) {
    this.loader = loader;
  }

  /** Writes {@code values}: their count, then each. */
  public static void writeAll(Bytes<?> out, Object[] values) {
    out.writeStopBit(values.length);
    for (Object value : values) {
      write(out, value);
    }
  }

  /** Reads what {@link #writeAll} wrote. */
  public Object[] readAll(Bytes<?> in) {
    int count = Math.toIntExact(in.readStopBit());
    Object[] values = new Object[count];
    for (int i = 0; i < count; i++) {
      values[i] = read(in);
    }
    return values;
  }

  /** Writes one value behind its tag. */
  public static void write(Bytes<?> out, Object value) {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof Boolean b) {
      out.writeByte(BOOLEAN).writeBoolean(b);
    } else if (value instanceof Byte b) {
      out.writeByte(BYTE).writeByte(b);
    } else if (value instanceof Short s) {
      out.writeByte(SHORT).writeShort(s);
    } else if (value instanceof Character c) {
      out.writeByte(CHAR).writeChar(c);
    } else if (value instanceof Integer i) {
      out.writeByte(INT).writeInt(i);
    } else if (value instanceof Long l) {
      out.writeByte(LONG).writeLong(l);
    } else if (value instanceof Float f) {
      out.writeByte(FLOAT).writeInt(Float.floatToRawIntBits(f));
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE).writeLong(Double.doubleToRawLongBits(d));
    } else if (value instanceof String s) {
      out.writeByte(STRING).writeUtf8(s);
    } else if (value instanceof UUID u) {
      out.writeByte(UUID_TAG).writeLong(u.getMostSignificantBits()).writeLong(u.getLeastSignificantBits());
    } else if (value instanceof Enum<?> e) {
      out.writeByte(ENUM).writeUtf8(e.getDeclaringClass().getName()).writeUtf8(e.name());
    } else if (value instanceof Record r) {
      out.writeByte(RECORD).writeUtf8(r.getClass().getName());
      for (RecordComponent component : components(r.getClass())) {
        write(out, component(r, component));
      }
    } else {
      throw new IllegalArgumentException(
          "A recording cannot keep a " + value.getClass().getName() + " argument");
    }
  }

  /** Reads one value. */
  public Object read(Bytes<?> in) {
    byte tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case BOOLEAN -> in.readBoolean();
      case BYTE -> in.readByte();
      case SHORT -> in.readShort();
      case CHAR -> in.readChar();
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case FLOAT -> Float.intBitsToFloat(in.readInt());
      case DOUBLE -> Double.longBitsToDouble(in.readLong());
      case STRING -> in.readUtf8();
      case UUID_TAG -> new UUID(in.readLong(), in.readLong());
      case ENUM -> enumValue(in.readUtf8(), in.readUtf8());
      case RECORD -> record(in, in.readUtf8());
      default -> throw new IllegalStateException(
          "Corrupt journal: no value has tag " + tag + " (at byte " + (in.readPosition() - 1) + ")");
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object enumValue(String type, String name) {
    return Enum.valueOf((Class) load(type), name);
  }

  private Object record(Bytes<?> in, String type) {
    Class<?> recordType = load(type);
    RecordComponent[] components = components(recordType);
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = read(in);
    }
    try {
      Constructor<?> constructor = recordType.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("Recorded " + type + " no longer constructs: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Recorded " + type + " cannot be rebuilt: " + e, e);
    }
  }

  private Class<?> load(String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "The recording names " + name + ", which this build does not have; replay it with the build"
              + " that recorded it", e);
    }
  }

  static RecordComponent[] components(Class<?> recordType) {
    return COMPONENTS.computeIfAbsent(recordType, type -> {
      RecordComponent[] components = type.getRecordComponents();
      for (RecordComponent component : components) {
        component.getAccessor().setAccessible(true);
      }
      return components;
    });
  }

  static Object component(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read " + component + ": " + e, e);
    }
  }
}
