package io.carotene.processor.validation;

import com.palantir.javapoet.ClassName;
import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.HookModel;
import io.carotene.processor.model.StoreModel;
import io.carotene.processor.validation.StoreRegistry.StoreType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
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
  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;
  private final LoopReader loops;
  private final CallReader calls;
  private final DeterminismScanner determinism;
  private final HookReader hooks;

  public BackendReader(
      Elements elements,
      Types types,
      Diagnostics diagnostics,
      ModelReader models,
      ResultReader results,
      StoreRegistry stores,
      DeterminismScanner determinism) {
    this.determinism = determinism;
    this.elements = elements;
    this.types = types;
    this.diagnostics = diagnostics;
    ParameterReader parameters = new ParameterReader(diagnostics, models, stores);
    this.loops = new LoopReader(elements, diagnostics, parameters);
    this.calls = new CallReader(elements, diagnostics, parameters, results);
    this.hooks = new HookReader(diagnostics, parameters);
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
                        || Annotations.has(method, Annotations.HTTP)
                        || hookKind(method).isPresent())
            .toList();
    if (!lastRound && methods.stream().anyMatch(BackendReader::hasUnresolvedTypes)) {
      return Outcome.deferred();
    }
    int errorsBefore = diagnostics.errorCount();
    checkInstantiable(backend);

    BackendMembers members = new BackendMembers(backend);
    for (ExecutableElement method : methods) {
      Optional<AnnotationMirror> loop = Annotations.find(method, Annotations.LOOP);
      Optional<AnnotationMirror> socket = Annotations.find(method, Annotations.SOCKET);
      Optional<AnnotationMirror> http = Annotations.find(method, Annotations.HTTP);
      Optional<HookModel.Kind> hook = hookKind(method);
      if (hook.isPresent()) {
        if (checkHook(backend, method, hook.get(), members)) {
          checkThrows(method);
          determinism.scan(method, "Hook " + method.getSimpleName());
          AnnotationMirror annotation =
              Annotations.find(method, hook.get().qualifiedAnnotation()).orElseThrow();
          hooks.read(method, hook.get(), annotation, members.usedStores()).ifPresent(members::addHook);
        }
        continue;
      }
      if (!checkMethod(method, loop, socket, http)) {
        continue;
      }
      checkThrows(method);
      if (loop.isPresent() || socket.isPresent()) {
        determinism.scan(method, (loop.isPresent() ? "Loop " : "Handler ") + method.getSimpleName());
      }
      if (loop.isPresent()) {
        loops.read(method, loop.get(), members.usedStores()).ifPresent(members::addLoop);
      } else if (socket.isPresent()) {
        calls.handler(method, socket.get(), members).ifPresent(members::addHandler);
      } else {
        calls.route(method, http.get(), members).ifPresent(members::addRoute);
      }
    }
    if (diagnostics.errorCount() > errorsBefore) {
      return Outcome.invalid();
    }
    List<StoreType> ordered = new ArrayList<>(members.usedStores().values());
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
            members.loops(),
            members.handlers(),
            members.routes(),
            members.hooks(),
            members.argumentRecords(),
            members.resultRecords()));
  }

  /**
   * A method may be one of a loop, a socket handler and a route, and not private; false when it
   * is not (reported), and then it is not read further.
   */
  private boolean checkMethod(
      ExecutableElement method,
      Optional<AnnotationMirror> loop,
      Optional<AnnotationMirror> socket,
      Optional<AnnotationMirror> http) {
    if (loop.isPresent() && socket.isPresent()) {
      diagnostics.error(Message.LOOP_AND_SOCKET, method, socket.get(), method.getSimpleName());
      return false;
    }
    if (http.isPresent() && (loop.isPresent() || socket.isPresent())) {
      diagnostics.error(
          Message.HTTP_WITH_LOOP_OR_SOCKET,
          method,
          http.get(),
          method.getSimpleName(),
          loop.isPresent() ? "Loop" : "Socket");
      return false;
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      AnnotationMirror annotation = loop.orElseGet(() -> socket.orElseGet(http::orElseThrow));
      String kind = loop.isPresent() ? "Loop" : socket.isPresent() ? "Socket" : "Http";
      diagnostics.error(Message.PRIVATE_METHOD, method, annotation, kind, method.getSimpleName());
      return false;
    }
    return true;
  }

  /** The lifecycle hook {@code method} is annotated as, if any (the first, when several). */
  private static Optional<HookModel.Kind> hookKind(ExecutableElement method) {
    for (HookModel.Kind kind : HookModel.Kind.values()) {
      if (Annotations.has(method, kind.qualifiedAnnotation())) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /**
   * A hook has one role (no second hook annotation, no @Loop, @Socket or @Http), is not private,
   * and is the backend's only one of its kind; false when it is not (reported).
   */
  private boolean checkHook(
      TypeElement backend, ExecutableElement method, HookModel.Kind kind, BackendMembers members) {
    AnnotationMirror annotation = Annotations.find(method, kind.qualifiedAnnotation()).orElseThrow();
    for (String other : List.of(Annotations.LOOP, Annotations.SOCKET, Annotations.HTTP)) {
      if (Annotations.has(method, other)) {
        diagnostics.error(
            Message.HOOK_WITH_OTHER, method, annotation, method.getSimpleName(), kind.annotation(),
            other.substring(other.lastIndexOf('.') + 1));
        return false;
      }
    }
    for (HookModel.Kind second : HookModel.Kind.values()) {
      if (second != kind && Annotations.has(method, second.qualifiedAnnotation())) {
        diagnostics.error(
            Message.HOOK_WITH_OTHER, method, annotation, method.getSimpleName(), kind.annotation(),
            second.annotation());
        return false;
      }
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      diagnostics.error(Message.PRIVATE_METHOD, method, annotation, kind.annotation(), method.getSimpleName());
      return false;
    }
    Optional<ExecutableElement> earlier = members.claimHook(kind, method);
    if (earlier.isPresent()) {
      diagnostics.error(
          Message.DUPLICATE_HOOK, method, annotation, backend.getSimpleName(), kind.annotation(),
          earlier.get().getSimpleName(), method.getSimpleName());
      return false;
    }
    return true;
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
}
