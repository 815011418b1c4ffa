package io.carotene.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.ResultType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes what a socket call and an HTTP route have in common once their arguments are decoded:
 * the guards, the call of the user's method and the result it returns.
 */
final class InvocationWriter {
  private InvocationWriter() {}

  /**
   * The guards before a handler or route runs: {@code @Authenticated}, then {@code
   * @SessionUserMatches}; {@code session} is the expression of the caller's session.
   */
  static void addGuards(MethodSpec.Builder method, String session, String what,
      boolean authenticated, Optional<String> userParameter, Map<String, String> localOf) {
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

  /**
   * The call of the user's method, each parameter given its value: the session, the tokens, a
   * store or a decoded argument ({@code localOf} names the variable of each).
   */
  static CodeBlock invocation(DispatcherNames names, List<Parameter> parameters, boolean isStatic,
      String methodName, String session, Map<String, String> localOf) {
    List<CodeBlock> callArguments = new ArrayList<>();
    for (Parameter parameter : parameters) {
      if (parameter instanceof Parameter.SessionParameter) {
        callArguments.add(CodeBlock.of("$L", session));
      } else if (parameter instanceof Parameter.RandomParameter) {
        callArguments.add(CodeBlock.of("services.random()"));
      } else if (parameter instanceof Parameter.IdsParameter) {
        callArguments.add(CodeBlock.of("services.ids()"));
      } else if (parameter instanceof Parameter.RoomParameter) {
        callArguments.add(CodeBlock.of("room"));
      } else if (parameter instanceof Parameter.TokensParameter) {
        callArguments.add(CodeBlock.of("call.tokens()"));
      } else if (parameter instanceof Parameter.StoreParameter store) {
        callArguments.add(CodeBlock.of("$N", names.storeField(store.store().storeName())));
      } else {
        callArguments.add(CodeBlock.of("$N", localOf.get(parameter.name())));
      }
    }
    return CodeBlock.of("$L.$N($L)", names.receiver(isStatic), methodName, CodeBlock.join(callArguments, ", "));
  }

  /**
   * Calls the method and returns its outcome: {@code ok()} for {@code void}, else the value with
   * the code that writes it.
   */
  static void addReturn(MethodSpec.Builder method, ResultType result, CodeBlock invocation, String resultMethod) {
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
  static Optional<MethodSpec> resultMethod(ResultType result, String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Optional.of(
        MethodSpec.methodBuilder(name)
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addParameter(RuntimeTypes.JSON_GENERATOR, "json")
            .addParameter(result.typeName(), "value")
            .addException(RuntimeTypes.IO_EXCEPTION)
            .addCode(ResultWriter.statements(result, CodeBlock.of("value"), 1))
            .build());
  }

  static MethodSpec.Builder override(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
  }
}
