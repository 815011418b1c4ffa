package io.carotene.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.RouteModel;
import io.carotene.processor.model.ValueKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes a dispatcher's {@code @Http} routes: {@code routes()}, an {@code HttpRoute} per route,
 * and each route's private method, which reads its arguments by name, runs its guards, then the
 * user's method.
 */
final class RouteWriter {
  private final DispatcherNames names;

  RouteWriter(DispatcherNames names) {
    this.names = names;
  }

  MethodSpec routes() {
    List<CodeBlock> routes = new ArrayList<>();
    for (RouteModel route : names.backend().routes()) {
      routes.add(
          route.serverScoped()
              ? CodeBlock.of(
                  "new $T($S, $S, true, true, this::$N)",
                  RuntimeTypes.HTTP_ROUTE,
                  route.httpMethod(),
                  route.path(),
                  names.routeMethod(route))
              : CodeBlock.of(
                  "new $T($S, $S, $L, this::$N)",
                  RuntimeTypes.HTTP_ROUTE,
                  route.httpMethod(),
                  route.path(),
                  route.onWorldThread(),
                  names.routeMethod(route)));
    }
    return InvocationWriter.override("routes")
        .returns(ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.HTTP_ROUTE))
        .addStatement("return $T.of(\n$L)", RuntimeTypes.LIST, CodeBlock.join(routes, ",\n"))
        .build();
  }

  MethodSpec routeMethod(RouteModel route) {
    NameAllocator locals = names.locals();
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(names.routeMethod(route))
            .addJavadoc(
                "{@code $L}$L: {@link $T#$L}.\n",
                route.display(),
                route.onWorldThread() ? ", on the world's thread" : "",
                names.backend().backendName(),
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
    InvocationWriter.addGuards(
        method, "call.session()", route.display(), route.authenticated(), route.sessionUserMatches(), localOf);
    CodeBlock invocation = InvocationWriter.invocation(
        names, route.parameters(), route.isStatic(), route.methodName(), "call.session()", localOf);
    InvocationWriter.addReturn(method, route.result(), invocation, names.resultMethod(route.result()));
    return method.build();
  }

  private static boolean isNumberOrBoolean(ValueKind kind) {
    return kind.isPrimitive() && kind != ValueKind.CHAR;
  }
}
