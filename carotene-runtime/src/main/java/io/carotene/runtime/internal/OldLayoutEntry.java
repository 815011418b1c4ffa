package io.carotene.runtime.internal;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.store.OldEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * An entry of a fixed-size slab read with the layout its files record (not the model's current
 * one), for a {@link io.carotene.runtime.store.StoreMigration}: each field decoded as the
 * generated codec wrote it, in order.
 */
final class OldLayoutEntry implements OldEntry {
  private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;

  private final ModelLayout layout;
  private final Map<String, Object> values = new LinkedHashMap<>();

  OldLayoutEntry(ModelLayout layout) {
    this.layout = layout;
  }

  /** Decodes the entry at {@code address}; this object is reused for the next entry. */
  OldLayoutEntry readAt(String store, long address) {
    values.clear();
    long at = address;
    for (String field : layout.fields()) {
      int space = field.indexOf(' ');
      String name = field.substring(0, space);
      String type = field.substring(space + 1);
      switch (type) {
        case "long" -> values.put(name, MEMORY.readLong(at));
        case "int" -> values.put(name, MEMORY.readInt(at));
        case "short" -> values.put(name, MEMORY.readShort(at));
        case "char" -> values.put(name, (char) MEMORY.readShort(at));
        case "byte" -> values.put(name, MEMORY.readByte(at));
        case "boolean" -> values.put(name, MEMORY.readByte(at) != 0);
        case "float" -> values.put(name, MEMORY.readFloat(at));
        case "double" -> values.put(name, MEMORY.readDouble(at));
        case "UUID" -> values.put(name, new UUID(MEMORY.readLong(at), MEMORY.readLong(at + 8)));
        default -> {
          if (type.endsWith("(enum, 1 byte)")) {
            values.put(name, (int) MEMORY.readByte(at));
          } else if (type.endsWith("(enum, 4 bytes)")) {
            values.put(name, MEMORY.readInt(at));
          } else {
            throw new CaroteneConfigurationException(
                store + ": its recorded field `" + field + "` cannot be read for a migration (only"
                    + " fixed-size models migrate with a StoreMigration). Nothing on disk was changed.");
          }
        }
      }
      at += size(type);
    }
    return this;
  }

  private static int size(String type) {
    return switch (type) {
      case "long", "double" -> 8;
      case "int", "float" -> 4;
      case "short", "char" -> 2;
      case "byte", "boolean" -> 1;
      case "UUID" -> 16;
      default -> type.endsWith("(enum, 1 byte)") ? 1 : 4;
    };
  }

  @Override
  public List<String> fields() {
    return layout.fields();
  }

  @Override
  public Object get(String field) {
    Object value = values.get(field);
    if (value == null) {
      throw new IllegalArgumentException(
          "the old " + layout.model() + " has no field `" + field + "`; its fields: " + layout.fields());
    }
    return value;
  }
}
