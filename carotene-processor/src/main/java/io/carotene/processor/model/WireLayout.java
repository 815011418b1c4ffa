package io.carotene.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A store model's binary snapshot form: its values in declaration order, nested records flattened
 * into dotted names, each at its offset; a {@code float} or {@code double} under {@code
 * @Quantized} as an unsigned step count, everything else as the codec encodes it.
 *
 * @param fields every value, in wire order
 * @param size the bytes of one entry, or -1 when a field has no fixed size (then offsets after it
 *     are -1 too)
 */
public record WireLayout(List<Field> fields, int size) {
  public WireLayout {
    fields = List.copyOf(fields);
  }

  /**
   * One value on the wire.
   *
   * @param path the components from the model down to the value
   * @param quantization how it is quantized; null when it is sent raw
   * @param type its wire type ({@code f32}, {@code uq16}, …; {@code utf8} for a String)
   * @param offset where it starts in an entry, or -1 after a field of variable size
   * @param size its bytes, or -1 for a String
   */
  public record Field(
      List<ComponentModel> path, Quantization quantization, String type, int offset, int size) {
    public Field {
      path = List.copyOf(path);
    }

    /** The dotted name a client reads in the schema frame: {@code position.x}. */
    public String name() {
      return path.stream().map(ComponentModel::name).collect(Collectors.joining("."));
    }

    /** The value's own component. */
    public ComponentModel component() {
      return path.get(path.size() - 1);
    }
  }

  public static WireLayout of(RecordModel record) {
    List<Field> fields = new ArrayList<>();
    int end = flatten(record, List.of(), null, 0, fields);
    return new WireLayout(fields, end);
  }

  /** The {@code @Id}'s field, when the model has one. */
  public Optional<Field> id() {
    return fields.stream().filter(field -> field.path().size() == 1 && field.component().isId()).findFirst();
  }

  /** Adds {@code record}'s values below {@code prefix}; returns the end offset, or -1. */
  private static int flatten(
      RecordModel record, List<ComponentModel> prefix, Quantization inherited, int offset, List<Field> out) {
    for (ComponentModel component : record.components()) {
      List<ComponentModel> path = new ArrayList<>(prefix);
      path.add(component);
      Quantization quantization =
          component.quantization() != null ? component.quantization() : inherited;
      ValueType type = component.type();
      if (type.kind() == ValueKind.RECORD) {
        offset = flatten(type.record(), path, quantization, offset, out);
        continue;
      }
      boolean quantized =
          quantization != null && (type.kind() == ValueKind.FLOAT || type.kind() == ValueKind.DOUBLE);
      int size = quantized ? quantization.width() : type.encodedSize();
      out.add(new Field(path, quantized ? quantization : null, quantized ? quantization.wireType() : wireType(type), offset, size));
      offset = offset < 0 || size < 0 ? -1 : offset + size;
    }
    return offset;
  }

  /** The schema's name for a raw value (PROTOCOL.md, section 5.2). */
  public static String wireType(ValueType type) {
    return switch (type.kind()) {
      case BOOLEAN -> "bool";
      case BYTE -> "i8";
      case SHORT -> "i16";
      case CHAR -> "u16";
      case INT -> "i32";
      case LONG -> "i64";
      case FLOAT -> "f32";
      case DOUBLE -> "f64";
      case STRING -> "utf8";
      case UUID -> "uuid";
      case ENUM -> type.enumFitsInByte() ? "enum8" : "enum32";
      case RECORD -> throw new IllegalArgumentException("a record is flattened, not a field");
    };
  }
}
