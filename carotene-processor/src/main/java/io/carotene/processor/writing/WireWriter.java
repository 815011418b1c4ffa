package io.carotene.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.Quantization;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.ValueKind;
import io.carotene.processor.model.ValueType;
import io.carotene.processor.model.WireLayout;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Name>Wire} for a record a store can hold: how its entries travel in binary
 * snapshots. The same bytes as the codec's encoding, but nested records flattened into the
 * description the schema frame sends, and {@code @Quantized} floats written as unsigned step
 * counts. The server so neither reflects on the record nor probes the codec to describe it.
 */
public final class WireWriter {
  private static final TypeName BYTES =
      ParameterizedTypeName.get(RuntimeTypes.BYTES, WildcardTypeName.subtypeOf(Object.class));

  private final RecordModel record;
  private final WireLayout layout;

  private WireWriter(RecordModel record) {
    this.record = record;
    this.layout = WireLayout.of(record);
  }

  public static JavaFile write(RecordModel record) {
    return new WireWriter(record).file();
  }

  private JavaFile file() {
    ClassName self = record.wireName();
    ClassName mutable = record.mutableName();
    boolean fixed = layout.size() >= 0;
    List<String> quantized =
        layout.fields().stream()
            .filter(field -> field.quantization() != null)
            .map(WireLayout.Field::name)
            .toList();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(RuntimeTypes.generated())
            .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.WIRE_FORMAT, mutable))
            .addOriginatingElement(record.element())
            .addJavadoc(
                "How {@link $T} travels in binary snapshots (PROTOCOL.md, section 5.2): its fields\n"
                    + "in declaration order, nested records flattened, little-endian, no padding; $L.\n",
                record.recordName(),
                fixed ? layout.size() + " bytes" : "a variable number of bytes")
            .addJavadoc(
                quantized.isEmpty()
                    ? CodeBlock.of(
                        "Every field as {@link $T} encodes it (none is {@code @Quantized}).\n",
                        record.codecName())
                    : CodeBlock.of(
                        "\n<p>As {@code @Quantized} steps:\n$L.\nEverything else as {@link $T}"
                            + " encodes it.\n",
                        wrap(quantized),
                        record.codecName()))
            .addJavadoc(
                fixed
                    ? "The schema frame lists {@link #FIELDS}.\n"
                    : "A String has no fixed size: the schema frame lists no fields, and every"
                        + " snapshot carries\nthe store whole.\n");
    if (fixed) {
      type.addField(
          FieldSpec.builder(int.class, "SIZE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("The bytes of one entry.\n")
              .initializer("$L", layout.size())
              .build());
      WireLayout.Field id = layout.id().orElseThrow();
      type.addField(
          FieldSpec.builder(
                  RuntimeTypes.WIRE_FIELD, "ID", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("The {@code @Id}: where a client finds an entry's key.\n")
              .initializer("$L", describe(id))
              .build());
    }
    type.addField(
        FieldSpec.builder(
                ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.WIRE_FIELD),
                "FIELDS",
                Modifier.PUBLIC,
                Modifier.STATIC,
                Modifier.FINAL)
            .addJavadoc("Every field, in wire order, as the schema frame lists them.\n")
            .initializer(fixed ? fieldList() : CodeBlock.of("$T.of()", RuntimeTypes.LIST))
            .build());
    type.addField(
        FieldSpec.builder(self, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The wire format; it is stateless.\n")
            .initializer("new $T()", self)
            .build());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    type.addMethod(encode(quantized.isEmpty()));
    type.addMethod(
        override("size").returns(int.class).addStatement(fixed ? "return SIZE" : "return -1").build());
    type.addMethod(
        override("id")
            .returns(RuntimeTypes.WIRE_FIELD)
            .addStatement(fixed ? "return ID" : "return null")
            .build());
    type.addMethod(
        override("fields")
            .returns(ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.WIRE_FIELD))
            .addStatement("return FIELDS")
            .build());
    type.addMethod(
        override("write")
            .addParameter(BYTES, "out")
            .addParameter(mutable, "from")
            .addStatement("encode(out, from)")
            .build());
    return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private CodeBlock fieldList() {
    List<CodeBlock> fields = new ArrayList<>();
    for (WireLayout.Field field : layout.fields()) {
      fields.add(field.path().size() == 1 && field.component().isId() ? CodeBlock.of("ID") : describe(field));
    }
    return CodeBlock.of("$T.of(\n$>$>$L$<$<)", RuntimeTypes.LIST, CodeBlock.join(fields, ",\n"));
  }

  private static CodeBlock describe(WireLayout.Field field) {
    Quantization quantization = field.quantization();
    if (quantization == null) {
      return CodeBlock.of(
          "$T.raw($S, $S, $L, $L)",
          RuntimeTypes.WIRE_FIELD,
          field.name(),
          field.type(),
          field.offset(),
          field.size());
    }
    return CodeBlock.of(
        "$T.quantized($S, $S, $L, $L, $L, $L, $L)",
        RuntimeTypes.WIRE_FIELD,
        field.name(),
        field.type(),
        field.offset(),
        field.size(),
        literal(quantization.min()),
        literal(quantization.max()),
        literal(quantization.precision()));
  }

  private MethodSpec encode(boolean raw) {
    MethodSpec.Builder encode =
        MethodSpec.methodBuilder("encode")
            .addJavadoc(
                raw
                    ? "Writes {@code from}'s wire bytes: those {@link $T#encode} writes.\n"
                    : "Writes {@code from}'s wire bytes. A quantized value out of its range is"
                        + " sent as the nearer end,\nand NaN as the minimum ({@link"
                        + " $T#step}).\n",
                raw ? record.codecName() : RuntimeTypes.QUANTIZATION)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addParameter(BYTES, "out")
            .addParameter(record.mutableName(), "from");
    writeComponents(encode, record, CodeBlock.of("from"), null);
    return encode.build();
  }

  /**
   * Writes {@code owner}'s components. A nested record that nothing quantizes is written by its
   * codec; one that holds a quantized float is flattened here. Fields of a flyweight in another
   * package are read through its getters.
   */
  private void writeComponents(
      MethodSpec.Builder encode, RecordModel owner, CodeBlock value, Quantization inherited) {
    boolean direct = owner.mutableName().packageName().equals(record.wireName().packageName());
    for (ComponentModel component : owner.components()) {
      Quantization quantization =
          component.quantization() != null ? component.quantization() : inherited;
      CodeBlock member =
          direct
              ? CodeBlock.of("$L.$N", value, component.name())
              : CodeBlock.of("$L.$N()", value, component.name());
      ValueType type = component.type();
      switch (type.kind()) {
        case RECORD -> {
          if (quantization == null && !type.record().hasQuantized()) {
            encode.addStatement("$T.encode(out, $L)", type.record().codecName(), member);
          } else {
            writeComponents(encode, type.record(), member, quantization);
          }
        }
        case FLOAT, DOUBLE -> {
          if (quantization == null) {
            encode.addStatement(
                "out.$L($L)", type.kind() == ValueKind.FLOAT ? "writeFloat" : "writeDouble", member);
          } else {
            writeQuantized(encode, member, quantization);
          }
        }
        case BOOLEAN -> encode.addStatement("out.writeByte($L ? (byte) 1 : (byte) 0)", member);
        case BYTE -> encode.addStatement("out.writeByte($L)", member);
        case SHORT -> encode.addStatement("out.writeShort($L)", member);
        case CHAR -> encode.addStatement("out.writeShort((short) $L)", member);
        case INT -> encode.addStatement("out.writeInt($L)", member);
        case LONG -> encode.addStatement("out.writeLong($L)", member);
        case STRING -> encode.addStatement("out.writeUtf8($L)", member);
        case UUID -> {
          if (direct) {
            encode.addStatement("out.writeLong($L.$N)", value, FlyweightWriter.mostSigBits(component));
            encode.addStatement("out.writeLong($L.$N)", value, FlyweightWriter.leastSigBits(component));
          } else { // the getter makes a UUID, which escape analysis usually removes
            encode.addStatement("out.writeLong($L.getMostSignificantBits())", member);
            encode.addStatement("out.writeLong($L.getLeastSignificantBits())", member);
          }
        }
        case ENUM -> {
          if (type.enumFitsInByte()) {
            encode.addStatement(
                "out.writeByte($L == null ? (byte) -1 : (byte) $L.ordinal())", member, member);
          } else {
            encode.addStatement("out.writeInt($L == null ? -1 : $L.ordinal())", member, member);
          }
        }
      }
    }
  }

  private static void writeQuantized(
      MethodSpec.Builder encode, CodeBlock member, Quantization quantization) {
    CodeBlock step =
        CodeBlock.of(
            "$T.step($L, $L, $L, $LL)",
            RuntimeTypes.QUANTIZATION,
            member,
            literal(quantization.min()),
            literal(quantization.precision()),
            quantization.steps());
    switch (quantization.width()) {
      case 1 -> encode.addStatement("out.writeUnsignedByte((int) $L)", step);
      case 2 -> encode.addStatement("out.writeUnsignedShort((int) $L)", step);
      default -> encode.addStatement("out.writeUnsignedInt($L)", step);
    }
  }

  /** Names joined by commas, a line break before one that would pass 90 characters. */
  private static String wrap(List<String> names) {
    StringBuilder text = new StringBuilder();
    int lineStart = 0;
    for (int i = 0; i < names.size(); i++) {
      String next = names.get(i) + (i < names.size() - 1 ? "," : "");
      if (i > 0) {
        if (text.length() - lineStart + 1 + next.length() > 90) {
          text.append('\n');
          lineStart = text.length();
        } else {
          text.append(' ');
        }
      }
      text.append(next);
    }
    return text.toString();
  }

  /** A double as a Java literal that reads back as the same value. */
  private static String literal(double value) {
    return Double.toString(value);
  }

  private static MethodSpec.Builder override(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
  }
}
