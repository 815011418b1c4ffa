package io.carotene.runtime.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A socket operation a binary connection may call with a binary call frame (PROTOCOL.md, sections
 * 3 and 5.2): its arguments, in parameter order, each in its codec's raw off-heap layout (never
 * quantized), flattened into fields of fixed size. Generated with the dispatcher.
 *
 * @param name the operation
 * @param argsSize the bytes of all its arguments
 * @param args every value, nested records flattened into dotted names, at its offset
 */
public record BinaryOperation(String name, int argsSize, List<WireField> args) {
  public BinaryOperation {
    args = List.copyOf(args);
  }

  /** The operation's entry in the schema's {@code operations}, with its world-wide index. */
  public Map<String, Object> schema(int index) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("name", name);
    schema.put("index", index);
    schema.put("argsSize", argsSize);
    List<Object> fields = new ArrayList<>();
    for (WireField field : args) {
      fields.add(field.schema());
    }
    schema.put("args", fields);
    return schema;
  }
}
