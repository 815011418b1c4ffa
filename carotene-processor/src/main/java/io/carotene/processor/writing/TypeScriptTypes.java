package io.carotene.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.DomainModel;
import io.carotene.processor.model.HandlerModel;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.ResultType;
import io.carotene.processor.model.RouteModel;
import io.carotene.processor.model.StoreModel;
import io.carotene.processor.model.ValueKind;
import io.carotene.processor.model.ValueType;
import io.carotene.processor.model.Visibility;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The TypeScript declarations of one domain's client: an interface per record (stored models,
 * nested records, arguments and results), a string union per enum, and how each Java type is
 * written in TypeScript. Records and enums are named by their simple names, as the wire names
 * nothing else.
 */
final class TypeScriptTypes {
  /** Enum constants by the enum's canonical name, in declaration order (the ordinals). */
  private final Map<String, List<String>> enums = new LinkedHashMap<>();

  private final Map<String, String> interfaces = new LinkedHashMap<>();

  TypeScriptTypes(DomainModel domain, List<BackendModel> backends) {
    for (StoreModel store : TypeScriptTypes.visibleStores(domain)) {
      declare(store.model());
    }
    for (BackendModel backend : backends) {
      backend.argumentRecords().forEach(this::declare);
      backend.resultRecords().forEach(this::declare);
      for (Element member : backend.element().getEnclosedElements()) {
        if (member instanceof ExecutableElement method) {
          method.getParameters().forEach(p -> collectEnums(p.asType()));
          collectEnums(method.getReturnType());
        }
      }
    }
  }

  /** Every interface and enum type, in the order they were met. */
  String declarations() {
    StringBuilder out = new StringBuilder();
    enums.forEach(
        (name, constants) ->
            out.append("/** The Java enum `")
                .append(name)
                .append("`: its constants, as the wire names them. */\nexport type ")
                .append(simpleName(name))
                .append(" = ")
                .append(constants.isEmpty() ? "never" : String.join(" | ", quoted(constants)))
                .append(";\n\n"));
    interfaces.values().forEach(out::append);
    return out.toString();
  }

  /** The constants of the enum a value names, for the decoder: empty when it is no enum. */
  List<String> constants(TypeName type) {
    return type instanceof ClassName name ? enums.getOrDefault(name.canonicalName(), List.of()) : List.of();
  }

  /** The TypeScript type of a stored or argument value. */
  String of(ValueType type) {
    String base =
        switch (type.kind()) {
          case BOOLEAN -> "boolean";
          case BYTE, SHORT, INT, LONG, FLOAT, DOUBLE -> "number";
          case CHAR, STRING, UUID -> "string";
          case ENUM, RECORD -> ((ClassName) type.typeName()).simpleName();
        };
    // Only an enum may be absent on the wire (ordinal -1); other values are always written.
    return type.kind() == ValueKind.ENUM ? base + " | null" : base;
  }

  /** The TypeScript type of a returned value ({@code void} for none). */
  String of(ResultType type) {
    if (type == null) {
      return "void";
    }
    if (type instanceof ResultType.RecordResult record) {
      return record.record().recordName().simpleName();
    }
    if (type instanceof ResultType.ListResult list) {
      String element = of(list.element());
      return element.contains(" ") ? "Array<" + element + ">" : element + "[]";
    }
    ResultType.Scalar scalar = (ResultType.Scalar) type;
    String base =
        switch (scalar.kind()) {
          case BOOLEAN -> "boolean";
          case BYTE, SHORT, INT, LONG, FLOAT, DOUBLE -> "number";
          case ENUM -> ((ClassName) scalar.typeName()).simpleName();
          default -> "string";
        };
    return scalar.kind() == ValueKind.ENUM ? base + " | null" : base;
  }

  /** A handler's or route's parameters the client passes, as a TypeScript parameter list. */
  String parameters(List<Parameter> parameters) {
    List<String> out = new ArrayList<>();
    for (Parameter parameter : parameters) {
      if (parameter instanceof Parameter.ArgumentParameter argument) {
        out.add(argument.name() + ": " + of(argument.type()));
      }
    }
    return String.join(", ", out);
  }

  private void declare(RecordModel record) {
    String name = record.recordName().canonicalName();
    if (interfaces.containsKey(name)) {
      return;
    }
    interfaces.put(name, "");
    collectEnums(record.element());
    StringBuilder out = new StringBuilder(doc(record.recordName()));
    out.append("export interface ").append(record.simpleName()).append(" {\n");
    for (ComponentModel component : record.components()) {
      if (component.type().record() != null) {
        declare(component.type().record());
      }
      out.append("  ").append(component.name()).append(": ").append(of(component.type())).append(";\n");
    }
    interfaces.put(name, out.append("}\n\n").toString());
  }

  private void declare(ResultType.ResultRecord record) {
    String name = record.recordName().canonicalName();
    if (interfaces.containsKey(name)) {
      return;
    }
    interfaces.put(name, "");
    collectEnums(record.element());
    StringBuilder out = new StringBuilder(doc(record.recordName()));
    out.append("export interface ").append(record.recordName().simpleName()).append(" {\n");
    for (ResultType.Component component : record.components()) {
      out.append("  ").append(component.name()).append(": ").append(of(component.type())).append(";\n");
    }
    interfaces.put(name, out.append("}\n\n").toString());
    record.nested().forEach(this::declare);
  }

  private void collectEnums(TypeElement record) {
    record.getRecordComponents().forEach(component -> collectEnums(component.asType()));
  }

  private void collectEnums(TypeMirror type) {
    if (!(type instanceof DeclaredType declared)) {
      return;
    }
    declared.getTypeArguments().forEach(this::collectEnums);
    TypeElement element = (TypeElement) declared.asElement();
    if (element.getKind() != ElementKind.ENUM) {
      return;
    }
    enums.computeIfAbsent(
        element.getQualifiedName().toString(),
        key ->
            element.getEnclosedElements().stream()
                .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
                .map(e -> e.getSimpleName().toString())
                .toList());
  }

  private static String doc(ClassName record) {
    return "/** The Java record `" + record.canonicalName() + "`. */\n";
  }

  static String simpleName(String canonicalName) {
    return canonicalName.substring(canonicalName.lastIndexOf('.') + 1);
  }

  static List<String> quoted(List<String> names) {
    return names.stream().map(n -> "'" + n + "'").toList();
  }

  static List<HandlerModel> handlers(List<BackendModel> backends) {
    return backends.stream().flatMap(b -> b.handlers().stream()).toList();
  }

  static List<RouteModel> routes(List<BackendModel> backends) {
    return backends.stream().flatMap(b -> b.routes().stream()).toList();
  }

  /** The stores clients receive: a private store (no {@code @Visible}) is never sent, so it has no client type. */
  static List<StoreModel> visibleStores(DomainModel domain) {
    return domain.stores().stream()
        .filter(store -> !(store.visibility() instanceof Visibility.Private))
        .toList();
  }
}
