package io.carotene.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.HandlerModel;
import io.carotene.processor.model.LoopModel;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.RouteModel;
import io.carotene.processor.model.StoreModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Backend>Dispatcher}: the backend's loops as registrations, each socket handler as
 * an {@code Operation} ({@link OperationWriter}) whose decoders make a bound call ({@link
 * BoundCallWriter}), and each HTTP route as an {@code HttpRoute} ({@link RouteWriter}), all calling
 * the backend directly (no reflection).
 */
public final class DispatcherWriter {
  private final BackendModel backend;
  private final DispatcherNames names;

  private DispatcherWriter(BackendModel backend) {
    this.backend = backend;
    this.names = new DispatcherNames(backend);
  }

  public static JavaFile write(BackendModel backend) {
    return new DispatcherWriter(backend).file();
  }

  /** The name of the dispatcher's constructor parameter for each store, in order. */
  static String lowerCamel(String name) {
    return DispatcherNames.lowerCamel(name);
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
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
    names.addWiring(type, constructor);
    TypeName operationList = ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.OPERATION);
    if (!backend.handlers().isEmpty()) {
      List<CodeBlock> operations = new ArrayList<>();
      for (HandlerModel handler : backend.handlers()) {
        operations.add(CodeBlock.of("new $T()", names.operationClass(handler)));
      }
      type.addField(
          FieldSpec.builder(operationList, "operations", Modifier.PRIVATE, Modifier.FINAL)
              .initializer("$T.of($L)", RuntimeTypes.LIST, CodeBlock.join(operations, ", "))
              .build());
    }
    boolean takesRoom =
        backend.handlers().stream()
            .flatMap(handler -> handler.parameters().stream())
            .anyMatch(Parameter.RoomParameter.class::isInstance);
    if (takesRoom) {
      type.addField(RuntimeTypes.ROOM, "room", Modifier.PRIVATE);
    }
    type.addMethod(constructor.build());
    if (takesRoom) {
      type.addMethod(
          InvocationWriter.override("room")
              .addParameter(RuntimeTypes.ROOM, "room")
              .addStatement("this.room = room")
              .build());
    }
    type.addMethod(
        InvocationWriter.override("backendName")
            .returns(String.class)
            .addStatement("return $S", backendType.simpleName())
            .build());
    type.addMethod(loops());
    type.addMethod(
        InvocationWriter.override("operations")
            .returns(operationList)
            .addCode(
                backend.handlers().isEmpty()
                    ? CodeBlock.of("return $T.of();\n", RuntimeTypes.LIST)
                    : CodeBlock.of("return operations;\n"))
            .build());
    if (!backend.hooks().isEmpty()) {
      type.addMethod(
          InvocationWriter.override("roomHooks")
              .returns(RuntimeTypes.ROOM_HOOKS)
              .addStatement("return $L", RoomHooksWriter.construction(backend, names))
              .build());
    }
    RouteWriter routes = new RouteWriter(names);
    if (!backend.routes().isEmpty()) {
      type.addMethod(routes.routes());
    }
    for (HandlerModel handler : backend.handlers()) {
      InvocationWriter.resultMethod(handler.result(), names.resultMethod(handler.result())).ifPresent(type::addMethod);
    }
    for (RouteModel route : backend.routes()) {
      type.addMethod(routes.routeMethod(route));
      InvocationWriter.resultMethod(route.result(), names.resultMethod(route.result())).ifPresent(type::addMethod);
    }
    OperationWriter operations = new OperationWriter(names);
    BoundCallWriter calls = new BoundCallWriter(names);
    for (HandlerModel handler : backend.handlers()) {
      type.addType(operations.operationClass(handler));
      type.addType(calls.callClass(handler));
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
        if (parameter instanceof Parameter.StoreParameter store) {
          arguments.add(CodeBlock.of("$N", names.storeField(store.store().storeName())));
        } else if (parameter instanceof Parameter.RandomParameter) {
          arguments.add(CodeBlock.of("services.random()"));
        } else if (parameter instanceof Parameter.IdsParameter) {
          arguments.add(CodeBlock.of("services.ids()"));
        } else {
          arguments.add(CodeBlock.of("tick"));
        }
      }
      registrations.add(
          CodeBlock.of(
              "new $T($S, $LL, tick -> $L.$N($L))",
              RuntimeTypes.LOOP_REGISTRATION,
              loop.loopName(),
              loop.periodNanos(),
              names.receiver(loop.isStatic()),
              loop.methodName(),
              CodeBlock.join(arguments, ", ")));
    }
    return InvocationWriter.override("loops")
        .returns(ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.LOOP_REGISTRATION))
        .addStatement(
            registrations.isEmpty() ? "return $T.of($L)" : "return $T.of(\n$L)",
            RuntimeTypes.LIST,
            CodeBlock.join(registrations, ",\n"))
        .build();
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
    if (!backend.hooks().isEmpty()) {
      parts.add("room lifecycle methods");
    }
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add("Runs {@link $T}'s $L, calling it directly.\n", backendType, describe(parts));
    if (!backend.handlers().isEmpty()) {
      doc.add(
          "Each socket handler is an {@link $T}: a call's arguments are decoded and checked once, on\n"
              + "the IO thread, into a bound call; on the world thread its guards run, then the handler,\n"
              + "and a {@link $T} becomes a {@code REJECTED} result.\n",
          RuntimeTypes.OPERATION,
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
}
