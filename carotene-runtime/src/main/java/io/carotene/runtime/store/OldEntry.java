package io.carotene.runtime.store;

import java.util.List;
import java.util.UUID;

/**
 * One entry of a persisted store as an older model wrote it, handed to a {@link StoreMigration}.
 * Fields are read by the names the old model gave them, as the store's {@code layout.txt} lists
 * them (nested records flattened: {@code "pos.x"}). Reading a field the old model did not have
 * throws an {@link IllegalArgumentException} that lists the old fields; reading one as a type it
 * was not throws a {@link ClassCastException}. Either stops the migration with a clear error.
 */
public interface OldEntry {
  /** The old model's fields, {@code "name type"} each, in their order. */
  List<String> fields();

  /**
   * A field's value: a {@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code
   * Character}, {@code Float}, {@code Double}, {@code Boolean} or {@link UUID}; an enum field is
   * its constant's ordinal as an {@code Integer} (-1 for null).
   */
  Object get(String field);

  default long getLong(String field) {
    return ((Number) get(field)).longValue();
  }

  default int getInt(String field) {
    return ((Number) get(field)).intValue();
  }

  default float getFloat(String field) {
    return ((Number) get(field)).floatValue();
  }

  default double getDouble(String field) {
    return ((Number) get(field)).doubleValue();
  }

  default boolean getBoolean(String field) {
    return (Boolean) get(field);
  }

  default UUID getUuid(String field) {
    return (UUID) get(field);
  }

  /** An enum field's constant, looked up by its old ordinal in {@code type}; null for null. */
  default <E extends Enum<E>> E getEnum(String field, Class<E> type) {
    int ordinal = getInt(field);
    return ordinal < 0 ? null : type.getEnumConstants()[ordinal];
  }
}
