package io.carotene.processor.validation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.ResultType;
import io.carotene.processor.model.ValueKind;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads what a socket handler or HTTP route returns into a {@link ResultType}: primitives and their
 * boxes, {@code String}, {@code UUID}, enums, records of results and {@code List}s of results. A
 * record is read once per compilation.
 */
public final class ResultReader {
  private final Diagnostics diagnostics;
  private final NameClaims names;
  private final RecordMemo<Read> records = new RecordMemo<>();

  public ResultReader(Diagnostics diagnostics, NameClaims names) {
    this.diagnostics = diagnostics;
    this.names = names;
  }

  /** How a type reads as a result. */
  public sealed interface Read {
    record Supported(ResultType type) implements Read {}

    /** Not carried; {@code detail} says why, for the message (empty when the type says it all). */
    record Unsupported(String detail) implements Read {}

    /** A record whose problem was already reported. */
    record Invalid() implements Read {}
  }

  /**
   * What a handler or route returns.
   *
   * @param type what its model holds: null for {@code void}
   * @param sound false when the protocol cannot carry it, which was reported
   */
  public record Returned(ResultType type, boolean sound) {}

  /**
   * Reads what {@code method} returns, reporting a type the protocol cannot carry; {@code label}
   * names the method in the message ({@code Handler Login}, {@code Route POST /login}).
   */
  public Returned returned(ExecutableElement method, String label) {
    TypeMirror returned = method.getReturnType();
    if (returned.getKind() == TypeKind.VOID) {
      return new Returned(null, true);
    }
    Read read = read(returned);
    if (read instanceof Read.Supported supported) {
      return new Returned(supported.type(), true);
    }
    if (read instanceof Read.Unsupported unsupported) {
      diagnostics.error(Message.UNSUPPORTED_RETURN_TYPE, method, label, returned, unsupported.detail());
    }
    return new Returned(null, false);
  }

  /** Reads a non-void return type. */
  public Read read(TypeMirror type) {
    ValueKind primitive = ValueKind.ofPrimitive(type.getKind());
    if (primitive != null) {
      return supported(new ResultType.Scalar(primitive, TypeName.get(type)));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return new Read.Unsupported("");
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    String qualifiedName = element.getQualifiedName().toString();
    if (qualifiedName.equals("java.util.List")) {
      TypeMirror argument = declared.getTypeArguments().isEmpty() ? null : declared.getTypeArguments().get(0);
      if (argument == null || argument.getKind() != TypeKind.DECLARED) {
        return new Read.Unsupported(" (a List needs an element type such as List<Player>)");
      }
      Read elementRead = read(argument);
      if (elementRead instanceof Read.Supported supported) {
        return supported(new ResultType.ListResult(supported.type(), TypeName.get(type)));
      }
      return elementRead;
    }
    if (!declared.getTypeArguments().isEmpty()) {
      return new Read.Unsupported("");
    }
    if (qualifiedName.equals("java.lang.String")) {
      return supported(new ResultType.Scalar(ValueKind.STRING, ClassName.get(element)));
    }
    if (qualifiedName.equals("java.util.UUID")) {
      return supported(new ResultType.Scalar(ValueKind.UUID, ClassName.get(element)));
    }
    if (ValueKind.ofBox(qualifiedName) != null) {
      return supported(new ResultType.Scalar(ValueKind.ofBox(qualifiedName), ClassName.get(element)));
    }
    if (element.getKind() == ElementKind.ENUM) {
      if (ModelReader.isPrivate(element)) {
        return new Read.Unsupported(" (enum " + element.getSimpleName() + " is private)");
      }
      return supported(new ResultType.Scalar(ValueKind.ENUM, ClassName.get(element)));
    }
    if (element.getKind() == ElementKind.RECORD) {
      return record(element);
    }
    return new Read.Unsupported("");
  }

  private static Read supported(ResultType type) {
    return new Read.Supported(type);
  }

  private Read record(TypeElement record) {
    if (records.isReading(record.getQualifiedName().toString())) {
      return new Read.Unsupported(" (record " + record.getSimpleName() + " contains itself)");
    }
    return records.read(record, this::readRecord);
  }

  private Read readRecord(TypeElement record) {
    String simpleName = record.getSimpleName().toString();
    if (ModelReader.isPrivate(record)) {
      return new Read.Unsupported(" (record " + simpleName + " is private)");
    }
    if (!record.getTypeParameters().isEmpty()) {
      return new Read.Unsupported(" (record " + simpleName + " is generic)");
    }
    List<ResultType.Component> components = new ArrayList<>();
    for (RecordComponentElement component : record.getRecordComponents()) {
      Read read = read(component.asType());
      if (read instanceof Read.Supported supported) {
        components.add(new ResultType.Component(component.getSimpleName().toString(), supported.type()));
      } else if (read instanceof Read.Unsupported unsupported) {
        String detail =
            unsupported.detail().isEmpty()
                ? " (component " + component.getSimpleName() + " of " + simpleName + " is a "
                    + component.asType() + ")"
                : unsupported.detail();
        return new Read.Unsupported(detail);
      } else {
        return read;
      }
    }
    ClassName recordName = ClassName.get(record);
    ClassName writerName = GeneratedNames.json(recordName);
    if (!names.claim(writerName, record)) {
      return new Read.Invalid();
    }
    return supported(
        new ResultType.RecordResult(
            new ResultType.ResultRecord(record, recordName, writerName, components)));
  }
}
