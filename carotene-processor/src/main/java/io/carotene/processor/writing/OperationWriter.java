package io.carotene.processor.writing;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.HandlerModel;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.ValueKind;
import io.carotene.processor.model.ValueType;
import io.carotene.processor.model.WireLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes a handler's operation, {@code <Handler>Operation}: its name and binary layout, and the
 * three ways its arguments become a bound call, each checking them once: {@code decodeJson} (a
 * text frame's {@code args}, through {@code JsonArgs} and the codecs), {@code decodeBinary} (a
 * binary frame's arguments in their codecs' raw off-heap layout, for handlers whose client-sent
 * arguments all have a fixed size) and {@code bind} (the sandbox's objects, by count and
 * {@code instanceof}).
 */
final class OperationWriter {
  private final DispatcherNames names;

  OperationWriter(DispatcherNames names) {
    this.names = names;
  }

  TypeSpec operationClass(HandlerModel handler) {
    ClassName call = names.callClass(handler);
    return TypeSpec.classBuilder(names.operationClass(handler))
        .addModifiers(Modifier.PRIVATE, Modifier.FINAL)
        .superclass(RuntimeTypes.OPERATION)
        .addJavadoc(
            "{@code $L}: decodes and checks the arguments of {@link $T#$L}\ninto a {@link $T}.\n",
            handler.operation(),
            names.backend().backendName(),
            handler.methodName(),
            call)
        .addMethod(
            MethodSpec.constructorBuilder()
                .addStatement("super($S, $L)", handler.operation(), binaryLayout(handler))
                .build())
        .addMethod(decodeJson(handler, call))
        .addMethods(isBinary(handler) ? List.of(decodeBinary(handler, call)) : List.of())
        .addMethod(bind(handler, call))
        .build();
  }

  /**
   * Whether a binary call frame may name the handler: its client-sent arguments all have a fixed
   * encoded size (PROTOCOL.md, section 3).
   */
  static boolean isBinary(HandlerModel handler) {
    return handler.arguments().stream().allMatch(argument -> argument.type().encodedSize() >= 0);
  }

  /** The handler's {@code BinaryOperation}, or {@code null} when it has none. */
  private static CodeBlock binaryLayout(HandlerModel handler) {
    if (!isBinary(handler)) {
      return CodeBlock.of("null");
    }
    List<CodeBlock> fields = new ArrayList<>();
    int offset = 0;
    for (Parameter.ArgumentParameter argument : handler.arguments()) {
      offset = flattenRaw(argument.name(), argument.type(), offset, fields);
    }
    return fields.isEmpty()
        ? CodeBlock.of("new $T($S, 0, $T.of())", RuntimeTypes.BINARY_OPERATION, handler.operation(), RuntimeTypes.LIST)
        : CodeBlock.of(
            "new $T($S, $L, $T.of(\n$>$>$L$<$<))",
            RuntimeTypes.BINARY_OPERATION,
            handler.operation(),
            offset,
            RuntimeTypes.LIST,
            CodeBlock.join(fields, ",\n"));
  }

  /** Adds the raw (never quantized) fields of one value below {@code name}; returns its end. */
  private static int flattenRaw(String name, ValueType type, int offset, List<CodeBlock> out) {
    if (type.kind() == ValueKind.RECORD) {
      for (ComponentModel component : type.record().components()) {
        offset = flattenRaw(name + "." + component.name(), component.type(), offset, out);
      }
      return offset;
    }
    int size = type.encodedSize();
    out.add(CodeBlock.of("$T.raw($S, $S, $L, $L)", RuntimeTypes.WIRE_FIELD, name, WireLayout.wireType(type), offset, size));
    return offset + size;
  }

  private static MethodSpec decodeJson(HandlerModel handler, ClassName call) {
    CodeBlock.Builder body = CodeBlock.builder();
    List<Parameter.ArgumentParameter> arguments = handler.arguments();
    if (arguments.isEmpty()) {
      body.addStatement("return new $T()", call);
    } else {
      body.addStatement("$T.object(args, $S)", RuntimeTypes.JSON_ARGS, "args");
      List<CodecWriter.Member> members = new ArrayList<>();
      for (Parameter.ArgumentParameter argument : arguments) {
        members.add(new CodecWriter.Member(argument.name(), argument.type()));
      }
      NameAllocator locals = new NameAllocator();
      locals.newName("args", "taken:args");
      List<CodeBlock> values = CodecWriter.readObject(members, "args", null, Map.of(), locals, body);
      body.addStatement("return new $T($L)", call, CodeBlock.join(values, ", "));
    }
    return InvocationWriter.override("decodeJson")
        .returns(RuntimeTypes.BOUND_CALL)
        .addParameter(RuntimeTypes.JSON_PARSER, "args")
        .addException(RuntimeTypes.IO_EXCEPTION)
        .addCode(body.build())
        .build();
  }

  private static MethodSpec decodeBinary(HandlerModel handler, ClassName call) {
    CodeBlock.Builder body = CodeBlock.builder();
    NameAllocator locals = new NameAllocator();
    locals.newName("in", "taken:in");
    List<CodeBlock> values = new ArrayList<>();
    for (Parameter.ArgumentParameter argument : handler.arguments()) {
      String local = locals.newName(argument.name(), argument);
      ValueType type = argument.type();
      switch (type.kind()) {
        case BOOLEAN -> body.addStatement("$T $N = in.readByte() != 0", type.typeName(), local);
        case BYTE -> body.addStatement("$T $N = in.readByte()", type.typeName(), local);
        case SHORT -> body.addStatement("$T $N = in.readShort()", type.typeName(), local);
        case CHAR -> body.addStatement("$T $N = (char) in.readShort()", type.typeName(), local);
        case INT -> body.addStatement("$T $N = in.readInt()", type.typeName(), local);
        case LONG -> body.addStatement("$T $N = in.readLong()", type.typeName(), local);
        case FLOAT -> body.addStatement("$T $N = in.readFloat()", type.typeName(), local);
        case DOUBLE -> body.addStatement("$T $N = in.readDouble()", type.typeName(), local);
        case UUID -> body.addStatement("$T $N = new $T(in.readLong(), in.readLong())", RuntimeTypes.UUID, local, RuntimeTypes.UUID);
        case ENUM ->
            body.addStatement(
                "$T $N = $T.enumAt($T.values(), in.$L(), $S)",
                type.typeName(),
                local,
                RuntimeTypes.BINARY_ARGS,
                type.typeName(),
                type.enumFitsInByte() ? "readByte" : "readInt",
                argument.name());
        case RECORD -> {
          String flyweight = locals.newName(argument.name() + "Flyweight", "flyweight:" + argument.name());
          body.addStatement("$T $N = new $T()", type.record().mutableName(), flyweight, type.record().mutableName());
          body.addStatement("$T.decode(in, $N)", type.record().codecName(), flyweight);
          body.addStatement("$T $N = $N.toRecord()", type.typeName(), local, flyweight);
        }
        case STRING -> throw new IllegalStateException("a String has no fixed size: " + argument.name());
      }
      values.add(CodeBlock.of("$N", local));
    }
    body.addStatement("return new $T($L)", call, CodeBlock.join(values, ", "));
    return InvocationWriter.override("decodeBinary")
        .returns(RuntimeTypes.BOUND_CALL)
        .addParameter(RuntimeTypes.ANY_BYTES, "in")
        .addCode(body.build())
        .build();
  }

  /** Checks the sandbox's arguments: their count, then each one's type, in order. */
  private static MethodSpec bind(HandlerModel handler, ClassName call) {
    String operation = handler.operation();
    List<Parameter.ArgumentParameter> arguments = handler.arguments();
    NameAllocator locals = new NameAllocator();
    locals.newName("args", "taken:args");
    MethodSpec.Builder method =
        InvocationWriter.override("bind")
            .returns(RuntimeTypes.BOUND_CALL)
            .addParameter(ArrayTypeName.of(Object.class), "args");
    String names = String.join(", ", arguments.stream().map(Parameter::name).toList());
    String expected =
        switch (arguments.size()) {
          case 0 -> operation + " takes no arguments, got ";
          case 1 -> operation + " takes 1 argument (" + names + "), got ";
          default -> operation + " takes " + arguments.size() + " arguments (" + names + "), got ";
        };
    method
        .beginControlFlow("if (args.length != $L)", arguments.size())
        .addStatement("throw new $T($S + args.length)", RuntimeTypes.BAD_ARGUMENT, expected)
        .endControlFlow();
    List<CodeBlock> values = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      Parameter.ArgumentParameter argument = arguments.get(i);
      String local = locals.newName(argument.name(), argument);
      values.add(CodeBlock.of("$N", local));
      method
          .beginControlFlow("if (!(args[$L] instanceof $T $N))", i, argument.type().boxedTypeName(), local)
          .addStatement(
              "throw new $T($S)",
              RuntimeTypes.BAD_ARGUMENT,
              operation + ": argument '" + argument.name() + "' must be " + withArticle(argument.type().displayName()))
          .endControlFlow();
    }
    return method.addStatement("return new $T($L)", call, CodeBlock.join(values, ", ")).build();
  }

  private static String withArticle(String noun) {
    // "a UUID", "an int", "an Item": by sound, which for an acronym is its first letter's name.
    boolean vowelSound =
        noun.equals(noun.toUpperCase(Locale.ROOT)) && noun.length() > 1
            ? "AEFHILMNORSX".indexOf(noun.charAt(0)) >= 0
            : "aeiouAEIOU".indexOf(noun.charAt(0)) >= 0;
    return (vowelSound ? "an " : "a ") + noun;
  }
}
