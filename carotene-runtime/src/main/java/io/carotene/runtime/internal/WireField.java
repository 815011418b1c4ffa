package io.carotene.runtime.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One field of a store entry's binary snapshot encoding, as the schema frame lists it (PROTOCOL.md,
 * section 5.2). Generated {@code <Model>Wire} classes declare theirs as constants.
 *
 * @param name the dotted path of the field in the model ({@code position.x}): nested records are
 *     flattened
 * @param type its wire type: {@code bool}, {@code i8} … {@code i64}, {@code u16}, {@code f32},
 *     {@code f64}, {@code uuid}, {@code enum8}, {@code enum32}, or {@code uq8}, {@code uq16},
 *     {@code uq32} when quantized
 * @param offset where it starts in the entry's bytes
 * @param size its size in bytes
 * @param quantization how it is quantized; null when it is sent raw
 */
public record WireField(String name, String type, int offset, int size, Quantization quantization) {
  /** A field sent as the codec encodes it. */
  public static WireField raw(String name, String type, int offset, int size) {
    return new WireField(name, type, offset, size, null);
  }

  /** A {@code @Quantized} field: an unsigned step count of {@code size} bytes. */
  public static WireField quantized(
      String name, String type, int offset, int size, double min, double max, double precision) {
    Quantization quantization = new Quantization(min, max, precision);
    if (quantization.width() != size) {
      throw new IllegalArgumentException(name + ": " + quantization + " takes " + quantization.width() + " bytes, not " + size);
    }
    return new WireField(name, type, offset, size, quantization);
  }

  public boolean isQuantized() {
    return quantization != null;
  }

  /** The field as the schema frame lists it: name, type, offset, size, and min, max, precision when quantized. */
  public Map<String, Object> schema() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("name", name);
    schema.put("type", type);
    schema.put("offset", offset);
    schema.put("size", size);
    if (quantization != null) {
      schema.put("min", quantization.min());
      schema.put("max", quantization.max());
      schema.put("precision", quantization.precision());
    }
    return schema;
  }
}
