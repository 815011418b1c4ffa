package io.carotene.processor.validation;

import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.LoopModel;
import io.carotene.processor.validation.StoreRegistry.StoreType;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/** Reads one {@code @Loop} method: its period, its parameters and what it returns. */
final class LoopReader {
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final ParameterReader parameters;

  LoopReader(Elements elements, Diagnostics diagnostics, ParameterReader parameters) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.parameters = parameters;
  }

  /** The loop, or empty when it has problems (reported); a loop's stores go in {@code usedStores}. */
  Optional<LoopModel> read(
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
    ParameterReader.Read read = parameters.read(method, ParameterRules.loop(loopName), usedStores);
    valid &= read.valid();
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
            read.parameters()));
  }
}
