package io.carotene.processor.writing;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.HandlerModel;
import io.carotene.processor.model.LoopModel;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.StoreModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Backend>Dispatcher}: the backend's loops as registrations, and each socket
 * handler behind its argument checks and guards, called directly (no reflection).
 */
public final class DispatcherWriter {
  /** Names the generated methods use for their own parameters and locals. */
  private static final Set<String> FIXED_NAMES =
      Set.of("backend", "tick", "session", "args", "operation", "rejection", "OPERATIONS");

  private final BackendModel backend;
  /** The field holding each store, by the store's generated class. */
  private final Map<ClassName, String> storeFields = new HashMap<>();

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
            .addJavadoc(
                "Runs {@link $T}'s loops and socket handlers: checks each call's arguments, runs its\n"
                    + "guards, then the handler, and turns a {@link $T} into a {@code REJECTED}"
                    + " result.\n",
                backendType,
                RuntimeTypes.REJECTION);
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
    Map<HandlerModel, String> methodNames = handlerMethodNames();
    type.addMethod(call(methodNames));
    type.addMethod(decodeArguments());
    for (HandlerModel handler : backend.handlers()) {
      type.addMethod(handlerMethod(handler, methodNames.get(handler)));
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

  private Map<HandlerModel, String> handlerMethodNames() {
    NameAllocator names = new NameAllocator();
    // The interface's own methods keep their names; the handlers' private methods get the rest.
    for (String taken : List.of("backendName", "loops", "operations", "call", "decodeArguments")) {
      names.newName(taken, taken);
    }
    Map<HandlerModel, String> methodNames = new HashMap<>();
    for (HandlerModel handler : backend.handlers()) {
      methodNames.put(handler, names.newName(handler.methodName(), handler));
    }
    return methodNames;
  }

  private MethodSpec call(Map<HandlerModel, String> methodNames) {
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
    CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("switch (operation)");
    for (HandlerModel handler : backend.handlers()) {
      body.add("case $S: {\n$>", handler.operation());
      List<Parameter.ArgumentParameter> arguments = handler.arguments();
      if (arguments.isEmpty()) {
        body.addStatement("return new Object[0]");
      } else {
        body.addStatement("$T.object(args, $S)", RuntimeTypes.JSON_ARGS, "args");
        List<CodeBlock> values = new ArrayList<>();
        for (Parameter.ArgumentParameter argument : arguments) {
          CodeBlock member =
              CodeBlock.of(
                  "$T.member(args, $S, $S)", RuntimeTypes.JSON_ARGS, argument.name(), argument.name());
          values.add(
              CodecWriter.readJson(argument.type(), member, CodeBlock.of("$S", argument.name()), Map.of()));
        }
        body.add("return new Object[] {\n$>$>$L$<$<\n};\n", CodeBlock.join(values, ",\n"));
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
    return override("decodeArguments")
        .returns(ArrayTypeName.of(Object.class))
        .addParameter(String.class, "operation")
        .addParameter(RuntimeTypes.JSON_NODE, "args")
        .addCode(body.build())
        .build();
  }

  private MethodSpec handlerMethod(HandlerModel handler, String methodName) {
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
    if (handler.authenticated()) {
      method
          .beginControlFlow("if (!session.isAuthenticated())")
          .addStatement(
              "return $T.forbidden($S)",
              RuntimeTypes.CALL_RESULT,
              operation + " requires an authenticated session")
          .endControlFlow();
    }
    if (handler.sessionUserMatches().isPresent()) {
      String parameter = handler.sessionUserMatches().get();
      method
          .beginControlFlow("if (!session.isUser($N))", localOf.get(parameter))
          .addStatement(
              "return $T.forbidden($S)",
              RuntimeTypes.CALL_RESULT,
              operation + ": '" + parameter + "' must be the session's own user id")
          .endControlFlow();
    }
    List<CodeBlock> callArguments = new ArrayList<>();
    for (Parameter parameter : handler.parameters()) {
      if (parameter instanceof Parameter.SessionParameter) {
        callArguments.add(CodeBlock.of("session"));
      } else if (parameter instanceof Parameter.StoreParameter store) {
        callArguments.add(CodeBlock.of("$N", storeFields.get(store.store().storeName())));
      } else {
        callArguments.add(CodeBlock.of("$N", localOf.get(parameter.name())));
      }
    }
    CodeBlock invocation =
        CodeBlock.of(
            "$L.$N($L)",
            receiver(handler.isStatic()),
            handler.methodName(),
            CodeBlock.join(callArguments, ", "));
    method.beginControlFlow("try");
    if (handler.returnsVoid()) {
      method.addStatement("$L", invocation).addStatement("return $T.ok()", RuntimeTypes.CALL_RESULT);
    } else {
      method.addStatement("return $T.ok($L)", RuntimeTypes.CALL_RESULT, invocation);
    }
    method
        .nextControlFlow("catch ($T rejection)", RuntimeTypes.REJECTION)
        .addStatement("return $T.rejected(rejection.getMessage())", RuntimeTypes.CALL_RESULT)
        .endControlFlow();
    return method.build();
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
