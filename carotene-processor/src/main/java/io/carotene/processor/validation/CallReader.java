package io.carotene.processor.validation;

import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.HandlerModel;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.RouteModel;
import io.carotene.processor.model.ValueKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Reads the methods a client calls: {@code @Socket} handlers and {@code @Http} routes. Both are
 * read the same way (parameters by their {@link ParameterRules}, then guards, then the result);
 * what differs is how they are named (an operation; a method and path template) and what must be
 * unique in their backend.
 */
final class CallReader {
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final ParameterReader parameters;
  private final GuardReader guards;
  private final ResultReader results;

  CallReader(
      Elements elements,
      Diagnostics diagnostics,
      ParameterReader parameters,
      ResultReader results) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.parameters = parameters;
    this.guards = new GuardReader(elements, diagnostics);
    this.results = results;
  }

  /** The handler, or empty when it has problems (reported). */
  Optional<HandlerModel> handler(
      ExecutableElement method, AnnotationMirror annotation, BackendMembers members) {
    boolean valid = true;
    String methodName = method.getSimpleName().toString();
    String declared = (String) Annotations.value(elements, annotation, "value").getValue();
    String operation = declared.isBlank() ? GeneratedNames.capitalize(methodName) : declared;
    Optional<ExecutableElement> previous = members.claimOperation(operation, method);
    if (previous.isPresent()) {
      diagnostics.error(
          Message.DUPLICATE_OPERATION,
          method,
          annotation,
          Annotations.explicitValue(annotation, "value"),
          operation,
          previous.get().getSimpleName(),
          members.backend().getSimpleName());
      valid = false;
    }
    Call call =
        read(method, ParameterRules.handler(operation), "Handler " + operation, valid, members);
    if (!call.valid()) {
      return Optional.empty();
    }
    return Optional.of(
        new HandlerModel(
            methodName,
            operation,
            method.getModifiers().contains(Modifier.STATIC),
            call.result().type(),
            call.parameters(),
            call.guards().authenticated(),
            call.guards().sessionUserMatches()));
  }

  /** The route, or empty when it has problems (reported). */
  Optional<RouteModel> route(
      ExecutableElement method, AnnotationMirror annotation, BackendMembers members) {
    boolean valid = true;
    String httpMethod =
        ((VariableElement) Annotations.value(elements, annotation, "method").getValue())
            .getSimpleName()
            .toString();
    AnnotationValue pathValue = Annotations.value(elements, annotation, "path");
    String path = (String) pathValue.getValue();
    Set<String> pathNames = new LinkedHashSet<>();
    Optional<String> pathProblem = RoutePath.problem(path, pathNames);
    if (pathProblem.isPresent()) {
      diagnostics.error(Message.HTTP_PATH, method, annotation, pathValue, path, pathProblem.get());
      valid = false;
    }
    String display = RouteModel.display(httpMethod, path);
    ParameterRules rules =
        ParameterRules.route(
            display,
            textOnly(display, RouteModel.hasBody(httpMethod), pathNames),
            pathProblem.isEmpty()
                ? pathNamesAreArguments(annotation, pathValue, pathNames)
                : ParameterRules.WholeCheck.NONE);
    Call call = read(method, rules, "Route " + display, valid, members);
    if (!call.valid()) {
      return Optional.empty();
    }
    RouteModel route =
        new RouteModel(
            method,
            annotation,
            method.getSimpleName().toString(),
            httpMethod,
            path,
            pathNames,
            method.getModifiers().contains(Modifier.STATIC),
            call.result().type(),
            call.parameters(),
            call.guards().authenticated(),
            call.guards().sessionUserMatches());
    Optional<ExecutableElement> previous = members.claimRoute(route.key(), method);
    if (previous.isPresent()) {
      diagnostics.error(
          Message.DUPLICATE_ROUTE,
          method,
          annotation,
          display,
          members.backend().getSimpleName(),
          previous.get().getSimpleName());
      return Optional.empty();
    }
    return Optional.of(route);
  }

  /** What handlers and routes share; {@code valid} when it and the method so far are sound. */
  private record Call(
      List<Parameter> parameters,
      GuardReader.Guards guards,
      ResultReader.Returned result,
      boolean valid) {}

  /**
   * Reads a call's parameters, guards and result, in that order (the order of the messages);
   * {@code label} names the method in a message about its result.
   */
  private Call read(
      ExecutableElement method,
      ParameterRules rules,
      String label,
      boolean soundSoFar,
      BackendMembers members) {
    ParameterReader.Read read = parameters.read(method, rules, members.usedStores());
    boolean valid = soundSoFar && read.valid();
    GuardReader.Guards guarded = guards.read(method, read.parameters(), valid);
    valid &= guarded.valid();
    ResultReader.Returned result = results.returned(method, label);
    valid &= result.sound();
    return new Call(read.parameters(), guarded, result, valid);
  }

  /**
   * Rejects a record argument whose value arrives as text: from the path, or from the query string
   * of a request without a body.
   */
  private ParameterRules.ArgumentCheck textOnly(
      String display, boolean hasBody, Set<String> pathNames) {
    return (parameter, type) -> {
      String name = parameter.getSimpleName().toString();
      boolean text = !hasBody || pathNames.contains(name);
      if (text && type.kind() == ValueKind.RECORD) {
        diagnostics.error(
            Message.HTTP_ARGUMENT_NOT_TEXT,
            parameter,
            display,
            name,
            parameter.asType(),
            pathNames.contains(name) ? "path" : "query string");
        return false;
      }
      return true;
    };
  }

  /**
   * Every {@code {name}} of the path must be an argument of the method. When the method already
   * has problems, a name that is a parameter is not reported, since its problem most likely is.
   */
  private ParameterRules.WholeCheck pathNamesAreArguments(
      AnnotationMirror annotation, AnnotationValue pathValue, Set<String> pathNames) {
    return (method, read, soundSoFar) -> {
      boolean sound = soundSoFar;
      for (String named : pathNames) {
        boolean isParameter =
            method.getParameters().stream().anyMatch(p -> p.getSimpleName().contentEquals(named));
        boolean isArgument =
            read.stream()
                .anyMatch(p -> p instanceof Parameter.ArgumentParameter && p.name().equals(named));
        if (!isArgument && (sound || !isParameter)) {
          diagnostics.error(
              Message.HTTP_PATH_PARAMETER,
              method,
              annotation,
              pathValue,
              pathValue.getValue(),
              named,
              method.getSimpleName(),
              method.getParameters().stream().map(p -> p.getSimpleName().toString()).toList());
          sound = false;
        }
      }
      return sound;
    };
  }
}
