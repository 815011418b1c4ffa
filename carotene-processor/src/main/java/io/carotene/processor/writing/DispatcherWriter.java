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
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.ValueType;
import io.carotene.processor.model.WireLayout;
import io.carotene.processor.model.HandlerModel;
import io.carotene.processor.model.LoopModel;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.ResultType;
import io.carotene.processor.model.RouteModel;
import io.carotene.processor.model.StoreModel;
import io.carotene.processor.model.ValueKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Backend>Dispatcher}: the backend's loops as registrations, each socket handler
 * behind its argument checks and guards, and each HTTP route as an {@code HttpRoute}, all called
 * directly (no reflection). A returned value is paired with the code that writes it as JSON.
 */
public final class DispatcherWriter {
  /** Names the generated methods use for their own parameters and locals. */
  private static final Set<String> FIXED_NAMES =
      Set.of(
          "backend", "tick", "session", "args", "operation", "rejection", "OPERATIONS", "result",
          "json", "call", "in", "BINARY_OPERATIONS");

  private final BackendModel backend;
  /** The field holding each store, by the store's generated class. */
  private final Map<ClassName, String> storeFields = new HashMap<>();
  /** The private methods of handlers, routes and list results (see {@link #handlerMethodNames}). */
  private Map<Object, String> resultMethodNames = Map.of();

  private DispatcherWriter(BackendModel backend) {
    this.backend = backend;
    NameAllocator names = new NameAllocator();
    FIXED_NAMES.forEach(name -> names.newName(name, name));
    for (StoreModel store : backend.stores()) {
      storeFields.put(store.storeName(), names.newName(lowerCamel(store.name()), store.storeName()));
    }
  }

  public static JavaFile write(BackendModel backend) {
    return new DispatcherWriter(backend).file();
  }

  /** The name of the dispatcher's constructor parameter for each store, in order. */
  static String lowerCamel(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private JavaFile file() {
    ClassName backendType = backend.backendName();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(backend.dispatcherName())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(RuntimeTypes.generated())
            .addSuperinterface(RuntimeTypes.DISPATCHER)
            .addOriginatingElement(backend.element())
            .addJavadoc(javadoc(backendType));
    for (StoreModel store : backend.stores()) {
      type.addOriginatingElement(store.element());
    }
    type.addField(
        FieldSpec.builder(
                ParameterizedTypeName.get(RuntimeTypes.LIST, ClassName.get(String.class)),
                "OPERATIONS",
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .initializer(
                "$T.of($L)",
                RuntimeTypes.LIST,
                CodeBlock.join(
                    backend.handlers().stream()
                        .map(handler -> CodeBlock.of("$S", handler.operation()))
                        .toList(),
                    ", "))
            .build());
    type.addField(backendType, "backend", Modifier.PRIVATE, Modifier.FINAL);
    MethodSpec.Builder constructor =
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addParameter(backendType, "backend")
            .addStatement("this.backend = backend");
    for (StoreModel store : backend.stores()) {
      String field = storeFields.get(store.storeName());
      type.addField(store.storeName(), field, Modifier.PRIVATE, Modifier.FINAL);
      constructor.addParameter(store.storeName(), field).addStatement("this.$N = $N", field, field);
    }
    type.addMethod(constructor.build());
    type.addMethod(
        override("backendName")
            .returns(String.class)
            .addStatement("return $S", backendType.simpleName())
            .build());
    type.addMethod(loops());
    type.addMethod(
        override("operations")
            .returns(ParameterizedTypeName.get(RuntimeTypes.LIST, ClassName.get(String.class)))
            .addStatement("return OPERATIONS")
            .build());
    Map<Object, String> methodNames = handlerMethodNames();
    resultMethodNames = methodNames;
    type.addMethod(call(methodNames));
    type.addMethod(decodeArguments());
    List<HandlerModel> binary = binaryHandlers();
    if (!binary.isEmpty()) {
      TypeName operationList = ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.BINARY_OPERATION);
      type.addField(
          FieldSpec.builder(operationList, "BINARY_OPERATIONS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer(binaryOperationList(binary))
              .build());
      type.addMethod(
          override("binaryOperations").returns(operationList).addStatement("return BINARY_OPERATIONS").build());
      type.addMethod(decodeBinaryArguments(binary));
    }
    if (!backend.routes().isEmpty()) {
      type.addMethod(routes(methodNames));
    }
    for (HandlerModel handler : backend.handlers()) {
      type.addMethod(handlerMethod(handler, methodNames.get(handler)));
      resultMethod(handler.result(), methodNames.get(handler.result())).ifPresent(type::addMethod);
    }
    for (RouteModel route : backend.routes()) {
      type.addMethod(routeMethod(route, methodNames.get(route)));
      resultMethod(route.result(), methodNames.get(route.result())).ifPresent(type::addMethod);
    }
    return JavaFile.builder(backend.dispatcherName().packageName(), type.build())
        .skipJavaLangImports(true)
        .build();
  }

  private MethodSpec loops() {
    List<CodeBlock> registrations = new ArrayList<>();
    for (LoopModel loop : backend.loops()) {
      List<CodeBlock> arguments = new ArrayList<>();
      for (Parameter parameter : loop.parameters()) {
        arguments.add(
            parameter instanceof Parameter.StoreParameter store
                ? CodeBlock.of("$N", storeFields.get(store.store().storeName()))
                : CodeBlock.of("tick"));
      }
      registrations.add(
          CodeBlock.of(
              "new $T($S, $LL, tick -> $L.$N($L))",
              RuntimeTypes.LOOP_REGISTRATION,
              loop.loopName(),
              loop.periodNanos(),
              receiver(loop.isStatic()),
              loop.methodName(),
              CodeBlock.join(arguments, ", ")));
    }
    return override("loops")
        .returns(ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.LOOP_REGISTRATION))
        .addStatement(
            registrations.isEmpty() ? "return $T.of($L)" : "return $T.of(\n$L)",
            RuntimeTypes.LIST,
            CodeBlock.join(registrations, ",\n"))
        .build();
  }

  private CodeBlock receiver(boolean isStatic) {
    return isStatic ? CodeBlock.of("$T", backend.backendName()) : CodeBlock.of("backend");
  }

  /**
   * The private method of each handler and route, and of each list result's writer (keyed by the
   * handler's or route's {@link ResultType}, by identity).
   */
  private Map<Object, String> handlerMethodNames() {
    NameAllocator names = new NameAllocator();
    // The interface's own methods keep their names; the handlers' private methods get the rest.
    for (String taken :
        List.of("backendName", "loops", "operations", "call", "decodeArguments", "routes", "binaryOperations",
            "decodeBinaryArguments")) {
      names.newName(taken, taken);
    }
    Map<Object, String> methodNames = new java.util.IdentityHashMap<>();
    for (HandlerModel handler : backend.handlers()) {
      methodNames.put(handler, names.newName(handler.methodName(), handler));
    }
    for (RouteModel route : backend.routes()) {
      methodNames.put(route, names.newName(route.methodName(), route));
    }
    List<Object> owners = new ArrayList<>(backend.handlers());
    owners.addAll(backend.routes());
    for (Object owner : owners) {
      ResultType result =
          owner instanceof HandlerModel handler ? handler.result() : ((RouteModel) owner).result();
      String method =
          owner instanceof HandlerModel handler ? handler.methodName() : ((RouteModel) owner).methodName();
      if (result != null && ResultWriter.nonNullExpression(result, CodeBlock.of("result")) == null) {
        methodNames.put(result, names.newName("write" + GeneratedNames.capitalize(method) + "Result", result));
      }
    }
    return methodNames;
  }

  /** Says what this backend has: loops, socket handlers, routes; nothing it lacks. */
  private CodeBlock javadoc(TypeName backendType) {
    List<String> parts = new ArrayList<>();
    if (!backend.loops().isEmpty()) {
      parts.add("loops");
    }
    if (!backend.handlers().isEmpty()) {
      parts.add("socket handlers");
    }
    if (!backend.routes().isEmpty()) {
      parts.add("{@code @Http} routes");
    }
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add("Runs {@link $T}'s $L, calling it directly.\n", backendType, describe(parts));
    if (!backend.handlers().isEmpty()) {
      doc.add(
          "A call's arguments are checked, then its guards run, then the handler; a {@link $T}\n"
              + "becomes a {@code REJECTED} result.\n",
          RuntimeTypes.REJECTION);
    }
    if (!backend.routes().isEmpty()) {
      doc.add("A route reads its arguments by name, runs its guards, then the method.\n");
    }
    return doc.build();
  }

  private static String describe(List<String> parts) {
    if (parts.isEmpty()) {
      return "nothing (it declares no loop, handler or route)";
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
  }

  private MethodSpec call(Map<Object, String> methodNames) {
    if (backend.handlers().isEmpty()) {
      return override("call")
          .returns(RuntimeTypes.CALL_RESULT)
          .addParameter(RuntimeTypes.SESSION, "session")
          .addParameter(String.class, "operation")
          .addParameter(ArrayTypeName.of(Object.class), "args")
          .addStatement(
              "return $T.badRequest($S + operation + $S)",
              RuntimeTypes.CALL_RESULT,
              "Unknown operation '",
              "'; " + backend.backendName().simpleName() + " has no socket handlers")
          .build();
    }
    CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("switch (operation)");
    for (HandlerModel handler : backend.handlers()) {
      body.add("case $S:\n$>", handler.operation())
          .addStatement("return $N(session, args)", methodNames.get(handler))
          .add("$<");
    }
    body.add("default:\n$>")
        .addStatement(
            "return $T.badRequest($S + operation + $S + OPERATIONS)",
            RuntimeTypes.CALL_RESULT,
            "Unknown operation '",
            "'; " + backend.backendName().simpleName() + " knows ")
        .add("$<")
        .endControlFlow();
    return override("call")
        .returns(RuntimeTypes.CALL_RESULT)
        .addParameter(RuntimeTypes.SESSION, "session")
        .addParameter(String.class, "operation")
        .addParameter(ArrayTypeName.of(Object.class), "args")
        .addCode(body.build())
        .build();
  }

  private MethodSpec decodeArguments() {
    MethodSpec.Builder method =
        override("decodeArguments")
            .returns(ArrayTypeName.of(Object.class))
            .addParameter(String.class, "operation")
            .addParameter(RuntimeTypes.JSON_PARSER, "args")
            .addException(RuntimeTypes.IO_EXCEPTION);
    if (backend.handlers().isEmpty()) {
      return method
          .addStatement(
              "throw new $T($S + operation + $S)",
              RuntimeTypes.BAD_ARGUMENT,
              "Unknown operation '",
              "'; " + backend.backendName().simpleName() + " has no socket handlers")
          .build();
    }
    CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("switch (operation)");
    for (HandlerModel handler : backend.handlers()) {
      body.add("case $S: {\n$>", handler.operation());
      List<Parameter.ArgumentParameter> arguments = handler.arguments();
      if (arguments.isEmpty()) {
        body.addStatement("return new Object[0]");
      } else {
        body.addStatement("$T.object(args, $S)", RuntimeTypes.JSON_ARGS, "args");
        List<CodecWriter.Member> members = new ArrayList<>();
        for (Parameter.ArgumentParameter argument : arguments) {
          members.add(new CodecWriter.Member(argument.name(), argument.type()));
        }
        NameAllocator names = new NameAllocator();
        List.of("operation", "args").forEach(name -> names.newName(name, "taken:" + name));
        List<CodeBlock> values = CodecWriter.readObject(members, "args", null, Map.of(), names, body);
        body.addStatement("return new Object[] {$L}", CodeBlock.join(values, ", "));
      }
      body.add("$<}\n");
    }
    body.add("default:\n$>")
        .addStatement(
            "throw new $T($S + operation + $S + OPERATIONS)",
            RuntimeTypes.BAD_ARGUMENT,
            "Unknown operation '",
            "'; " + backend.backendName().simpleName() + " knows ")
        .add("$<")
        .endControlFlow();
    return method.addCode(body.build()).build();
  }

  /**
   * The handlers a binary call frame may name: those whose client-sent arguments all have a fixed
   * encoded size (PROTOCOL.md, section 3).
   */
  private List<HandlerModel> binaryHandlers() {
    return backend.handlers().stream()
        .filter(handler -> handler.arguments().stream().allMatch(argument -> argument.type().encodedSize() >= 0))
        .toList();
  }

  private static CodeBlock binaryOperationList(List<HandlerModel> handlers) {
    List<CodeBlock> operations = new ArrayList<>();
    for (HandlerModel handler : handlers) {
      List<CodeBlock> fields = new ArrayList<>();
      int offset = 0;
      for (Parameter.ArgumentParameter argument : handler.arguments()) {
        offset = flattenRaw(argument.name(), argument.type(), offset, fields);
      }
      operations.add(
          fields.isEmpty()
              ? CodeBlock.of("new $T($S, 0, $T.of())", RuntimeTypes.BINARY_OPERATION, handler.operation(), RuntimeTypes.LIST)
              : CodeBlock.of(
                  "new $T($S, $L, $T.of(\n$>$>$L$<$<))",
                  RuntimeTypes.BINARY_OPERATION,
                  handler.operation(),
                  offset,
                  RuntimeTypes.LIST,
                  CodeBlock.join(fields, ",\n")));
    }
    return CodeBlock.of("$T.of(\n$>$>$L$<$<)", RuntimeTypes.LIST, CodeBlock.join(operations, ",\n"));
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

  private MethodSpec decodeBinaryArguments(List<HandlerModel> handlers) {
    MethodSpec.Builder method =
        override("decodeBinaryArguments")
            .returns(ArrayTypeName.of(Object.class))
            .addParameter(String.class, "operation")
            .addParameter(
                ParameterizedTypeName.get(RuntimeTypes.BYTES, com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class)),
                "in");
    CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("switch (operation)");
    for (HandlerModel handler : handlers) {
      body.add("case $S: {\n$>", handler.operation());
      NameAllocator names = new NameAllocator();
      List.of("operation", "in").forEach(name -> names.newName(name, "taken:" + name));
      List<CodeBlock> values = new ArrayList<>();
      for (Parameter.ArgumentParameter argument : handler.arguments()) {
        String local = names.newName(argument.name(), argument);
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
            String flyweight = names.newName(argument.name() + "Flyweight", "flyweight:" + argument.name());
            body.addStatement("$T $N = new $T()", type.record().mutableName(), flyweight, type.record().mutableName());
            body.addStatement("$T.decode(in, $N)", type.record().codecName(), flyweight);
            body.addStatement("$T $N = $N.toRecord()", type.typeName(), local, flyweight);
          }
          case STRING -> throw new IllegalStateException("a String has no fixed size: " + argument.name());
        }
        values.add(CodeBlock.of("$N", local));
      }
      body.addStatement("return new Object[] {$L}", CodeBlock.join(values, ", "));
      body.add("$<}\n");
    }
    body.add("default:\n$>")
        .addStatement(
            "throw new $T(operation + $S)",
            RuntimeTypes.BAD_ARGUMENT,
            " cannot be called with a binary frame; send it as JSON")
        .add("$<")
        .endControlFlow();
    return method.addCode(body.build()).build();
  }

  private MethodSpec handlerMethod(HandlerModel handler, String methodName) {
    String resultMethodName = resultMethodNames.get(handler.result());
    String operation = handler.operation();
    List<Parameter.ArgumentParameter> arguments = handler.arguments();
    // Pattern variables are named as the handler's parameters unless that would hide a field or
    // clash with this method's own names.
    Set<String> taken = new HashSet<>(storeFields.values());
    taken.addAll(FIXED_NAMES);
    NameAllocator locals = new NameAllocator();
    taken.forEach(name -> locals.newName(name, "taken:" + name));
    Map<String, String> localOf = new HashMap<>();
    for (Parameter.ArgumentParameter argument : arguments) {
      localOf.put(argument.name(), locals.newName(argument.name(), argument));
    }

    MethodSpec.Builder method =
        MethodSpec.methodBuilder(methodName)
            .addModifiers(Modifier.PRIVATE)
            .returns(RuntimeTypes.CALL_RESULT)
            .addParameter(RuntimeTypes.SESSION, "session")
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
        .addStatement("return $T.badRequest($S + args.length)", RuntimeTypes.CALL_RESULT, expected)
        .endControlFlow();
    for (int i = 0; i < arguments.size(); i++) {
      Parameter.ArgumentParameter argument = arguments.get(i);
      method
          .beginControlFlow(
              "if (!(args[$L] instanceof $T $N))",
              i,
              argument.type().boxedTypeName(),
              localOf.get(argument.name()))
          .addStatement(
              "return $T.badRequest($S)",
              RuntimeTypes.CALL_RESULT,
              operation
                  + ": argument '"
                  + argument.name()
                  + "' must be "
                  + withArticle(argument.type().displayName()))
          .endControlFlow();
    }
    addGuards(method, "session", operation, handler.authenticated(), handler.sessionUserMatches(), localOf);
    CodeBlock invocation =
        invocation(handler.parameters(), handler.isStatic(), handler.methodName(), "session", localOf);
    method.beginControlFlow("try");
    addReturn(method, handler.result(), invocation, resultMethodName);
    method
        .nextControlFlow("catch ($T rejection)", RuntimeTypes.REJECTION)
        .addStatement("return $T.rejected(rejection.getMessage())", RuntimeTypes.CALL_RESULT)
        .endControlFlow();
    return method.build();
  }

  /**
   * Calls the method and returns its outcome: {@code ok()} for {@code void}, else the value with
   * the code that writes it.
   */
  private static void addReturn(
      MethodSpec.Builder method, ResultType result, CodeBlock invocation, String resultMethod) {
    if (result == null) {
      method.addStatement("$L", invocation).addStatement("return $T.ok()", RuntimeTypes.CALL_RESULT);
      return;
    }
    method.addStatement("$T result = $L", result.typeName(), invocation);
    CodeBlock write = ResultWriter.nonNullExpression(result, CodeBlock.of("result"));
    if (write == null) {
      write = CodeBlock.of("$N(json, result)", resultMethod);
    }
    method.addStatement("return $T.ok(result, json -> $L)", RuntimeTypes.CALL_RESULT, write);
  }

  /** The writer of a result that needs statements (a list), if it does. */
  private static java.util.Optional<MethodSpec> resultMethod(ResultType result, String name) {
    if (name == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        MethodSpec.methodBuilder(name)
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addParameter(RuntimeTypes.JSON_GENERATOR, "json")
            .addParameter(result.typeName(), "value")
            .addException(RuntimeTypes.IO_EXCEPTION)
            .addCode(ResultWriter.statements(result, CodeBlock.of("value"), 1))
            .build());
  }

  private MethodSpec routes(Map<Object, String> methodNames) {
    List<CodeBlock> routes = new ArrayList<>();
    for (RouteModel route : backend.routes()) {
      routes.add(
          CodeBlock.of(
              "new $T($S, $S, $L, this::$N)",
              RuntimeTypes.HTTP_ROUTE,
              route.httpMethod(),
              route.path(),
              route.onWorldThread(),
              methodNames.get(route)));
    }
    return override("routes")
        .returns(ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.HTTP_ROUTE))
        .addStatement("return $T.of(\n$L)", RuntimeTypes.LIST, CodeBlock.join(routes, ",\n"))
        .build();
  }

  private MethodSpec routeMethod(RouteModel route, String methodName) {
    Set<String> taken = new HashSet<>(storeFields.values());
    taken.addAll(FIXED_NAMES);
    NameAllocator locals = new NameAllocator();
    taken.forEach(name -> locals.newName(name, "taken:" + name));
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(methodName)
            .addJavadoc(
                "{@code $L}$L: {@link $T#$L}.\n",
                route.display(),
                route.onWorldThread() ? ", on the world's thread" : "",
                backend.backendName(),
                route.methodName())
            .addModifiers(Modifier.PRIVATE)
            .returns(RuntimeTypes.CALL_RESULT)
            .addParameter(RuntimeTypes.HTTP_CALL, "call");
    Map<String, String> localOf = new HashMap<>();
    for (Parameter parameter : route.parameters()) {
      if (parameter instanceof Parameter.ArgumentParameter argument) {
        String local = locals.newName(argument.name(), argument);
        localOf.put(argument.name(), local);
        CodeBlock member =
            CodeBlock.of(
                "$T.member(call.args(), $S, $S)", RuntimeTypes.JSON_ARGS, argument.name(), argument.name());
        if (route.isText(argument.name()) && isNumberOrBoolean(argument.type().kind())) {
          member = CodeBlock.of("$T.fromText($L)", RuntimeTypes.JSON_ARGS, member);
        }
        method.addStatement(
            "$T $N = $L",
            argument.type().typeName(),
            local,
            CodecWriter.readJson(argument.type(), member, CodeBlock.of("$S", argument.name()), Map.of()));
      }
    }
    addGuards(method, "call.session()", route.display(), route.authenticated(), route.sessionUserMatches(), localOf);
    CodeBlock invocation =
        invocation(route.parameters(), route.isStatic(), route.methodName(), "call.session()", localOf);
    addReturn(method, route.result(), invocation, resultMethodNames.get(route.result()));
    return method.build();
  }

  /**
   * The guards before a handler or route runs: {@code @Authenticated}, then {@code
   * @SessionUserMatches}; {@code session} is the expression of the caller's session.
   */
  private static void addGuards(MethodSpec.Builder method, String session, String what,
      boolean authenticated, java.util.Optional<String> userParameter, Map<String, String> localOf) {
    if (authenticated) {
      method
          .beginControlFlow("if (!$L.isAuthenticated())", session)
          .addStatement(
              "return $T.forbidden($S)",
              RuntimeTypes.CALL_RESULT,
              what + " requires an authenticated session")
          .endControlFlow();
    }
    if (userParameter.isPresent()) {
      String parameter = userParameter.get();
      method
          .beginControlFlow("if (!$L.isUser($N))", session, localOf.get(parameter))
          .addStatement(
              "return $T.forbidden($S)",
              RuntimeTypes.CALL_RESULT,
              what + ": '" + parameter + "' must be the session's own user id")
          .endControlFlow();
    }
  }

  /** The call of the user's method, each parameter given its value: session, tokens, store or decoded local. */
  private CodeBlock invocation(List<Parameter> parameters, boolean isStatic, String methodName,
      String session, Map<String, String> localOf) {
    List<CodeBlock> callArguments = new ArrayList<>();
    for (Parameter parameter : parameters) {
      if (parameter instanceof Parameter.SessionParameter) {
        callArguments.add(CodeBlock.of("$L", session));
      } else if (parameter instanceof Parameter.TokensParameter) {
        callArguments.add(CodeBlock.of("call.tokens()"));
      } else if (parameter instanceof Parameter.StoreParameter store) {
        callArguments.add(CodeBlock.of("$N", storeFields.get(store.store().storeName())));
      } else {
        callArguments.add(CodeBlock.of("$N", localOf.get(parameter.name())));
      }
    }
    return CodeBlock.of("$L.$N($L)", receiver(isStatic), methodName, CodeBlock.join(callArguments, ", "));
  }

  private static boolean isNumberOrBoolean(ValueKind kind) {
    return kind.isPrimitive() && kind != ValueKind.CHAR;
  }

  private static String withArticle(String noun) {
    // "a UUID", "an int", "an Item": by sound, which for an acronym is its first letter's name.
    boolean vowelSound =
        noun.equals(noun.toUpperCase(java.util.Locale.ROOT)) && noun.length() > 1
            ? "AEFHILMNORSX".indexOf(noun.charAt(0)) >= 0
            : "aeiouAEIOU".indexOf(noun.charAt(0)) >= 0;
    return (vowelSound ? "an " : "a ") + noun;
  }

  private static MethodSpec.Builder override(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
  }
}
