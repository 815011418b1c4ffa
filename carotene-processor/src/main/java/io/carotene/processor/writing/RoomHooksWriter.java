package io.carotene.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.HookModel;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.StoreModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Backend>RoomHooks}: the backend's room lifecycle methods as the runtime's {@code
 * RoomHooks}, each calling the backend directly with the room, the session, the leave reason, the
 * world's {@code Rng}/{@code Ids}, the stores and the options record (decoded by the record's generated codec). A join attempt that
 * throws {@code Rejection}, or whose options do not decode, is refused with the message.
 */
public final class RoomHooksWriter {
  private static final String OPTIONS_LOCAL = "decodedOptions";

  private final BackendModel backend;
  private final DispatcherNames names;

  private RoomHooksWriter(BackendModel backend) {
    this.backend = backend;
    this.names = new DispatcherNames(backend);
  }

  /** The file, or empty for a backend without lifecycle methods. */
  public static Optional<JavaFile> write(BackendModel backend) {
    return backend.hooks().isEmpty() ? Optional.empty() : Optional.of(new RoomHooksWriter(backend).file());
  }

  /** The expression the dispatcher's {@code roomHooks()} returns: a new hooks object. */
  static CodeBlock construction(BackendModel backend, DispatcherNames names) {
    List<CodeBlock> arguments = new ArrayList<>();
    arguments.add(CodeBlock.of("backend"));
    for (StoreModel store : backend.stores()) {
      arguments.add(CodeBlock.of("$N", names.storeField(store.storeName())));
    }
    arguments.add(CodeBlock.of("services"));
    return CodeBlock.of(
        "new $T($L)", GeneratedNames.roomHooks(backend.backendName()), CodeBlock.join(arguments, ", "));
  }

  private JavaFile file() {
    ClassName self = GeneratedNames.roomHooks(backend.backendName());
    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addModifiers(Modifier.FINAL)
            .addAnnotation(RuntimeTypes.generated())
            .addSuperinterface(RuntimeTypes.ROOM_HOOKS)
            .addOriginatingElement(backend.element())
            .addJavadoc(
                "{@link $T}'s room lifecycle methods, called by the runtime on the room's thread.\n",
                backend.backendName());
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    names.addWiring(type, constructor);
    type.addMethod(constructor.build());
    for (HookModel hook : backend.hooks()) {
      type.addMethod(method(hook));
    }
    return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private MethodSpec method(HookModel hook) {
    MethodSpec.Builder method =
        InvocationWriter.override(runtimeName(hook.kind())).addParameter(RuntimeTypes.ROOM, "room");
    switch (hook.kind()) {
      case CREATE -> method.addParameter(RuntimeTypes.JSON_NODE, "options");
      case JOIN_ATTEMPT ->
          method
              .returns(String.class)
              .addParameter(RuntimeTypes.SESSION, "session")
              .addParameter(RuntimeTypes.JSON_NODE, "options");
      case JOIN -> method.addParameter(RuntimeTypes.SESSION, "session");
      case LEAVE ->
          method
              .addParameter(RuntimeTypes.SESSION, "session")
              .addParameter(RuntimeTypes.LEAVE_REASON, "reason");
      case DISPOSE -> {}
    }
    Optional<Parameter.ArgumentParameter> options = hook.options();
    CodeBlock decode =
        options
            .map(
                argument ->
                    CodeBlock.of(
                        "$T.fromJson(options, $S)",
                        GeneratedNames.codec(argument.type().record().recordName()),
                        "options"))
            .orElse(null);
    CodeBlock call = CodeBlock.of("$L.$N($L)", receiver(hook), hook.methodName(), arguments(hook));
    if (hook.kind() != HookModel.Kind.JOIN_ATTEMPT) {
      if (decode != null) {
        method.addStatement(
            "$T $N = $L", options.get().type().typeName(), OPTIONS_LOCAL, decode);
      }
      return method.addStatement("$L", call).build();
    }
    if (decode != null) {
      method
          .addStatement("$T $N", options.get().type().typeName(), OPTIONS_LOCAL)
          .beginControlFlow("try")
          .addStatement("$N = $L", OPTIONS_LOCAL, decode)
          .nextControlFlow("catch ($T badOptions)", RuntimeTypes.BAD_ARGUMENT)
          .addStatement("return badOptions.getMessage()")
          .endControlFlow();
    }
    return method
        .beginControlFlow("try")
        .addStatement("$L", call)
        .addStatement("return null")
        .nextControlFlow("catch ($T refusal)", RuntimeTypes.REJECTION)
        .addStatement("return refusal.getMessage()")
        .endControlFlow()
        .build();
  }

  private CodeBlock arguments(HookModel hook) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (Parameter parameter : hook.parameters()) {
      if (parameter instanceof Parameter.RoomParameter) {
        arguments.add(CodeBlock.of("room"));
      } else if (parameter instanceof Parameter.SessionParameter) {
        arguments.add(CodeBlock.of("session"));
      } else if (parameter instanceof Parameter.LeaveReasonParameter) {
        arguments.add(CodeBlock.of("reason"));
      } else if (parameter instanceof Parameter.RandomParameter) {
        arguments.add(CodeBlock.of("this.services.random()"));
      } else if (parameter instanceof Parameter.IdsParameter) {
        arguments.add(CodeBlock.of("this.services.ids()"));
      } else if (parameter instanceof Parameter.StoreParameter store) {
        arguments.add(CodeBlock.of("this.$N", names.storeField(store.store().storeName())));
      } else if (parameter instanceof Parameter.ArgumentParameter) {
        arguments.add(CodeBlock.of("$N", OPTIONS_LOCAL));
      } else {
        throw new IllegalStateException("A hook cannot take " + parameter);
      }
    }
    return CodeBlock.join(arguments, ", ");
  }

  private CodeBlock receiver(HookModel hook) {
    return hook.isStatic() ? CodeBlock.of("$T", backend.backendName()) : CodeBlock.of("this.backend");
  }

  private static String runtimeName(HookModel.Kind kind) {
    return switch (kind) {
      case CREATE -> "created";
      case JOIN_ATTEMPT -> "joinAttempt";
      case JOIN -> "joined";
      case LEAVE -> "left";
      case DISPOSE -> "disposed";
    };
  }
}
