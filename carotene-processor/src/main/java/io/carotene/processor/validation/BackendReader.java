package io.carotene.processor.validation;

import com.palantir.javapoet.ClassName;
import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.HandlerModel;
import io.carotene.processor.model.LoopModel;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.ResultType;
import io.carotene.processor.model.RouteModel;
import io.carotene.processor.model.StoreModel;
import io.carotene.processor.model.ValueKind;
import io.carotene.processor.validation.ModelReader.ValueRead;
import io.carotene.processor.validation.StoreRegistry.StoreType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a {@code @Backend} class: its loops, its socket handlers, its HTTP routes, their guards
 * and results, and which stores they take. Reports every problem; returns a model only when there
 * was none.
 */
public final class BackendReader {
  private static final String TICK = "io.carotene.runtime.Tick";
  private static final String SESSION = "io.carotene.runtime.Session";
  private static final String TOKENS = "io.carotene.runtime.server.Tokens";

  /** A path template segment that is a parameter: {@code {name}}, the name a Java identifier. */
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z_$][A-Za-z0-9_$]*)}");

  /** Kinds whose text can equal a token's subject. */
  private static final Set<ValueKind> IDENTITY_KINDS =
      Set.of(ValueKind.UUID, ValueKind.STRING, ValueKind.LONG, ValueKind.INT);

  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;
  private final ModelReader models;
  private final ResultReader results;
  private final StoreRegistry stores;

  public BackendReader(
      Elements elements,
      Types types,
      Diagnostics diagnostics,
      ModelReader models,
      ResultReader results,
      StoreRegistry stores) {
    this.elements = elements;
    this.types = types;
    this.diagnostics = diagnostics;
    this.models = models;
    this.results = results;
    this.stores = stores;
  }

  /**
   * @param lastRound when true, types that are still unresolved are errors instead of a reason to
   *     wait
   */
  public Outcome<BackendModel> read(TypeElement backend, boolean lastRound) {
    List<ExecutableElement> methods =
        ElementFilter.methodsIn(backend.getEnclosedElements()).stream()
            .filter(
                method ->
                    Annotations.has(method, Annotations.LOOP)
                        || Annotations.has(method, Annotations.SOCKET)
                        || Annotations.has(method, Annotations.HTTP))
            .toList();
    if (!lastRound && methods.stream().anyMatch(BackendReader::hasUnresolvedTypes)) {
      return Outcome.deferred();
    }
    int errorsBefore = diagnostics.errorCount();
    checkInstantiable(backend);

    Map<String, StoreType> usedStores = new LinkedHashMap<>();
    Set<String> argumentRecordNames = new LinkedHashSet<>();
    List<RecordModel> argumentRecords = new ArrayList<>();
    List<LoopModel> loops = new ArrayList<>();
    List<HandlerModel> handlers = new ArrayList<>();
    List<RouteModel> routes = new ArrayList<>();
    Map<String, ExecutableElement> methodByOperation = new LinkedHashMap<>();
    Map<String, ExecutableElement> methodByRoute = new LinkedHashMap<>();
    Map<String, ResultType.ResultRecord> resultRecords = new LinkedHashMap<>();
    for (ExecutableElement method : methods) {
      Optional<AnnotationMirror> loop = Annotations.find(method, Annotations.LOOP);
      Optional<AnnotationMirror> socket = Annotations.find(method, Annotations.SOCKET);
      Optional<AnnotationMirror> http = Annotations.find(method, Annotations.HTTP);
      if (loop.isPresent() && socket.isPresent()) {
        diagnostics.error(Message.LOOP_AND_SOCKET, method, socket.get(), method.getSimpleName());
        continue;
      }
      if (http.isPresent() && (loop.isPresent() || socket.isPresent())) {
        diagnostics.error(
            Message.HTTP_WITH_LOOP_OR_SOCKET,
            method,
            http.get(),
            method.getSimpleName(),
            loop.isPresent() ? "Loop" : "Socket");
        continue;
      }
      AnnotationMirror annotation = loop.orElseGet(() -> socket.orElseGet(http::orElseThrow));
      String kind = loop.isPresent() ? "Loop" : socket.isPresent() ? "Socket" : "Http";
      if (method.getModifiers().contains(Modifier.PRIVATE)) {
        diagnostics.error(
            Message.PRIVATE_METHOD, method, annotation, kind, method.getSimpleName());
        continue;
      }
      checkThrows(method);
      List<Parameter> taken = List.of();
      ResultType result = null;
      if (loop.isPresent()) {
        readLoop(method, loop.get(), usedStores).ifPresent(loops::add);
      } else if (socket.isPresent()) {
        Optional<HandlerModel> handler =
            readHandler(method, socket.get(), usedStores, methodByOperation, backend);
        if (handler.isPresent()) {
          handlers.add(handler.get());
          taken = handler.get().parameters();
          result = handler.get().result();
        }
      } else {
        Optional<RouteModel> route =
            readRoute(method, http.get(), usedStores, methodByRoute, backend);
        if (route.isPresent()) {
          routes.add(route.get());
          taken = route.get().parameters();
          result = route.get().result();
        }
      }
      for (Parameter parameter : taken) {
        if (parameter instanceof Parameter.ArgumentParameter argument) {
          RecordModel record = argument.type().record();
          if (record != null && argumentRecordNames.add(record.recordName().canonicalName())) {
            argumentRecords.add(record);
          }
        }
      }
      if (result != null) {
        addResultRecords(ResultType.records(result), resultRecords);
      }
    }
    if (diagnostics.errorCount() > errorsBefore) {
      return Outcome.invalid();
    }
    List<StoreType> ordered = new ArrayList<>(usedStores.values());
    ordered.sort(Comparator.comparing(StoreType::domain).thenComparingInt(StoreType::index));
    Set<String> domainNames = new LinkedHashSet<>();
    List<StoreModel> storeModels = new ArrayList<>();
    for (StoreType type : ordered) {
      storeModels.add(type.store());
      domainNames.add(type.domain());
    }
    if (domainNames.size() > 1) {
      diagnostics.error(
          Message.BACKEND_SPANS_DOMAINS,
          backend,
          Annotations.find(backend, Annotations.BACKEND).orElseThrow(),
          backend.getSimpleName(),
          String.join(", ", domainNames));
      return Outcome.invalid();
    }
    ClassName backendName = ClassName.get(backend);
    ClassName dispatcherName = GeneratedNames.dispatcher(backendName);
    return Outcome.valid(
        new BackendModel(
            backend,
            backendName,
            dispatcherName,
            storeModels,
            domainNames,
            loops,
            handlers,
            routes,
            argumentRecords,
            List.copyOf(resultRecords.values())));
  }

  /** Collects the records a result writes, nested ones first, each once. */
  private static void addResultRecords(
      List<ResultType.ResultRecord> records, Map<String, ResultType.ResultRecord> into) {
    for (ResultType.ResultRecord record : records) {
      String name = record.recordName().canonicalName();
      if (!into.containsKey(name)) {
        addResultRecords(record.nested(), into);
        into.putIfAbsent(name, record);
      }
    }
  }

  private static boolean hasUnresolvedTypes(ExecutableElement method) {
    return ErrorTypes.contains(method.getReturnType())
        || method.getParameters().stream().anyMatch(p -> ErrorTypes.contains(p.asType()));
  }

  private void checkInstantiable(TypeElement backend) {
    String reason = null;
    if (backend.getKind() != ElementKind.CLASS) {
      reason = "it is not a class";
    } else if (ModelReader.isPrivate(backend)) {
      reason = "it is private; make it package-private or public";
    } else if (backend.getModifiers().contains(Modifier.ABSTRACT)) {
      reason = "it is abstract";
    } else if (backend.getNestingKind() == NestingKind.MEMBER
        && !backend.getModifiers().contains(Modifier.STATIC)) {
      reason = "it is an inner class; make it static or top-level";
    } else if (backend.getNestingKind() == NestingKind.LOCAL
        || backend.getNestingKind() == NestingKind.ANONYMOUS) {
      reason = "it is a local class; make it top-level";
    } else if (!backend.getTypeParameters().isEmpty()) {
      reason = "it is generic";
    } else {
      boolean hasConstructor =
          ElementFilter.constructorsIn(backend.getEnclosedElements()).stream()
              .anyMatch(
                  constructor ->
                      constructor.getParameters().isEmpty()
                          && !constructor.getModifiers().contains(Modifier.PRIVATE));
      if (!hasConstructor) {
        reason = "it needs a constructor without parameters that is not private";
      }
    }
    if (reason != null) {
      diagnostics.error(
          Message.BACKEND_NOT_INSTANTIABLE,
          backend,
          Annotations.find(backend, Annotations.BACKEND).orElseThrow(),
          backend.getSimpleName(),
          reason);
    }
  }

  private void checkThrows(ExecutableElement method) {
    TypeMirror runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (!types.isAssignable(thrown, runtimeException) && !types.isAssignable(thrown, error)) {
        diagnostics.error(Message.CHECKED_EXCEPTION, method, method.getSimpleName(), thrown);
      }
    }
  }

  private Optional<LoopModel> readLoop(
      ExecutableElement method, AnnotationMirror annotation, Map<String, StoreType> usedStores) {
    boolean valid = true;
    AnnotationValue every = Annotations.value(elements, annotation, "every");
    String text = (String) every.getValue();
    LoopPeriod.Result period = LoopPeriod.parse(text);
    if (period.problem().isPresent()) {
      diagnostics.error(
          period.problem().get(),
          method,
          annotation,
          Annotations.explicitValue(annotation, "every"),
          text);
      valid = false;
    }
    String loopName = GeneratedNames.capitalize(method.getSimpleName().toString());
    List<Parameter> parameters = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      String name = parameter.getSimpleName().toString();
      if (isUnresolved(parameter)) {
        valid = false;
        continue;
      }
      String typeName = qualifiedName(parameter.asType());
      Optional<StoreType> store = stores.find(typeName);
      if (typeName.equals(TICK)) {
        parameters.add(new Parameter.TickParameter(name));
      } else if (store.isPresent()) {
        usedStores.putIfAbsent(store.get().store().storeName().canonicalName(), store.get());
        parameters.add(new Parameter.StoreParameter(name, store.get().store(), store.get().writable()));
      } else {
        diagnostics.error(
            Message.LOOP_PARAMETER, parameter, loopName, name, parameter.asType());
        valid = false;
      }
    }
    TypeMirror result = method.getReturnType();
    if (result.getKind() != TypeKind.VOID) {
      diagnostics.warning(Message.LOOP_RESULT_IGNORED, method, loopName, result);
    }
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(
        new LoopModel(
            method.getSimpleName().toString(),
            loopName,
            period.nanos(),
            method.getModifiers().contains(Modifier.STATIC),
            parameters));
  }

  private Optional<HandlerModel> readHandler(
      ExecutableElement method,
      AnnotationMirror annotation,
      Map<String, StoreType> usedStores,
      Map<String, ExecutableElement> methodByOperation,
      TypeElement backend) {
    boolean valid = true;
    String methodName = method.getSimpleName().toString();
    String declared = (String) Annotations.value(elements, annotation, "value").getValue();
    String operation = declared.isBlank() ? GeneratedNames.capitalize(methodName) : declared;
    ExecutableElement previous = methodByOperation.putIfAbsent(operation, method);
    if (previous != null) {
      diagnostics.error(
          Message.DUPLICATE_OPERATION,
          method,
          annotation,
          Annotations.explicitValue(annotation, "value"),
          operation,
          previous.getSimpleName(),
          backend.getSimpleName());
      valid = false;
    }
    List<Parameter> parameters = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      String name = parameter.getSimpleName().toString();
      if (isUnresolved(parameter)) {
        valid = false;
        continue;
      }
      String typeName = qualifiedName(parameter.asType());
      Optional<StoreType> store = stores.find(typeName);
      if (typeName.equals(SESSION)) {
        parameters.add(new Parameter.SessionParameter(name));
        continue;
      }
      if (store.isPresent()) {
        usedStores.putIfAbsent(store.get().store().storeName().canonicalName(), store.get());
        parameters.add(new Parameter.StoreParameter(name, store.get().store(), store.get().writable()));
        continue;
      }
      ValueRead value = models.argument(parameter.asType());
      if (value instanceof ValueRead.Supported supported) {
        parameters.add(new Parameter.ArgumentParameter(name, supported.type()));
      } else {
        if (!(value instanceof ValueRead.InvalidRecord)) {
          diagnostics.error(
              Message.UNSUPPORTED_ARGUMENT_TYPE,
              parameter,
              operation,
              name,
              parameter.asType());
        }
        valid = false;
      }
    }

    Guards guards = readGuards(method, parameters, valid);
    valid &= guards.valid();
    Optional<ResultType> result = readResult(method, "Handler " + operation);
    valid &= result != null;
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(
        new HandlerModel(
            methodName,
            operation,
            method.getModifiers().contains(Modifier.STATIC),
            result.orElse(null),
            parameters,
            guards.authenticated(),
            guards.sessionUserMatches()));
  }

  /** A method's guards, and whether they are sound. */
  private record Guards(boolean authenticated, Optional<String> sessionUserMatches, boolean valid) {}

  /**
   * Reads {@code @Authenticated} and {@code @SessionUserMatches}; {@code valid} says whether the
   * parameters read so far are sound (else the later checks would only echo their errors).
   */
  private Guards readGuards(ExecutableElement method, List<Parameter> parameters, boolean valid) {
    boolean sound = true;
    boolean authenticated = Annotations.has(method, Annotations.AUTHENTICATED);
    Optional<String> userMatches = Optional.empty();
    Optional<AnnotationMirror> matches = Annotations.find(method, Annotations.SESSION_USER_MATCHES);
    if (matches.isPresent()) {
      authenticated = true;
      AnnotationValue value = Annotations.value(elements, matches.get(), "value");
      String named = (String) value.getValue();
      Optional<VariableElement> parameter =
          method.getParameters().stream()
              .filter(p -> p.getSimpleName().contentEquals(named))
              .map(VariableElement.class::cast)
              .findFirst();
      if (parameter.isEmpty()) {
        diagnostics.error(
            Message.SESSION_USER_MATCHES_PARAMETER,
            method,
            matches.get(),
            value,
            named,
            method.getSimpleName(),
            method.getParameters().stream().map(p -> p.getSimpleName().toString()).toList());
        sound = false;
      } else if (valid
          && parameters.stream()
              .noneMatch(
                  p -> p instanceof Parameter.ArgumentParameter && p.name().equals(named))) {
        diagnostics.error(
            Message.SESSION_USER_MATCHES_NOT_ARGUMENT, method, matches.get(), value, named);
        sound = false;
      } else if (valid) {
        ValueKind kind =
            parameters.stream()
                .filter(p -> p instanceof Parameter.ArgumentParameter && p.name().equals(named))
                .map(p -> ((Parameter.ArgumentParameter) p).type().kind())
                .findFirst()
                .orElseThrow();
        if (!IDENTITY_KINDS.contains(kind)) {
          diagnostics.warning(
              Message.SESSION_USER_MATCHES_TYPE,
              method,
              matches.get(),
              value,
              named,
              parameter.get().asType());
        }
      }
      userMatches = Optional.of(named);
    }
    return new Guards(authenticated, userMatches, sound);
  }

  /**
   * The method's result: empty for {@code void}, null when the protocol cannot carry it (which is
   * reported).
   */
  private Optional<ResultType> readResult(ExecutableElement method, String label) {
    TypeMirror returned = method.getReturnType();
    if (returned.getKind() == TypeKind.VOID) {
      return Optional.empty();
    }
    ResultReader.Read read = results.read(returned);
    if (read instanceof ResultReader.Read.Supported supported) {
      return Optional.of(supported.type());
    }
    if (read instanceof ResultReader.Read.Unsupported unsupported) {
      diagnostics.error(Message.UNSUPPORTED_RETURN_TYPE, method, label, returned, unsupported.detail());
    }
    return null;
  }

  private Optional<RouteModel> readRoute(
      ExecutableElement method,
      AnnotationMirror annotation,
      Map<String, StoreType> usedStores,
      Map<String, ExecutableElement> methodByRoute,
      TypeElement backend) {
    boolean valid = true;
    String httpMethod =
        ((VariableElement) Annotations.value(elements, annotation, "method").getValue())
            .getSimpleName()
            .toString();
    AnnotationValue pathValue = Annotations.value(elements, annotation, "path");
    String path = (String) pathValue.getValue();
    Set<String> pathNames = new LinkedHashSet<>();
    Optional<String> pathProblem = pathProblem(path, pathNames);
    if (pathProblem.isPresent()) {
      diagnostics.error(Message.HTTP_PATH, method, annotation, pathValue, path, pathProblem.get());
      valid = false;
    }
    String display = httpMethod + " " + path;
    boolean hasBody = httpMethod.equals("POST") || httpMethod.equals("PUT") || httpMethod.equals("PATCH");
    List<Parameter> parameters = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      String name = parameter.getSimpleName().toString();
      if (isUnresolved(parameter)) {
        valid = false;
        continue;
      }
      String typeName = qualifiedName(parameter.asType());
      Optional<StoreType> store = stores.find(typeName);
      if (typeName.equals(SESSION)) {
        parameters.add(new Parameter.SessionParameter(name));
      } else if (typeName.equals(TOKENS)) {
        parameters.add(new Parameter.TokensParameter(name));
      } else if (store.isPresent()) {
        usedStores.putIfAbsent(store.get().store().storeName().canonicalName(), store.get());
        parameters.add(new Parameter.StoreParameter(name, store.get().store(), store.get().writable()));
      } else {
        ValueRead value = models.argument(parameter.asType());
        if (value instanceof ValueRead.Supported supported) {
          boolean text = !hasBody || pathNames.contains(name);
          if (text && supported.type().kind() == ValueKind.RECORD) {
            diagnostics.error(
                Message.HTTP_ARGUMENT_NOT_TEXT,
                parameter,
                display,
                name,
                parameter.asType(),
                pathNames.contains(name) ? "path" : "query string");
            valid = false;
          } else {
            parameters.add(new Parameter.ArgumentParameter(name, supported.type()));
          }
        } else {
          if (!(value instanceof ValueRead.InvalidRecord)) {
            diagnostics.error(
                Message.UNSUPPORTED_ARGUMENT_TYPE, parameter, display, name, parameter.asType());
          }
          valid = false;
        }
      }
    }
    if (pathProblem.isEmpty()) {
      for (String named : pathNames) {
        boolean isParameter =
            method.getParameters().stream().anyMatch(p -> p.getSimpleName().contentEquals(named));
        boolean isArgument =
            parameters.stream()
                .anyMatch(p -> p instanceof Parameter.ArgumentParameter && p.name().equals(named));
        if (!isArgument && (valid || !isParameter)) {
          diagnostics.error(
              Message.HTTP_PATH_PARAMETER,
              method,
              annotation,
              pathValue,
              path,
              named,
              method.getSimpleName(),
              method.getParameters().stream().map(p -> p.getSimpleName().toString()).toList());
          valid = false;
        }
      }
    }
    Guards guards = readGuards(method, parameters, valid);
    valid &= guards.valid();
    Optional<ResultType> result = readResult(method, "Route " + display);
    valid &= result != null;
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
            result.orElse(null),
            parameters,
            guards.authenticated(),
            guards.sessionUserMatches());
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
   * What is wrong with a path template, if anything; collects its parameter names into {@code
   * names}.
   */
  static Optional<String> pathProblem(String path, Set<String> names) {
    if (!path.startsWith("/")) {
      return Optional.of("it must start with '/'");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '?' || c == '#' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return Optional.of("it contains '" + c + "'; a query string or fragment is not part of a route");
      }
    }
    String[] segments = path.substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      if (segment.isEmpty() && i < segments.length - 1) {
        return Optional.of("it has an empty segment ('//')");
      }
      if (segment.indexOf('{') < 0 && segment.indexOf('}') < 0) {
        continue;
      }
      java.util.regex.Matcher matcher = PATH_PARAMETER.matcher(segment);
      if (!matcher.matches()) {
        return Optional.of(
            "segment '" + segment + "' must be a whole {name}, the name a parameter's");
      }
      if (!names.add(matcher.group(1))) {
        return Optional.of("{" + matcher.group(1) + "} appears twice");
      }
    }
    return Optional.empty();
  }

  /** Reports a parameter whose type never resolved (only reached in the last round). */
  private boolean isUnresolved(VariableElement parameter) {
    Optional<TypeMirror> unresolved = ErrorTypes.find(parameter.asType());
    if (unresolved.isEmpty()) {
      return false;
    }
    diagnostics.error(
        Message.UNRESOLVED_TYPE,
        parameter,
        "Parameter " + parameter.getSimpleName(),
        unresolved.get());
    return true;
  }

  private static String qualifiedName(TypeMirror type) {
    if (type instanceof DeclaredType declared) {
      return ((TypeElement) declared.asElement()).getQualifiedName().toString();
    }
    return type.toString();
  }
}
