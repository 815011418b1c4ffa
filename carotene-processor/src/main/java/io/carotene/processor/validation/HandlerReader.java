package io.carotene.processor.validation;

import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.HandlerModel;
import io.carotene.processor.validation.StoreRegistry.StoreType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads the {@code @Socket} handlers of one backend: each one's operation name (unique in the
 * backend), parameters, guards and result. A new reader per backend.
 */
final class HandlerReader {
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final ParameterReader parameters;
  private final GuardReader guards;
  private final ResultReader results;
  private final TypeElement backend;
  private final Map<String, ExecutableElement> methodByOperation = new HashMap<>();

  HandlerReader(
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

  /** The handler, or empty when it has problems (reported); its stores go in {@code usedStores}. */
  Optional<HandlerModel> read(
      ExecutableElement method, AnnotationMirror annotation, Map<String, StoreType> usedStores) {
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
    ParameterReader.Read read =
        parameters.read(method, ParameterRules.handler(operation), usedStores);
    valid &= read.valid();
    GuardReader.Guards guarded = guards.read(method, read.parameters(), valid);
    valid &= guarded.valid();
    ResultReader.Returned result = results.returned(method, "Handler " + operation);
    valid &= result.sound();
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(
        new HandlerModel(
            methodName,
            operation,
            method.getModifiers().contains(Modifier.STATIC),
            result.type(),
            read.parameters(),
            guarded.authenticated(),
            guarded.sessionUserMatches()));
  }
}
