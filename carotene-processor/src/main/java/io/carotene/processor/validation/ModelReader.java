package io.carotene.processor.validation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.Quantization;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.ValueKind;
import io.carotene.processor.model.ValueType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads records into {@link RecordModel}s, with their nested records, and reports what a model
 * cannot hold. Each record is read once per compilation, so a record shared by two stores is
 * reported once.
 */
public final class ModelReader {
  private final Diagnostics diagnostics;
  private final NameClaims names;
  private final RecordMemo<Optional<RecordModel>> records = new RecordMemo<>();

  public ModelReader(Diagnostics diagnostics, NameClaims names) {
    this.diagnostics = diagnostics;
    this.names = names;
  }

  /** The first component, in {@code record} or a record it contains, whose type is unresolved. */
  public Optional<RecordComponentElement> firstUnresolved(TypeElement record) {
    return firstUnresolved(record, new HashSet<>());
  }

  private Optional<RecordComponentElement> firstUnresolved(TypeElement record, Set<String> seen) {
    if (!seen.add(record.getQualifiedName().toString())) {
      return Optional.empty();
    }
    for (RecordComponentElement component : record.getRecordComponents()) {
      TypeMirror type = component.asType();
      if (ErrorTypes.contains(type)) {
        return Optional.of(component);
      }
      if (type instanceof DeclaredType declared
          && declared.asElement().getKind() == ElementKind.RECORD) {
        Optional<RecordComponentElement> nested =
            firstUnresolved((TypeElement) declared.asElement(), seen);
        if (nested.isPresent()) {
          return nested;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The record's model, or empty when it (or a record it contains) has errors, which are then
   * reported. Call only once {@link #firstUnresolved} is empty.
   */
  public Optional<RecordModel> read(TypeElement record) {
    return records.read(record, this::readUncached);
  }

  private Optional<RecordModel> readUncached(TypeElement record) {
    boolean valid = true;
    if (isPrivate(record)) {
      diagnostics.error(Message.PRIVATE_TYPE, record, "Model " + record.getSimpleName());
      valid = false;
    }
    if (!record.getTypeParameters().isEmpty()) {
      diagnostics.error(Message.GENERIC_MODEL, record, record.getSimpleName());
      valid = false;
    }
    String recordName = record.getSimpleName().toString();
    List<ComponentModel> components = new ArrayList<>();
    for (RecordComponentElement component : record.getRecordComponents()) {
      String name = component.getSimpleName().toString();
      if (name.equals("toRecord")) {
        diagnostics.error(
            Message.RESERVED_COMPONENT_NAME,
            positionOf(component),
            name,
            recordName,
            "toRecord() method");
        valid = false;
        continue;
      }
      ValueRead value = classify(component.asType(), false);
      if (value instanceof ValueRead.Supported supported) {
        Optional<Quantization> quantization = Optional.empty();
        if (Annotations.has(component, Annotations.QUANTIZED)) {
          quantization = readQuantized(component, supported.type(), recordName);
          valid &= quantization.isPresent();
        }
        components.add(
            new ComponentModel(
                name,
                supported.type(),
                Annotations.has(component, Annotations.ID),
                quantization.orElse(null)));
        continue;
      }
      valid = false;
      if (value instanceof ValueRead.Unsupported) {
        diagnostics.error(
            Message.UNSUPPORTED_COMPONENT_TYPE,
            positionOf(component),
            name,
            recordName,
            component.asType());
      } else if (value instanceof ValueRead.Recursive recursive) {
        diagnostics.error(
            Message.RECURSIVE_MODEL, positionOf(component), name, recordName, recursive.record());
      } else if (value instanceof ValueRead.PrivateType privateType) {
        diagnostics.error(Message.PRIVATE_TYPE, positionOf(component), privateType.type());
      }
      // An InvalidRecord reported its own errors.
    }
    ClassName recordClass = ClassName.get(record);
    ClassName mutableName = GeneratedNames.mutable(recordClass);
    ClassName codecName = GeneratedNames.codec(recordClass);
    ClassName wireName = GeneratedNames.wire(recordClass);
    boolean stored = components.stream().filter(ComponentModel::isId).count() == 1;
    for (ClassName generated : stored ? List.of(mutableName, codecName, wireName) : List.of(mutableName, codecName)) {
      valid &= names.claim(generated, record);
    }
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(
        new RecordModel(record, recordClass, mutableName, codecName, wireName, components));
  }

  /**
   * The component's {@code @Quantized}, or empty when it is unsound, which is then reported on the
   * attribute at fault.
   */
  private Optional<Quantization> readQuantized(
      RecordComponentElement component, ValueType type, String recordName) {
    Element position = positionOf(component);
    AnnotationMirror annotation = Annotations.find(position, Annotations.QUANTIZED).orElse(null);
    if (annotation == null) {
      position = component;
      annotation = Annotations.find(component, Annotations.QUANTIZED).orElseThrow();
    }
    String where = recordName + "." + component.getSimpleName();
    AnnotationValue minValue = Annotations.explicitValue(annotation, "min");
    AnnotationValue maxValue = Annotations.explicitValue(annotation, "max");
    AnnotationValue precisionValue = Annotations.explicitValue(annotation, "precision");
    if (minValue == null || maxValue == null || precisionValue == null) {
      return Optional.empty(); // javac reports the missing attribute
    }
    double min = ((Number) minValue.getValue()).doubleValue();
    double max = ((Number) maxValue.getValue()).doubleValue();
    double precision = ((Number) precisionValue.getValue()).doubleValue();
    boolean valid = true;
    if (!quantizable(type)) {
      diagnostics.error(
          Message.QUANTIZED_TYPE, position, annotation, where, type.displayName());
      valid = false;
    }
    if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
      diagnostics.error(
          Message.QUANTIZED_RANGE,
          position,
          annotation,
          Double.isFinite(min) ? maxValue : minValue,
          min,
          max,
          where);
      return Optional.empty();
    }
    if (!(Double.isFinite(precision) && precision > 0)) {
      diagnostics.error(
          Message.QUANTIZED_PRECISION,
          position,
          annotation,
          precisionValue,
          precision,
          where,
          precision == 0 ? " (1 / 32 is integer division, which is 0: write 1.0 / 32)" : "");
      return Optional.empty();
    }
    long steps = Quantization.steps(min, max, precision);
    if (steps > Quantization.MAX_STEPS) {
      diagnostics.error(
          Message.QUANTIZED_TOO_MANY_STEPS,
          position,
          annotation,
          precisionValue,
          where,
          String.format(Locale.ROOT, "%,d", steps),
          precision,
          new BigDecimal((max - min) / Quantization.MAX_STEPS)
              .round(new MathContext(2, RoundingMode.UP))
              .toPlainString());
      return Optional.empty();
    }
    if (type.kind() == ValueKind.RECORD) {
      Optional<String> inner = firstQuantized(type.record());
      if (inner.isPresent()) {
        diagnostics.error(Message.QUANTIZED_TWICE, position, annotation, where, inner.get());
        valid = false;
      }
    }
    return valid ? Optional.of(new Quantization(min, max, precision)) : Optional.empty();
  }

  /** Whether a value of this type holds a float or a double for {@code @Quantized} to apply to. */
  private static boolean quantizable(ValueType type) {
    return switch (type.kind()) {
      case FLOAT, DOUBLE -> true;
      case RECORD ->
          type.record().components().stream().anyMatch(component -> quantizable(component.type()));
      default -> false;
    };
  }

  /** The first component with {@code @Quantized} in {@code record} or a record in it: {@code Vector3.x}. */
  private static Optional<String> firstQuantized(RecordModel record) {
    for (ComponentModel component : record.components()) {
      if (component.quantization() != null) {
        return Optional.of(record.simpleName() + "." + component.name());
      }
      if (component.type().record() != null) {
        Optional<String> nested = firstQuantized(component.type().record());
        if (nested.isPresent()) {
          return nested;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The type of a handler's argument: what a component may be, and also the boxed primitives
   * (a client always sends a value, so a box is never null).
   */
  public ValueRead argument(TypeMirror type) {
    return classify(type, true);
  }

  private ValueRead classify(TypeMirror type, boolean allowBoxes) {
    ValueKind primitive = ValueKind.ofPrimitive(type.getKind());
    if (primitive != null) {
      return new ValueRead.Supported(ValueType.of(primitive, TypeName.get(type)));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return new ValueRead.Unsupported();
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    String qualifiedName = element.getQualifiedName().toString();
    if (!declared.getTypeArguments().isEmpty()) {
      return new ValueRead.Unsupported();
    }
    if (qualifiedName.equals("java.lang.String")) {
      return new ValueRead.Supported(ValueType.of(ValueKind.STRING, ClassName.get(element)));
    }
    if (qualifiedName.equals("java.util.UUID")) {
      return new ValueRead.Supported(ValueType.of(ValueKind.UUID, ClassName.get(element)));
    }
    if (allowBoxes && ValueKind.ofBox(qualifiedName) != null) {
      return new ValueRead.Supported(ValueType.of(ValueKind.ofBox(qualifiedName), ClassName.get(element)));
    }
    if (element.getKind() == ElementKind.ENUM) {
      if (isPrivate(element)) {
        return new ValueRead.PrivateType("Enum " + element.getSimpleName());
      }
      int constants =
          (int)
              element.getEnclosedElements().stream()
                  .filter(member -> member.getKind() == ElementKind.ENUM_CONSTANT)
                  .count();
      return new ValueRead.Supported(ValueType.ofEnum(ClassName.get(element), constants));
    }
    if (element.getKind() == ElementKind.RECORD) {
      if (records.isReading(qualifiedName)) {
        return new ValueRead.Recursive(element.getSimpleName().toString());
      }
      Optional<RecordModel> nested = read(element);
      return nested.<ValueRead>map(model -> new ValueRead.Supported(ValueType.ofRecord(model)))
          .orElseGet(ValueRead.InvalidRecord::new);
    }
    return new ValueRead.Unsupported();
  }

  /**
   * Where to report a problem with a record component. javac 17 gives record components no
   * source position, but the record's private field of the same name has the component's.
   */
  public static Element positionOf(RecordComponentElement component) {
    for (Element member : component.getEnclosingElement().getEnclosedElements()) {
      if (member.getKind() == ElementKind.FIELD
          && member.getSimpleName().contentEquals(component.getSimpleName())) {
        return member;
      }
    }
    return component;
  }

  /** Whether the type or a type it is nested in is private. */
  static boolean isPrivate(Element type) {
    for (Element e = type; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  /** How a type reads as a value. */
  public sealed interface ValueRead {
    record Supported(ValueType type) implements ValueRead {}

    /** Not a type a model or call can carry. */
    record Unsupported() implements ValueRead {}

    /** A record that contains itself. */
    record Recursive(String record) implements ValueRead {}

    /** An enum that generated code cannot see. */
    record PrivateType(String type) implements ValueRead {}

    /** A record with errors of its own, already reported. */
    record InvalidRecord() implements ValueRead {}
  }
}
