package io.carotene.processor.writing;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.ValueType;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * A codec's off-heap layout: its static {@code decode} and {@code encode}, one statement per
 * component in declaration order (README, "Off-heap layout"). Kept apart from the JSON form so
 * that the layout, which stores and binary calls depend on, reads in one place.
 */
final class OffHeapMethods {
  private OffHeapMethods() {}

  /** {@code decode(in, into)}: reads one encoded record into its flyweight. */
  static MethodSpec decode(RecordModel record, Map<TypeName, String> enumConstants) {
    MethodSpec.Builder decode =
        MethodSpec.methodBuilder("decode")
            .addJavadoc("Reads one encoded {@link $T} into {@code into}.\n", record.recordName())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addParameter(RuntimeTypes.ANY_BYTES, "in")
            .addParameter(record.mutableName(), "into");
    for (ComponentModel component : record.components()) {
      String name = component.name();
      ValueType value = component.type();
      switch (value.kind()) {
        case BOOLEAN -> decode.addStatement("into.$N = in.readBoolean()", name);
        case BYTE -> decode.addStatement("into.$N = in.readByte()", name);
        case SHORT -> decode.addStatement("into.$N = in.readShort()", name);
        case CHAR -> decode.addStatement("into.$N = (char) in.readShort()", name);
        case INT -> decode.addStatement("into.$N = in.readInt()", name);
        case LONG -> decode.addStatement("into.$N = in.readLong()", name);
        case FLOAT -> decode.addStatement("into.$N = in.readFloat()", name);
        case DOUBLE -> decode.addStatement("into.$N = in.readDouble()", name);
        case STRING -> decode.addStatement("into.$N = in.readUtf8()", name);
        case UUID -> {
          decode.addStatement("into.$N = in.readLong()", FlyweightWriter.mostSigBits(component));
          decode.addStatement("into.$N = in.readLong()", FlyweightWriter.leastSigBits(component));
        }
        case ENUM ->
            // A binary call's arguments are decoded here too: an ordinal out of range is the
            // client's mistake (BAD_REQUEST), not an ArrayIndexOutOfBoundsException.
            decode.addStatement(
                "into.$N = $T.enumAt($N, in.$L(), $S)",
                name,
                RuntimeTypes.BINARY_ARGS,
                enumConstants.get(value.typeName()),
                value.enumFitsInByte() ? "readByte" : "readInt",
                record.recordName().simpleName() + "." + name);
        case RECORD ->
            decode.addStatement("$T.decode(in, into.$N)", value.record().codecName(), name);
      }
    }
    return decode.build();
  }

  /** {@code encode(out, from)}: writes a flyweight's fields. */
  static MethodSpec encode(RecordModel record) {
    MethodSpec.Builder encode =
        MethodSpec.methodBuilder("encode")
            .addJavadoc("Writes {@code from}'s fields, in declaration order.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addParameter(RuntimeTypes.ANY_BYTES, "out")
            .addParameter(record.mutableName(), "from");
    for (ComponentModel component : record.components()) {
      String name = component.name();
      ValueType value = component.type();
      switch (value.kind()) {
        // 1 or 0, as binary snapshots send it (Chronicle's writeBoolean writes 'Y' or 'N').
        case BOOLEAN -> encode.addStatement("out.writeByte(from.$N ? (byte) 1 : (byte) 0)", name);
        case BYTE -> encode.addStatement("out.writeByte(from.$N)", name);
        case SHORT -> encode.addStatement("out.writeShort(from.$N)", name);
        case CHAR -> encode.addStatement("out.writeShort((short) from.$N)", name);
        case INT -> encode.addStatement("out.writeInt(from.$N)", name);
        case LONG -> encode.addStatement("out.writeLong(from.$N)", name);
        case FLOAT -> encode.addStatement("out.writeFloat(from.$N)", name);
        case DOUBLE -> encode.addStatement("out.writeDouble(from.$N)", name);
        case STRING -> encode.addStatement("out.writeUtf8(from.$N)", name);
        case UUID -> {
          encode.addStatement("out.writeLong(from.$N)", FlyweightWriter.mostSigBits(component));
          encode.addStatement("out.writeLong(from.$N)", FlyweightWriter.leastSigBits(component));
        }
        case ENUM -> {
          if (value.enumFitsInByte()) {
            encode.addStatement(
                "out.writeByte(from.$N == null ? (byte) -1 : (byte) from.$N.ordinal())", name, name);
          } else {
            encode.addStatement(
                "out.writeInt(from.$N == null ? -1 : from.$N.ordinal())", name, name);
          }
        }
        case RECORD ->
            encode.addStatement("$T.encode(out, from.$N)", value.record().codecName(), name);
      }
    }
    return encode.build();
  }
}
