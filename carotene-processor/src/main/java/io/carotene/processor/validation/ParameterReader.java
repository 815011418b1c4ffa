package io.carotene.processor.validation;

import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.validation.ModelReader.ValueRead;
import io.carotene.processor.validation.StoreRegistry.StoreType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Reads the parameters of a loop, a socket handler or an HTTP route: each is a runtime-supplied
 * type, a store or view of the domain, or a value the client sends. What differs between the
 * three is {@link ParameterRules}; the classification is the same, so it is written once.
 */
final class ParameterReader {
  private final Diagnostics diagnostics;
  private final ModelReader models;
  private final StoreRegistry stores;

  ParameterReader(Diagnostics diagnostics, ModelReader models, StoreRegistry stores) {
    this.diagnostics = diagnostics;
    this.models = models;
    this.stores = stores;
  }

  /**
   * A method's parameters as far as they could be read.
   *
   * @param parameters those that are sound, in order (the guards still look at them when {@code
   *     valid} is false)
   * @param valid whether every parameter was sound
   */
  record Read(List<Parameter> parameters, boolean valid) {}

  /**
   * Reads every parameter of {@code method}, reporting those {@code rules} do not allow; records
   * the stores it takes in {@code usedStores}, by qualified name.
   */
  Read read(ExecutableElement method, ParameterRules rules, Map<String, StoreType> usedStores) {
    List<Parameter> parameters = new ArrayList<>();
    boolean valid = true;
    for (VariableElement parameter : method.getParameters()) {
      Optional<Parameter> read =
          isUnresolved(parameter) ? Optional.empty() : readOne(parameter, rules, usedStores);
      read.ifPresent(parameters::add);
      valid &= read.isPresent();
    }
    valid &= scopesAgree(method, rules, parameters);
    valid = rules.wholeCheck().check(method, parameters, valid);
    return new Read(parameters, valid);
  }

  /** A route takes server-scoped stores or room stores, not both (it runs in one place); reported. */
  private boolean scopesAgree(ExecutableElement method, ParameterRules rules, List<Parameter> parameters) {
    if (!rules.takesServerStores()) {
      return true;
    }
    Optional<Parameter.StoreParameter> server = Optional.empty();
    Optional<Parameter.StoreParameter> room = Optional.empty();
    for (Parameter parameter : parameters) {
      if (parameter instanceof Parameter.StoreParameter store) {
        if (store.store().serverScoped()) {
          server = server.or(() -> Optional.of(store));
        } else {
          room = room.or(() -> Optional.of(store));
        }
      }
    }
    if (server.isPresent() && room.isPresent()) {
      diagnostics.error(Message.ROUTE_MIXES_SCOPES, method, rules.subject(), server.get().store().name(),
          room.get().store().name());
      return false;
    }
    return true;
  }

  private Optional<Parameter> readOne(
      VariableElement parameter, ParameterRules rules, Map<String, StoreType> usedStores) {
    String name = parameter.getSimpleName().toString();
    String typeName = qualifiedName(parameter.asType());
    for (ParameterRules.Supplied supplied : rules.supplied()) {
      if (supplied.qualifiedName().equals(typeName)) {
        return Optional.of(supplied.parameter(name));
      }
    }
    Optional<StoreType> store = stores.find(typeName);
    if (store.isPresent() && store.get().store().serverScoped() && !rules.takesServerStores()) {
      diagnostics.error(Message.SERVER_STORE_IN_ROOM, parameter, rules.subject(), name, parameter.asType(),
          store.get().store().name());
      return Optional.empty();
    }
    if (store.isPresent()) {
      usedStores.putIfAbsent(store.get().store().storeName().canonicalName(), store.get());
      return Optional.of(
          new Parameter.StoreParameter(name, store.get().store(), store.get().writable()));
    }
    if (!rules.takesArguments()) {
      reportRejected(parameter, rules);
      return Optional.empty();
    }
    ValueRead value = models.argument(parameter.asType());
    if (value instanceof ValueRead.Supported supported) {
      return rules.argumentCheck().accepts(parameter, supported.type())
          ? Optional.of(new Parameter.ArgumentParameter(name, supported.type()))
          : Optional.empty();
    }
    if (!(value instanceof ValueRead.InvalidRecord)) {
      reportRejected(parameter, rules);
    }
    return Optional.empty();
  }

  private void reportRejected(VariableElement parameter, ParameterRules rules) {
    diagnostics.error(
        rules.rejected(),
        parameter,
        rules.subject(),
        parameter.getSimpleName().toString(),
        parameter.asType());
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
