package io.carotene.processor.validation;

import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.RouteModel;
import io.carotene.processor.model.ValueKind;
import io.carotene.processor.validation.StoreRegistry.StoreType;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Reads the {@code @Http} routes of one backend: each one's method and path template, its
 * parameters (a {@code {name}} in the path must be one of its arguments), guards and result; no
 * two of the backend's routes may match the same requests. A new reader per backend.
 */
final class RouteReader {
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final ParameterReader parameters;
  private final GuardReader guards;
  private final ResultReader results;
  private final TypeElement backend;
  private final Map<String, ExecutableElement> methodByRoute = new HashMap<>();

  RouteReader(
      Elements elements,
      Diagnostics diagnostics,
      ParameterReader parameters,
      GuardReader guards,
      ResultReader results,
      TypeElement backend) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.parameters = parameters;
    this.guards = guards;
    this.results = results;
    this.backend = backend;
  }

  /** The route, or empty when it has problems (reported); its stores go in {@code usedStores}. */
  Optional<RouteModel> read(
      ExecutableElement method, AnnotationMirror annotation, Map<String, StoreType> usedStores) {
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
            display, textOnly(display, RouteModel.hasBody(httpMethod), pathNames));
    ParameterReader.Read read = parameters.read(method, rules, usedStores);
    valid &= read.valid();
    if (pathProblem.isEmpty()) {
      valid &= checkPathNames(method, annotation, pathValue, pathNames, read.parameters(), valid);
    }
    GuardReader.Guards guarded = guards.read(method, read.parameters(), valid);
    valid &= guarded.valid();
    ResultReader.Returned result = results.returned(method, "Route " + display);
    valid &= result.sound();
    if (!valid) {
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
            result.type(),
            read.parameters(),
            guarded.authenticated(),
            guarded.sessionUserMatches());
    ExecutableElement previous = methodByRoute.putIfAbsent(route.key(), method);
    if (previous != null) {
      diagnostics.error(
          Message.DUPLICATE_ROUTE,
          method,
          annotation,
          display,
          backend.getSimpleName(),
          previous.getSimpleName());
      return Optional.empty();
    }
    return Optional.of(route);
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
  private boolean checkPathNames(
      ExecutableElement method,
      AnnotationMirror annotation,
      AnnotationValue pathValue,
      Set<String> pathNames,
      List<Parameter> read,
      boolean soundSoFar) {
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
  }
}
