package io.carotene.processor.model;

import java.util.Map;
import javax.lang.model.type.TypeKind;

/**
 * The kinds of value a model component or a call argument may have, with how each is laid out
 * off-heap. Anything else is a compile error that lists these.
 */
public enum ValueKind {
  BOOLEAN(1),
  BYTE(1),
  SHORT(2),
  CHAR(2),
  INT(4),
  LONG(8),
  FLOAT(4),
  DOUBLE(8),
  /** UTF-8 with a stop-bit length: variable size. */
  STRING(-1),
  /** Two longs (most, then least significant bits). */
  UUID(16),
  /** The ordinal, one byte or four (see {@link ValueType#encodedSize()}); -1 stands for null. */
  ENUM(-1),
  /** The nested record's components, inline, in declaration order. */
  RECORD(-1);

  private static final Map<String, ValueKind> BOXES =
      Map.of(
          "java.lang.Boolean", BOOLEAN,
          "java.lang.Byte", BYTE,
          "java.lang.Short", SHORT,
          "java.lang.Character", CHAR,
          "java.lang.Integer", INT,
          "java.lang.Long", LONG,
          "java.lang.Float", FLOAT,
          "java.lang.Double", DOUBLE);

  private final int primitiveSize;

  ValueKind(int primitiveSize) {
    this.primitiveSize = primitiveSize;
  }

  /** The primitive kind a box class ({@code java.lang.Integer}) holds, or {@code null} for any other class. */
  public static ValueKind ofBox(String qualifiedName) {
    return BOXES.get(qualifiedName);
  }

  /** The kind of a primitive type ({@code int}), or {@code null} for any other type. */
  public static ValueKind ofPrimitive(TypeKind kind) {
    return switch (kind) {
      case BOOLEAN -> BOOLEAN;
      case BYTE -> BYTE;
      case SHORT -> SHORT;
      case CHAR -> CHAR;
      case INT -> INT;
      case LONG -> LONG;
      case FLOAT -> FLOAT;
      case DOUBLE -> DOUBLE;
      default -> null;
    };
  }

  /** The encoded size of a kind whose size does not depend on the type, else -1. */
  int primitiveSize() {
    return primitiveSize;
  }

  /** Whether values of this kind are Java primitives. */
  public boolean isPrimitive() {
    return ordinal() <= DOUBLE.ordinal();
  }
}
