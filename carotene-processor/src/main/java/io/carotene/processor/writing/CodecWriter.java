package io.carotene.processor.writing;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.ValueKind;
import io.carotene.processor.model.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Name>Codec}: a record's off-heap layout (its components in declaration order, no
 * Java serialization) and its JSON form. The codec of a record with an {@code @Id} can hold a
 * store's entries: it also extends {@code FlyweightMarshaller}, has an {@code INSTANCE}, and names
 * its binary snapshot form ({@link WireWriter}).
 */
public final class CodecWriter {
  private final RecordModel record;
  private final ClassName mutable;
  /** The cached {@code values()} array of each enum the record uses, by enum. */
  private final Map<TypeName, String> enumConstants = new LinkedHashMap<>();

  private CodecWriter(RecordModel record) {
    this.record = record;
    this.mutable = record.mutableName();
    for (ComponentModel component : record.components()) {
      if (component.type().kind() == ValueKind.ENUM) {
        TypeName enumType = component.type().typeName();
        if (!enumConstants.containsKey(enumType)) {
          String base = upperSnake(((ClassName) enumType).simpleName()) + "_VALUES";
          String name = base;
          for (int n = 2; enumConstants.containsValue(name); n++) {
            name = base + n;
          }
          enumConstants.put(enumType, name);
        }
      }
    }
  }

  /** Whether the record's codec can hold a store's entries: it has exactly one {@code @Id}. */
  public static boolean isMarshaller(RecordModel record) {
    return record.id().isPresent();
  }

  public static JavaFile write(RecordModel record) {
    return new CodecWriter(record).file();
  }

  private JavaFile file() {
    ClassName self = record.codecName();
    boolean marshaller = isMarshaller(record);
    int size = record.fixedSize();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(RuntimeTypes.generated())
            .addOriginatingElement(record.element())
            .addJavadoc(
                "Encodes {@link $T}: $L off-heap ($L, in declaration order), and JSON on the wire.\n",
                record.recordName(),
                size >= 0 ? size + " bytes" : "a variable number of bytes",
                String.join(", ", record.components().stream().map(ComponentModel::name).toList()));
    if (size >= 0) {
      type.addField(
          FieldSpec.builder(int.class, "SIZE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("The encoded size in bytes.\n")
              .initializer("$L", size)
              .build());
    } else {
      type.addField(
          FieldSpec.builder(
                  int.class, "AVERAGE_SIZE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc(
                  "An estimate of the encoded size in bytes (strings vary), to size stores with.\n")
              .initializer("$L", record.averageSize())
              .build());
    }
    if (marshaller) {
      type.superclass(ParameterizedTypeName.get(RuntimeTypes.FLYWEIGHT_MARSHALLER, mutable));
      type.addField(
          FieldSpec.builder(self, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("The codec; it is stateless.\n")
              .initializer("new $T()", self)
              .build());
    }
    enumConstants.forEach(
        (enumType, name) ->
            type.addField(
                FieldSpec.builder(
                        ArrayTypeName.of(enumType), name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("Decodes an ordinal without allocating a new values array.\n")
                    .initializer("$T.values()", enumType)
                    .build()));
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    type.addMethod(OffHeapMethods.decode(record, enumConstants));
    type.addMethod(OffHeapMethods.encode(record));
    type.addMethod(fromJsonParser());
    type.addMethod(fromJson());
    type.addMethod(toJson());
    if (marshaller) {
      addMarshallerMethods(type, size);
    }
    return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private MethodSpec fromJson() {
    return MethodSpec.methodBuilder("fromJson")
        .addJavadoc(
            "Reads a {@link $T} from a JSON object (an HTTP route's argument), as {@link\n"
                + "#fromJson(JsonParser, String)} reads it from a parser.\n",
            record.recordName())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(record.recordName())
        .addParameter(RuntimeTypes.JSON_NODE, "node")
        .addParameter(String.class, "path")
        .beginControlFlow("try ($T json = $T.traverse(node))", RuntimeTypes.JSON_PARSER, RuntimeTypes.JSON_ARGS)
        .addStatement("return fromJson(json, path)")
        .nextControlFlow("catch ($T e)", RuntimeTypes.IO_EXCEPTION)
        .addStatement("throw new $T(e)", RuntimeTypes.UNCHECKED_IO_EXCEPTION)
        .endControlFlow()
        .build();
  }

  private MethodSpec fromJsonParser() {
    List<Member> members = new ArrayList<>();
    for (ComponentModel component : record.components()) {
      members.add(new Member(component.name(), component.type()));
    }
    NameAllocator names = new NameAllocator();
    List.of("json", "path").forEach(name -> names.newName(name, "taken:" + name));
    CodeBlock.Builder body = CodeBlock.builder().addStatement("$T.object(json, path)", RuntimeTypes.JSON_ARGS);
    List<CodeBlock> locals = readObject(members, "json", CodeBlock.of("path"), enumConstants, names, body);
    return MethodSpec.methodBuilder("fromJson")
        .addJavadoc(
            "Reads a {@link $T} from the JSON object {@code json} is on, members in any order (an\n"
                + "unknown one skipped, a repeated one's last value kept), leaving it on the object's\n"
                + "end; errors name the member by its path below {@code path}.\n",
            record.recordName())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(record.recordName())
        .addParameter(RuntimeTypes.JSON_PARSER, "json")
        .addParameter(String.class, "path")
        .addException(RuntimeTypes.IO_EXCEPTION)
        .addCode(body.build())
        .addStatement("return new $T($L)", record.recordName(), CodeBlock.join(locals, ", "))
        .build();
  }

  /** A member of a JSON object to read: a record's component, or a handler's argument. */
  record Member(String name, ValueType type) {}

  /**
   * Adds to {@code body} the statements that check that {@code parser} is on an object at {@code
   * path}, read its members in any order into locals, then check them in declaration order: the
   * first member that is missing or was of the wrong type (its last occurrence) fails, as reading a
   * tree member by member did. Returns the locals, in order.
   *
   * @param parent the expression of the object's path, or {@code null} at the top of a call's args
   */
  static List<CodeBlock> readObject(
      List<Member> members,
      String parser,
      CodeBlock parent,
      Map<TypeName, String> enumConstants,
      NameAllocator names,
      CodeBlock.Builder body) {
    String member = names.newName("member");
    String token = names.newName("token");
    String error = names.newName("e");
    List<String> values = new ArrayList<>();
    List<String> sets = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Member m : members) {
      values.add(names.newName(m.name()));
      sets.add(names.newName(m.name() + "Set"));
      errors.add(names.newName(m.name() + "Error"));
    }
    for (int i = 0; i < members.size(); i++) {
      TypeName type = members.get(i).type().typeName();
      body.addStatement("$T $N = $L", type, values.get(i), type.isPrimitive() ? (type.equals(TypeName.BOOLEAN) ? "false" : "0") : "null");
      body.addStatement("boolean $N = false", sets.get(i));
      body.addStatement("$T $N = null", RuntimeTypes.BAD_ARGUMENT, errors.get(i));
    }
    body.beginControlFlow("while ($N.nextToken() == $T.FIELD_NAME)", parser, RuntimeTypes.JSON_TOKEN)
        .addStatement("String $N = $N.currentName()", member, parser)
        .addStatement("$T $N = $N.nextToken()", RuntimeTypes.JSON_TOKEN, token, parser)
        .beginControlFlow("switch ($N)", member);
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      body.add("case $S:\n$>", m.name())
          .addStatement("$N = false", sets.get(i))
          .addStatement("$N = null", errors.get(i))
          .beginControlFlow("if ($N != $T.VALUE_NULL)", token, RuntimeTypes.JSON_TOKEN)
          .beginControlFlow("try")
          .addStatement("$N = $L", values.get(i), readToken(m.type(), parser, parent, m.name(), enumConstants))
          .addStatement("$N = true", sets.get(i))
          .nextControlFlow("catch ($T $N)", RuntimeTypes.BAD_ARGUMENT, error)
          .addStatement("$N = $N", errors.get(i), error)
          .addStatement("$N.skipChildren()", parser)
          .endControlFlow()
          .endControlFlow()
          .addStatement("break")
          .add("$<");
    }
    body.add("default:\n$>").addStatement("$N.skipChildren()", parser).add("$<");
    body.endControlFlow().endControlFlow();
    List<CodeBlock> locals = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      body.beginControlFlow("if ($N != null)", errors.get(i))
          .addStatement("throw $N", errors.get(i))
          .endControlFlow()
          .beginControlFlow("if (!$N)", sets.get(i))
          .addStatement("throw $T.missing($L, $S)", RuntimeTypes.JSON_ARGS, parent == null ? "null" : parent, members.get(i).name())
          .endControlFlow();
      locals.add(CodeBlock.of("$N", values.get(i)));
    }
    return locals;
  }

  /**
   * The expression that reads the value {@code parser} is on as {@code value}, the member {@code
   * name} of the object at {@code parent} (null at the top of a call's args).
   */
  private static CodeBlock readToken(
      ValueType value, String parser, CodeBlock parent, String name, Map<TypeName, String> enumConstants) {
    ClassName json = RuntimeTypes.JSON_ARGS;
    CodeBlock where = CodeBlock.of("$N, $L, $S", parser, parent == null ? "null" : parent, name);
    return switch (value.kind()) {
      case BOOLEAN -> CodeBlock.of("$T.toBoolean($L)", json, where);
      case BYTE -> CodeBlock.of("$T.toByte($L)", json, where);
      case SHORT -> CodeBlock.of("$T.toShort($L)", json, where);
      case CHAR -> CodeBlock.of("$T.toChar($L)", json, where);
      case INT -> CodeBlock.of("$T.toInt($L)", json, where);
      case LONG -> CodeBlock.of("$T.toLong($L)", json, where);
      case FLOAT -> CodeBlock.of("$T.toFloat($L)", json, where);
      case DOUBLE -> CodeBlock.of("$T.toDouble($L)", json, where);
      case STRING -> CodeBlock.of("$T.toText($L)", json, where);
      case UUID -> CodeBlock.of("$T.toUuid($L)", json, where);
      case ENUM -> {
        String cached = enumConstants.get(value.typeName());
        yield cached != null
            ? CodeBlock.of("$T.toEnum($L, $N)", json, where, cached)
            : CodeBlock.of("$T.toEnum($L, $T.values())", json, where, value.typeName());
      }
      case RECORD ->
          CodeBlock.of(
              "$T.fromJson($N, $L)",
              value.record().codecName(),
              parser,
              parent == null ? CodeBlock.of("$S", name) : CodeBlock.of("$T.path($L, $S)", json, parent, name));
    };
  }

  /**
   * The expression that reads {@code node} (at {@code path}) as {@code value}: shared by codecs
   * and dispatchers, so a call argument reads exactly as the same component would.
   *
   * @param enumConstants a cached values array per enum, or empty to call {@code values()}
   */
  static CodeBlock readJson(
      ValueType value, CodeBlock node, CodeBlock path, Map<TypeName, String> enumConstants) {
    ClassName json = RuntimeTypes.JSON_ARGS;
    return switch (value.kind()) {
      case BOOLEAN -> CodeBlock.of("$T.toBoolean($L, $L)", json, node, path);
      case BYTE -> CodeBlock.of("$T.toByte($L, $L)", json, node, path);
      case SHORT -> CodeBlock.of("$T.toShort($L, $L)", json, node, path);
      case CHAR -> CodeBlock.of("$T.toChar($L, $L)", json, node, path);
      case INT -> CodeBlock.of("$T.toInt($L, $L)", json, node, path);
      case LONG -> CodeBlock.of("$T.toLong($L, $L)", json, node, path);
      case FLOAT -> CodeBlock.of("$T.toFloat($L, $L)", json, node, path);
      case DOUBLE -> CodeBlock.of("$T.toDouble($L, $L)", json, node, path);
      case STRING -> CodeBlock.of("$T.toText($L, $L)", json, node, path);
      case UUID -> CodeBlock.of("$T.toUuid($L, $L)", json, node, path);
      case ENUM -> {
        String cached = enumConstants.get(value.typeName());
        yield cached != null
            ? CodeBlock.of("$T.toEnum($L, $L, $N)", json, node, path, cached)
            : CodeBlock.of("$T.toEnum($L, $L, $T.values())", json, node, path, value.typeName());
      }
      case RECORD -> CodeBlock.of("$T.fromJson($L, $L)", value.record().codecName(), node, path);
    };
  }

  private MethodSpec toJson() {
    MethodSpec.Builder toJson =
        MethodSpec.methodBuilder("toJson")
            .addJavadoc(
                "Writes {@code from} as a JSON object, members named as the record's components;"
                    + " UUIDs and\nfloating-point numbers without allocating.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addParameter(RuntimeTypes.JSON_GENERATOR, "json")
            .addParameter(mutable, "from")
            .addException(RuntimeTypes.IO_EXCEPTION)
            .addStatement("json.writeStartObject()");
    for (ComponentModel component : record.components()) {
      String name = component.name();
      ValueType value = component.type();
      switch (value.kind()) {
        case BOOLEAN -> toJson.addStatement("json.writeBooleanField($S, from.$N)", name, name);
        case BYTE, SHORT, INT, LONG ->
            toJson.addStatement("json.writeNumberField($S, from.$N)", name, name);
        case FLOAT, DOUBLE -> {
          toJson.addStatement("json.writeFieldName($S)", name);
          toJson.addStatement(
              "$T.$L(json, from.$N)",
              RuntimeTypes.WIRE_JSON,
              value.kind() == ValueKind.FLOAT ? "writeFloat" : "writeDouble",
              name);
        }
        case CHAR ->
            toJson.addStatement("json.writeStringField($S, String.valueOf(from.$N))", name, name);
        case STRING -> toJson.addStatement("json.writeStringField($S, from.$N)", name, name);
        case UUID -> {
          toJson.addStatement("json.writeFieldName($S)", name);
          toJson.addStatement(
              "$T.writeUuid(json, from.$N, from.$N)",
              RuntimeTypes.WIRE_JSON,
              FlyweightWriter.mostSigBits(component),
              FlyweightWriter.leastSigBits(component));
        }
        case ENUM ->
            toJson.addStatement(
                "json.writeStringField($S, from.$N == null ? null : from.$N.name())",
                name,
                name,
                name);
        case RECORD -> {
          toJson.addStatement("json.writeFieldName($S)", name);
          toJson.addStatement("$T.toJson(json, from.$N)", value.record().codecName(), name);
        }
      }
    }
    return toJson.addStatement("json.writeEndObject()").build();
  }

  private void addMarshallerMethods(TypeSpec.Builder type, int size) {
    String sizeConstant = size >= 0 ? "SIZE" : "AVERAGE_SIZE";
    type.addMethod(
        override("newFlyweight").returns(mutable).addStatement("return new $T()", mutable).build());
    type.addMethod(
        override("fixedSize")
            .returns(int.class)
            .addStatement(size >= 0 ? "return SIZE" : "return -1")
            .build());
    type.addMethod(
        override("averageSize").returns(int.class).addStatement("return $N", sizeConstant).build());
    type.addMethod(
        override("readInto")
            .addParameter(RuntimeTypes.ANY_BYTES, "in")
            .addParameter(mutable, "into")
            .addStatement("decode(in, into)")
            .build());
    type.addMethod(
        override("writeFrom")
            .addParameter(RuntimeTypes.ANY_BYTES, "out")
            .addParameter(mutable, "from")
            .addStatement("encode(out, from)")
            .build());
    type.addMethod(
        override("writeJson")
            .addParameter(RuntimeTypes.JSON_GENERATOR, "json")
            .addParameter(mutable, "from")
            .addException(RuntimeTypes.IO_EXCEPTION)
            .addStatement("toJson(json, from)")
            .build());
    type.addMethod(
        override("wire")
            .returns(record.wireName())
            .addStatement("return $T.INSTANCE", record.wireName())
            .build());
  }

  private static MethodSpec.Builder override(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
  }

  static String upperSnake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }
}
