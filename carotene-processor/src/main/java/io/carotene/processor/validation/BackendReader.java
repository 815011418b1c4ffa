package io.carotene.processor.validation;

import com.palantir.javapoet.ClassName;
import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.HandlerModel;
import io.carotene.processor.model.LoopModel;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.RecordModel;
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
 * Reads a {@code @Backend} class: its loops, its socket handlers and their guards, and which
 * stores they take. Reports every problem; returns a model only when there was none.
 */
public final class BackendReader {
  private static final String TICK = "io.carotene.runtime.Tick";
  private static final String SESSION = "io.carotene.runtime.Session";

  /** Kinds whose text can equal a token's subject. */
  private static final Set<ValueKind> IDENTITY_KINDS =
      Set.of(ValueKind.UUID, ValueKind.STRING, ValueKind.LONG, ValueKind.INT);

  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;
  private final ModelReader models;
  private final StoreRegistry stores;

  public BackendReader(
      Elements elements,
      Types types,
      Diagnostics diagnostics,
      ModelReader models,
      StoreRegistry stores) {
    this.elements = elements;
    this.types = types;
    this.diagnostics = diagnostics;
    this.models = models;
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
                        || Annotations.has(method, Annotations.SOCKET))
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
    Map<String, ExecutableElement> methodByOperation = new LinkedHashMap<>();
    for (ExecutableElement method : methods) {
      Optional<AnnotationMirror> loop = Annotations.find(method, Annotations.LOOP);
      Optional<AnnotationMirror> socket = Annotations.find(method, Annotations.SOCKET);
      if (loop.isPresent() && socket.isPresent()) {
        diagnostics.error(Message.LOOP_AND_SOCKET, method, socket.get(), method.getSimpleName());
        continue;
      }
      AnnotationMirror annotation = loop.orElseGet(socket::orElseThrow);
      String kind = loop.isPresent() ? "Loop" : "Socket";
      if (method.getModifiers().contains(Modifier.PRIVATE)) {
        diagnostics.error(
            Message.PRIVATE_METHOD, method, annotation, kind, method.getSimpleName());
        continue;
      }
      checkThrows(method);
      if (loop.isPresent()) {
        readLoop(method, loop.get(), usedStores).ifPresent(loops::add);
      } else {
        readHandler(method, socket.get(), usedStores, methodByOperation, backend)
            .ifPresent(
                handler -> {
                  handlers.add(handler);
                  for (Parameter.ArgumentParameter argument : handler.arguments()) {
                    RecordModel record = argument.type().record();
                    if (record != null
                        && argumentRecordNames.add(record.recordName().canonicalName())) {
                      argumentRecords.add(record);
                    }
                  }
                });
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
    ClassName dispatcherName =
        ClassName.get(
            backendName.packageName(), String.join("", backendName.simpleNames()) + "Dispatcher");
    return Outcome.valid(
        new BackendModel(
            backend,
            backendName,
            dispatcherName,
            storeModels,
            domainNames,
            loops,
            handlers,
            argumentRecords));
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
    String loopName = capitalize(method.getSimpleName().toString());
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
    String operation = declared.isBlank() ? capitalize(methodName) : declared;
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
            methodName,
            method.getParameters().stream().map(p -> p.getSimpleName().toString()).toList());
        valid = false;
      } else if (valid
          && parameters.stream()
              .noneMatch(
                  p -> p instanceof Parameter.ArgumentParameter && p.name().equals(named))) {
        diagnostics.error(
            Message.SESSION_USER_MATCHES_NOT_ARGUMENT, method, matches.get(), value, named);
        valid = false;
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
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(
        new HandlerModel(
            methodName,
            operation,
            method.getModifiers().contains(Modifier.STATIC),
            method.getReturnType().getKind() == TypeKind.VOID,
            parameters,
            authenticated,
            userMatches));
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

  /** {@code physicsTick} → {@code PhysicsTick}: loop names and default operation names. */
  public static String capitalize(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
