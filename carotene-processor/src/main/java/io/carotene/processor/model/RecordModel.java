package io.carotene.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * A record the processor generates a flyweight and a codec for.
 *
 * @param element the record, the generated files' originating element
 * @param recordName the record
 * @param mutableName the generated flyweight, {@code Mutable<Name>} in the record's package
 * @param codecName the generated codec, {@code <Name>Codec} in the record's package
 * @param wireName its binary snapshot form, {@code <Name>Wire} in the record's package, generated
 *     for a record with an {@code @Id} (one a store can hold)
 * @param components in declaration order, which is also the off-heap order
 */
public record RecordModel(
    TypeElement element,
    ClassName recordName,
    ClassName mutableName,
    ClassName codecName,
    ClassName wireName,
    List<ComponentModel> components) {

  public RecordModel {
    components = List.copyOf(components);
  }

  /** The record's simple name, {@code Player}. */
  public String simpleName() {
    return recordName.simpleName();
  }

  /** The encoded size in bytes, or -1 when a component has a variable size. */
  public int fixedSize() {
    int size = 0;
    for (ComponentModel component : components) {
      int componentSize = component.type().encodedSize();
      if (componentSize < 0) {
        return -1;
      }
      size += componentSize;
    }
    return size;
  }

  /** An encoded size to plan capacity with; the exact size when fixed. */
  public int averageSize() {
    int size = 0;
    for (ComponentModel component : components) {
      size += component.type().averageSize();
    }
    return Math.max(size, 1);
  }

  /** Whether a component, or one of a nested record, has {@code @Quantized}. */
  public boolean hasQuantized() {
    for (ComponentModel component : components) {
      if (component.quantization() != null
          || (component.type().record() != null && component.type().record().hasQuantized())) {
        return true;
      }
    }
    return false;
  }

  /** The {@code @Id} component, when there is exactly one. */
  public Optional<ComponentModel> id() {
    List<ComponentModel> ids = components.stream().filter(ComponentModel::isId).toList();
    return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
  }
}
