package io.carotene.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.carotene.processor.model.ResultType;
import io.carotene.processor.model.ValueKind;
import javax.lang.model.element.Modifier;

/**
 * Writes results as JSON without reflection: {@code <Name>Json} for each returned record (from its
 * record form, through its accessors), and the statements dispatchers use for every other result.
 * UUIDs, floats and doubles go through {@code WireJson}, which does not allocate.
 */
public final class ResultWriter {
  private ResultWriter() {}

  /** {@code <Name>Json}: one static {@code toJson(JsonGenerator, Name)}. */
  public static JavaFile write(ResultType.ResultRecord record) {
    MethodSpec.Builder toJson =
        MethodSpec.methodBuilder("toJson")
            .addJavadoc(
                "Writes {@code value} as a JSON object whose members are its components, in"
                    + " declaration\norder; a null value as {@code null}.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addParameter(RuntimeTypes.JSON_GENERATOR, "json")
            .addParameter(record.recordName(), "value")
            .addException(RuntimeTypes.IO_EXCEPTION)
            .beginControlFlow("if (value == null)")
            .addStatement("json.writeNull()")
            .addStatement("return")
            .endControlFlow()
            .addStatement("json.writeStartObject()");
    for (ResultType.Component component : record.components()) {
      toJson.addStatement("json.writeFieldName($S)", component.name());
      toJson.addCode(statements(component.type(), CodeBlock.of("value.$N()", component.name()), 1));
    }
    toJson.addStatement("json.writeEndObject()");
    TypeSpec type =
        TypeSpec.classBuilder(record.writerName())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(RuntimeTypes.generated())
            .addOriginatingElement(record.element())
            .addJavadoc(
                "Writes {@link $T} as JSON ($L),\nfor the replies and HTTP responses that return"
                    + " it.\n",
                record.recordName(),
                record.components().isEmpty()
                    ? "an empty object"
                    : String.join(
                        ", ", record.components().stream().map(ResultType.Component::name).toList()))
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
            .addMethod(toJson.build())
            .build();
    return JavaFile.builder(record.writerName().packageName(), type)
        .skipJavaLangImports(true)
        .build();
  }

  /**
   * The expression that writes {@code value}, known not to be null, or null when {@code type}
   * needs statements (a list).
   */
  static CodeBlock nonNullExpression(ResultType type, CodeBlock value) {
    if (type instanceof ResultType.RecordResult record) {
      return CodeBlock.of("$T.toJson(json, $L)", record.record().writerName(), value);
    }
    if (type instanceof ResultType.Scalar scalar) {
      return scalar(scalar.kind(), value);
    }
    return null;
  }

  /**
   * Statements that write {@code value} (an expression that may be evaluated more than once: a
   * local or an accessor call), which may be null unless it is a primitive.
   *
   * @param depth nesting of lists, to name loop variables
   */
  static CodeBlock statements(ResultType type, CodeBlock value, int depth) {
    if (type instanceof ResultType.ListResult list) {
      String element = depth == 1 ? "element" : "element" + depth;
      return CodeBlock.builder()
          .beginControlFlow("if ($L == null)", value)
          .addStatement("json.writeNull()")
          .nextControlFlow("else")
          .addStatement("json.writeStartArray()")
          .beginControlFlow("for ($T $N : $L)", list.element().typeName(), element, value)
          .add(statements(list.element(), CodeBlock.of("$N", element), depth + 1))
          .endControlFlow()
          .addStatement("json.writeEndArray()")
          .endControlFlow()
          .build();
    }
    CodeBlock write = nonNullExpression(type, value);
    boolean checkNull =
        type instanceof ResultType.Scalar scalar
            && scalar.nullable()
            && scalar.kind() != ValueKind.STRING;
    if (!checkNull) {
      // Strings and records write a null themselves.
      return CodeBlock.builder().addStatement("$L", write).build();
    }
    return CodeBlock.builder()
        .beginControlFlow("if ($L == null)", value)
        .addStatement("json.writeNull()")
        .nextControlFlow("else")
        .addStatement("$L", write)
        .endControlFlow()
        .build();
  }

  private static CodeBlock scalar(ValueKind kind, CodeBlock value) {
    return switch (kind) {
      case BOOLEAN -> CodeBlock.of("json.writeBoolean($L)", value);
      case BYTE, SHORT, INT, LONG -> CodeBlock.of("json.writeNumber($L)", value);
      case FLOAT -> CodeBlock.of("$T.writeFloat(json, $L)", RuntimeTypes.WIRE_JSON, value);
      case DOUBLE -> CodeBlock.of("$T.writeDouble(json, $L)", RuntimeTypes.WIRE_JSON, value);
      case CHAR -> CodeBlock.of("json.writeString($T.valueOf($L))", String.class, value);
      case STRING -> CodeBlock.of("json.writeString($L)", value);
      case UUID ->
          CodeBlock.of(
              "$T.writeUuid(json, $L.getMostSignificantBits(), $L.getLeastSignificantBits())",
              RuntimeTypes.WIRE_JSON,
              value,
              value);
      case ENUM -> CodeBlock.of("json.writeString($L.name())", value);
      case RECORD -> throw new IllegalArgumentException("a record result is a RecordResult");
    };
  }
}
