package io.carotene.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Objects;

/**
 * The type of one component or argument, resolved to what the writers need.
 *
 * @param kind how it is encoded
 * @param typeName the Java type as written (primitive, boxed, or a class)
 * @param enumConstants for an enum, how many constants it has (decides a one- or four-byte
 *     ordinal); 0 otherwise
 * @param record for a record, its model; null otherwise
 */
public record ValueType(ValueKind kind, TypeName typeName, int enumConstants, RecordModel record) {
  public ValueType {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(typeName, "typeName");
    if ((kind == ValueKind.RECORD) != (record != null)) {
      throw new IllegalArgumentException("a record value needs its model, and only it: " + kind);
    }
  }

  public static ValueType of(ValueKind kind, TypeName typeName) {
    return new ValueType(kind, typeName, 0, null);
  }

  public static ValueType ofEnum(ClassName enumName, int constants) {
    return new ValueType(ValueKind.ENUM, enumName, constants, null);
  }

  public static ValueType ofRecord(RecordModel record) {
    return new ValueType(ValueKind.RECORD, record.recordName(), 0, record);
  }

  /** Whether an enum's ordinal fits one signed byte (with -1 left for null). */
  public boolean enumFitsInByte() {
    return enumConstants <= Byte.MAX_VALUE;
  }

  /** The encoded size in bytes, or -1 when it varies. */
  public int encodedSize() {
    return switch (kind) {
      case ENUM -> enumFitsInByte() ? 1 : 4;
      case RECORD -> record.fixedSize();
      default -> kind.primitiveSize();
    };
  }

  /** An encoded size to plan with: the exact size when fixed, an estimate otherwise. */
  public int averageSize() {
    return switch (kind) {
      // One length byte and about 16 characters: names, tags and short labels.
      case STRING -> 17;
      case RECORD -> record.averageSize();
      default -> encodedSize();
    };
  }

  /** The class name of the type, boxed when primitive: what an {@code instanceof} names. */
  public TypeName boxedTypeName() {
    return typeName.isPrimitive() ? typeName.box() : typeName;
  }

  /** How a person reads the type in a message: {@code float}, {@code UUID}, {@code Vector3}. */
  public String displayName() {
    if (typeName.isPrimitive()) {
      return typeName.toString();
    }
    if (typeName instanceof ClassName className) {
      return className.simpleName();
    }
    return typeName.toString();
  }
}
