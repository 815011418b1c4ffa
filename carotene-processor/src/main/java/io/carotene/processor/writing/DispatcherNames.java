package io.carotene.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.HandlerModel;
import io.carotene.processor.model.ResultType;
import io.carotene.processor.model.RouteModel;
import io.carotene.processor.model.StoreModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The names inside one generated dispatcher, chosen once so its writers agree: the field of each
 * store, the nested classes of each handler, the private method of each route and list result,
 * and the names a generated method's own parameters and locals take.
 */
final class DispatcherNames {
  /** Names the generated methods use for their own parameters and locals. */
  static final Set<String> FIXED =
      Set.of("backend", "tick", "session", "args", "operation", "rejection", "operations", "result", "json",
          "call", "in", "services", "room");

  private final BackendModel backend;
  private final Map<ClassName, String> storeFields = new HashMap<>();
  private final Map<Object, String> names = new IdentityHashMap<>();
  private final Map<HandlerModel, String> operationClasses = new IdentityHashMap<>();
  private final Map<HandlerModel, String> callClasses = new IdentityHashMap<>();

  DispatcherNames(BackendModel backend) {
    this.backend = backend;
    NameAllocator fields = new NameAllocator();
    FIXED.forEach(name -> fields.newName(name, name));
    for (StoreModel store : backend.stores()) {
      storeFields.put(store.storeName(), fields.newName(lowerCamel(store.name()), store.storeName()));
    }
    // The interface's own methods keep their names; routes and result writers get the rest.
    NameAllocator methods = new NameAllocator();
    for (String taken : List.of("backendName", "loops", "operations", "routes", "roomHooks", "room")) {
      methods.newName(taken, taken);
    }
    for (RouteModel route : backend.routes()) {
      names.put(route, methods.newName(route.methodName(), route));
    }
    List<Object> owners = new ArrayList<>(backend.handlers());
    owners.addAll(backend.routes());
    for (Object owner : owners) {
      ResultType result = owner instanceof HandlerModel handler ? handler.result() : ((RouteModel) owner).result();
      String method = owner instanceof HandlerModel handler ? handler.methodName() : ((RouteModel) owner).methodName();
      if (result != null && ResultWriter.nonNullExpression(result, CodeBlock.of("result")) == null) {
        names.put(result, methods.newName("write" + GeneratedNames.capitalize(method) + "Result", result));
      }
    }
    // A handler's classes are named after its method: HandleInputOperation, HandleInputCall.
    NameAllocator types = new NameAllocator();
    types.newName(backend.dispatcherName().simpleName(), "dispatcher");
    types.newName(backend.backendName().simpleName(), "backend");
    for (HandlerModel handler : backend.handlers()) {
      String base = GeneratedNames.capitalize(handler.methodName());
      operationClasses.put(handler, types.newName(base + "Operation", "operation:" + handler.operation()));
      callClasses.put(handler, types.newName(base + "Call", "call:" + handler.operation()));
    }
  }

  /** The name of the dispatcher's constructor parameter for each store, in order. */
  static String lowerCamel(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  BackendModel backend() {
    return backend;
  }

  /**
   * What a generated dispatcher and room hooks class both hold: the backend, its stores and the
   * world's services, each a final field set from the constructor parameter of the same name.
   */
  void addWiring(TypeSpec.Builder type, MethodSpec.Builder constructor) {
    type.addField(backend.backendName(), "backend", Modifier.PRIVATE, Modifier.FINAL);
    constructor.addParameter(backend.backendName(), "backend").addStatement("this.backend = backend");
    for (StoreModel store : backend.stores()) {
      String field = storeField(store.storeName());
      type.addField(store.storeName(), field, Modifier.PRIVATE, Modifier.FINAL);
      constructor.addParameter(store.storeName(), field).addStatement("this.$N = $N", field, field);
    }
    type.addField(RuntimeTypes.WORLD_SERVICES, "services", Modifier.PRIVATE, Modifier.FINAL);
    constructor.addParameter(RuntimeTypes.WORLD_SERVICES, "services").addStatement("this.services = services");
  }

  /** The dispatcher's field holding {@code store}. */
  String storeField(ClassName store) {
    return storeFields.get(store);
  }

  /** Every store field's name. */
  Collection<String> storeFields() {
    return storeFields.values();
  }

  /** The private method of {@code route}. */
  String routeMethod(RouteModel route) {
    return names.get(route);
  }

  /** The private method writing {@code result}, or null when an expression writes it. */
  String resultMethod(ResultType result) {
    return result == null ? null : names.get(result);
  }

  /** The nested {@code Operation} class of {@code handler}. */
  ClassName operationClass(HandlerModel handler) {
    return backend.dispatcherName().nestedClass(operationClasses.get(handler));
  }

  /** The nested bound call class of {@code handler}. */
  ClassName callClass(HandlerModel handler) {
    return backend.dispatcherName().nestedClass(callClasses.get(handler));
  }

  /**
   * A fresh allocator for one generated method's locals, with the fixed names and the store
   * fields taken, so a local never hides a field.
   */
  NameAllocator locals() {
    NameAllocator locals = new NameAllocator();
    FIXED.forEach(name -> locals.newName(name, "taken:" + name));
    storeFields.values().forEach(name -> locals.newName(name, "taken:" + name));
    return locals;
  }

  /** {@code GameServer} for an instance method's receiver when static, else {@code backend}. */
  CodeBlock receiver(boolean isStatic) {
    return isStatic ? CodeBlock.of("$T", backend.backendName()) : CodeBlock.of("backend");
  }
}
