package io.carotene.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * What a socket handler or HTTP route returns, as the protocol carries it: a scalar, a record of
 * results, or a {@code List} of results. Results are written only (never read), so a record here
 * may hold lists and boxes, which a store model cannot.
 */
public sealed interface ResultType {
  /** The Java type as written. */
  TypeName typeName();

  /** A primitive or its box, a {@code String}, a {@code UUID} or an enum (never a record). */
  record Scalar(ValueKind kind, TypeName typeName) implements ResultType {
    public Scalar {
      if (kind == ValueKind.RECORD) {
        throw new IllegalArgumentException("a record result is a RecordResult");
      }
    }

    /** Whether the value may be null: everything but a primitive. */
    public boolean nullable() {
      return !typeName.isPrimitive();
    }
  }

  /** A record, written by its generated {@code <Name>Json}. */
  record RecordResult(ResultRecord record) implements ResultType {
    @Override
    public TypeName typeName() {
      return record.recordName();
    }
  }

  /** A {@code List} of results, written as a JSON array. */
  record ListResult(ResultType element, TypeName typeName) implements ResultType {}

  /**
   * A record returned (or contained in what is returned).
   *
   * @param element the record, the writer's originating element
   * @param recordName the record
   * @param writerName the generated {@code <Name>Json} in the record's package
   * @param components in declaration order: the JSON object's members
   */
  record ResultRecord(
      TypeElement element, ClassName recordName, ClassName writerName, List<Component> components) {
    public ResultRecord {
      components = List.copyOf(components);
    }

    /** The records its components name, directly or in lists. */
    public List<ResultRecord> nested() {
      return components.stream().flatMap(c -> records(c.type()).stream()).toList();
    }
  }

  /** One component of a returned record. */
  record Component(String name, ResultType type) {}

  /** The records {@code type} names, directly or in lists. */
  static List<ResultRecord> records(ResultType type) {
    if (type instanceof RecordResult record) {
      return List.of(record.record());
    }
    if (type instanceof ListResult list) {
      return records(list.element());
    }
    return List.of();
  }
}
