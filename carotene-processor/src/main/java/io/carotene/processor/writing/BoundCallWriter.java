package io.carotene.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import io.carotene.processor.model.HandlerModel;
import io.carotene.processor.model.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes a handler's bound call, {@code <Handler>Call}: its arguments, decoded and typed, as final
 * fields, and {@code invoke(session)}, which runs the guards, then the handler; a {@code
 * Rejection} becomes a {@code REJECTED} result. An inner class, so it reaches the backend and the
 * stores directly.
 */
final class BoundCallWriter {
  private final DispatcherNames names;

  BoundCallWriter(DispatcherNames names) {
    this.names = names;
  }

  TypeSpec callClass(HandlerModel handler) {
    // Fields are named as the handler's parameters unless that would hide a field of the
    // dispatcher or clash with invoke's own names.
    NameAllocator locals = names.locals();
    Map<String, String> fieldOf = new HashMap<>();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(names.callClass(handler))
            .addModifiers(Modifier.PRIVATE, Modifier.FINAL)
            .addSuperinterface(RuntimeTypes.BOUND_CALL)
            .addJavadoc(
                "A {@code $L} call$L: runs the guards, then\n{@link $T#$L}.\n",
                handler.operation(),
                handler.arguments().isEmpty() ? " (it takes no arguments)" : " with its arguments",
                names.backend().backendName(),
                handler.methodName());
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    for (Parameter.ArgumentParameter argument : handler.arguments()) {
      String field = locals.newName(argument.name(), argument);
      fieldOf.put(argument.name(), field);
      type.addField(argument.type().typeName(), field, Modifier.PRIVATE, Modifier.FINAL);
      constructor.addParameter(argument.type().typeName(), field).addStatement("this.$N = $N", field, field);
    }
    if (!handler.arguments().isEmpty()) {
      type.addMethod(constructor.build());
    }
    MethodSpec.Builder invoke =
        InvocationWriter.override("invoke").returns(RuntimeTypes.CALL_RESULT).addParameter(RuntimeTypes.SESSION, "session");
    InvocationWriter.addGuards(
        invoke, "session", handler.operation(), handler.authenticated(), handler.sessionUserMatches(), fieldOf);
    CodeBlock invocation = InvocationWriter.invocation(
        names, handler.parameters(), handler.isStatic(), handler.methodName(), "session", fieldOf);
    invoke.beginControlFlow("try");
    InvocationWriter.addReturn(invoke, handler.result(), invocation, names.resultMethod(handler.result()));
    invoke
        .nextControlFlow("catch ($T rejection)", RuntimeTypes.REJECTION)
        .addStatement("return $T.rejected(rejection.getMessage())", RuntimeTypes.CALL_RESULT)
        .endControlFlow();
    List<CodeBlock> values = new ArrayList<>();
    for (Parameter.ArgumentParameter argument : handler.arguments()) {
      values.add(CodeBlock.of("$N", fieldOf.get(argument.name())));
    }
    MethodSpec arguments =
        InvocationWriter.override("arguments")
            .returns(Object[].class)
            .addStatement("return new Object[] {$L}", CodeBlock.join(values, ", "))
            .build();
    return type.addMethod(invoke.build()).addMethod(arguments).build();
  }
}
