package io.carotene.processor.validation;

import io.carotene.processor.model.HandlerModel;
import io.carotene.processor.model.HookModel;
import io.carotene.processor.model.LoopModel;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.ResultType;
import io.carotene.processor.model.RouteModel;
import io.carotene.processor.validation.StoreRegistry.StoreType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * What a backend's methods were read into, in declaration order: its loops, handlers and routes,
 * the stores they take, and the records whose codecs and writers the backend needs, each once.
 * It also knows which method took each operation name and route, which must be unique in the
 * backend.
 */
final class BackendMembers {
  private final TypeElement backend;
  private final List<LoopModel> loops = new ArrayList<>();
  private final List<HandlerModel> handlers = new ArrayList<>();
  private final List<RouteModel> routes = new ArrayList<>();
  private final List<HookModel> hooks = new ArrayList<>();
  private final Map<HookModel.Kind, ExecutableElement> methodByHook = new HashMap<>();
  private final Map<String, StoreType> usedStores = new LinkedHashMap<>();
  private final Map<String, RecordModel> argumentRecords = new LinkedHashMap<>();
  private final Map<String, ResultType.ResultRecord> resultRecords = new LinkedHashMap<>();
  private final Map<String, ExecutableElement> methodByOperation = new HashMap<>();
  private final Map<String, ExecutableElement> methodByRoute = new HashMap<>();

  BackendMembers(TypeElement backend) {
    this.backend = backend;
  }

  TypeElement backend() {
    return backend;
  }

  /** The stores its methods take, by qualified name; the parameter readers fill it in. */
  Map<String, StoreType> usedStores() {
    return usedStores;
  }

  List<LoopModel> loops() {
    return List.copyOf(loops);
  }

  List<HandlerModel> handlers() {
    return List.copyOf(handlers);
  }

  List<RouteModel> routes() {
    return List.copyOf(routes);
  }

  List<HookModel> hooks() {
    return List.copyOf(hooks);
  }

  /** Takes the hook {@code kind} for {@code method}; returns the method that took it before, if any. */
  Optional<ExecutableElement> claimHook(HookModel.Kind kind, ExecutableElement method) {
    return Optional.ofNullable(methodByHook.putIfAbsent(kind, method));
  }

  void addHook(HookModel hook) {
    hooks.add(hook);
    addArgumentRecords(hook.parameters());
  }

  /** Takes {@code operation} for {@code method}; returns the method that took it before, if any. */
  Optional<ExecutableElement> claimOperation(String operation, ExecutableElement method) {
    return Optional.ofNullable(methodByOperation.putIfAbsent(operation, method));
  }

  /**
   * Takes a route (by {@link RouteModel#key()}) for {@code method}; returns the method that took
   * it before, if any.
   */
  Optional<ExecutableElement> claimRoute(String key, ExecutableElement method) {
    return Optional.ofNullable(methodByRoute.putIfAbsent(key, method));
  }

  void addLoop(LoopModel loop) {
    loops.add(loop);
  }

  void addHandler(HandlerModel handler) {
    handlers.add(handler);
    addArgumentRecords(handler.parameters());
    addResultRecords(handler.result());
  }

  void addRoute(RouteModel route) {
    routes.add(route);
    addArgumentRecords(route.parameters());
    addResultRecords(route.result());
  }

  /** Records taken as arguments (their codecs decode them), in the order first met. */
  List<RecordModel> argumentRecords() {
    return List.copyOf(argumentRecords.values());
  }

  /** Records returned, directly or nested, nested ones first (their writers write them). */
  List<ResultType.ResultRecord> resultRecords() {
    return List.copyOf(resultRecords.values());
  }

  private void addArgumentRecords(List<Parameter> parameters) {
    for (Parameter parameter : parameters) {
      if (parameter instanceof Parameter.ArgumentParameter argument) {
        RecordModel record = argument.type().record();
        if (record != null) {
          argumentRecords.putIfAbsent(record.recordName().canonicalName(), record);
        }
      }
    }
  }

  private void addResultRecords(ResultType result) {
    if (result != null) {
      addResultRecords(ResultType.records(result));
    }
  }

  private void addResultRecords(List<ResultType.ResultRecord> records) {
    for (ResultType.ResultRecord record : records) {
      String name = record.recordName().canonicalName();
      if (!resultRecords.containsKey(name)) {
        addResultRecords(record.nested());
        resultRecords.putIfAbsent(name, record);
      }
    }
  }
}
