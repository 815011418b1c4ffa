package io.carotene.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.ValueKind;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code Mutable<Name>}: the reusable, mutable flyweight of a record. Its fields are
 * package-private so the codec next to it reads and writes them directly; a {@code UUID} is kept
 * as its two longs and a nested record as a nested flyweight, so decoding an entry allocates
 * nothing (a {@code String} excepted).
 */
public final class FlyweightWriter {
  private FlyweightWriter() {}

  /** The name of the field holding a UUID component's high bits. */
  static String mostSigBits(ComponentModel component) {
    return component.name() + "MostSigBits";
  }

  /** The name of the field holding a UUID component's low bits. */
  static String leastSigBits(ComponentModel component) {
    return component.name() + "LeastSigBits";
  }

  public static JavaFile write(RecordModel record) {
    ClassName self = record.mutableName();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(RuntimeTypes.generated())
            .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.FLYWEIGHT, record.recordName()))
            .addOriginatingElement(record.element())
            .addJavadoc(
                "A mutable, reusable {@link $T}: what a store's in-place passes hand to game code.\n"
                    + "Generated from {@link $T}; do not keep it past the call that handed it to you.\n",
                record.recordName(),
                record.recordName());
    for (ComponentModel component : record.components()) {
      addField(type, component);
    }
    for (ComponentModel component : record.components()) {
      addAccessors(type, self, record, component);
    }
    type.addMethod(set(record));
    type.addMethod(toRecord(record));
    type.addMethod(toStringMethod(record));
    return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private static void addField(TypeSpec.Builder type, ComponentModel component) {
    ValueKind kind = component.type().kind();
    if (kind == ValueKind.UUID) {
      type.addField(TypeName.LONG, mostSigBits(component));
      type.addField(TypeName.LONG, leastSigBits(component));
    } else if (kind == ValueKind.RECORD) {
      ClassName nested = component.type().record().mutableName();
      type.addField(
          FieldSpec.builder(nested, component.name(), Modifier.FINAL)
              .initializer("new $T()", nested)
              .build());
    } else {
      type.addField(component.type().typeName(), component.name());
    }
  }

  private static void addAccessors(
      TypeSpec.Builder type, ClassName self, RecordModel record, ComponentModel component) {
    String name = component.name();
    ValueKind kind = component.type().kind();
    MethodSpec.Builder getter = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC);
    MethodSpec.Builder setter =
        MethodSpec.methodBuilder(name)
            .addModifiers(Modifier.PUBLIC)
            .returns(self)
            .addParameter(component.type().typeName(), name);
    if (kind == ValueKind.UUID) {
      getter
          .returns(RuntimeTypes.UUID)
          .addStatement(
              "return new $T($N, $N)", RuntimeTypes.UUID, mostSigBits(component), leastSigBits(component));
      setter
          .addStatement("this.$N = $N.getMostSignificantBits()", mostSigBits(component), name)
          .addStatement("this.$N = $N.getLeastSignificantBits()", leastSigBits(component), name);
    } else if (kind == ValueKind.RECORD) {
      getter
          .returns(component.type().record().mutableName())
          .addJavadoc("The $N, changed in place.\n", name)
          .addStatement("return $N", name);
      setter
          .addJavadoc("Copies every field of {@code $N} into {@link #$N()}.\n", name, name)
          .addStatement("this.$N.set($N)", name, name);
    } else {
      getter.returns(component.type().typeName()).addStatement("return $N", name);
      setter.addStatement("this.$N = $N", name, name);
    }
    if (component.isId()) {
      getter.addJavadoc(
          "The $N; read only, since it is the entry's key.$L\n",
          name,
          kind == ValueKind.UUID ? " Allocates a {@link UUID}." : "");
    } else if (kind == ValueKind.UUID) {
      getter.addJavadoc("The $N. Allocates a {@link UUID}.\n", name);
    }
    type.addMethod(getter.build());
    if (!component.isId()) {
      type.addMethod(setter.addStatement("return this").build());
    }
  }

  private static MethodSpec set(RecordModel record) {
    MethodSpec.Builder set =
        MethodSpec.methodBuilder("set")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(record.recordName(), "model");
    for (ComponentModel component : record.components()) {
      String name = component.name();
      String nullMessage = record.simpleName() + "." + name + " must not be null";
      switch (component.type().kind()) {
        case UUID -> {
          set.addStatement(
              "this.$N = $T.requireNonNull(model.$N(), $S).getMostSignificantBits()",
              mostSigBits(component),
              RuntimeTypes.OBJECTS,
              name,
              nullMessage);
          set.addStatement(
              "this.$N = model.$N().getLeastSignificantBits()", leastSigBits(component), name);
        }
        case RECORD ->
            set.addStatement(
                "this.$N.set($T.requireNonNull(model.$N(), $S))",
                name,
                RuntimeTypes.OBJECTS,
                name,
                nullMessage);
        default -> set.addStatement("this.$N = model.$N()", name, name);
      }
    }
    return set.build();
  }

  private static MethodSpec toRecord(RecordModel record) {
    List<CodeBlock> values = new ArrayList<>();
    for (ComponentModel component : record.components()) {
      values.add(
          switch (component.type().kind()) {
            case UUID ->
                CodeBlock.of(
                    "new $T(this.$N, this.$N)",
                    RuntimeTypes.UUID,
                    mostSigBits(component),
                    leastSigBits(component));
            case RECORD -> CodeBlock.of("this.$N.toRecord()", component.name());
            default -> CodeBlock.of("this.$N", component.name());
          });
    }
    return MethodSpec.methodBuilder("toRecord")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(record.recordName())
        .addStatement("return new $T($L)", record.recordName(), CodeBlock.join(values, ", "))
        .build();
  }

  private static MethodSpec toStringMethod(RecordModel record) {
    CodeBlock.Builder text = CodeBlock.builder();
    String separator = record.mutableName().simpleName() + "[";
    for (ComponentModel component : record.components()) {
      text.add("$S + $N() + ", separator + component.name() + "=", component.name());
      separator = ", ";
    }
    text.add("$S", record.components().isEmpty() ? separator + "]" : "]");
    return MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $L", text.build())
        .build();
  }
}
