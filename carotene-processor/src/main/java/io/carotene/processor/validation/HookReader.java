package io.carotene.processor.validation;

import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.HookModel;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.validation.StoreRegistry.StoreType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/**
 * Reads one room lifecycle method ({@code @OnCreate}, {@code @OnJoinAttempt}, {@code @OnJoin},
 * {@code @OnLeave}, {@code @OnDispose}): its parameters, through the one {@link ParameterReader}
 * with {@link ParameterRules#hook}, an options record at most, and a void result.
 */
final class HookReader {
  private final Diagnostics diagnostics;
  private final ParameterReader parameters;

  HookReader(Diagnostics diagnostics, ParameterReader parameters) {
    this.diagnostics = diagnostics;
    this.parameters = parameters;
  }

  /** The hook, or empty when it has problems (reported); its stores go in {@code usedStores}. */
  Optional<HookModel> read(
      ExecutableElement method,
      HookModel.Kind kind,
      AnnotationMirror annotation,
      Map<String, StoreType> usedStores) {
    String subject = "@" + kind.annotation() + " method " + method.getSimpleName();
    ParameterRules.ArgumentCheck recordOnly =
        (parameter, type) -> {
          if (type.record() != null) {
            return true;
          }
          diagnostics.error(
              Message.HOOK_OPTIONS_NOT_RECORD,
              parameter,
              subject,
              parameter.getSimpleName(),
              parameter.asType());
          return false;
        };
    ParameterRules.WholeCheck oneRecord =
        (checked, read, soundSoFar) -> {
          List<String> options =
              read.stream()
                  .filter(Parameter.ArgumentParameter.class::isInstance)
                  .map(Parameter::name)
                  .toList();
          if (options.size() > 1) {
            diagnostics.error(
                Message.HOOK_OPTIONS_TWICE,
                checked,
                annotation,
                subject,
                options.size(),
                String.join(", ", options));
            return false;
          }
          return soundSoFar;
        };
    ParameterReader.Read read =
        parameters.read(method, ParameterRules.hook(kind, subject, recordOnly, oneRecord), usedStores);
    boolean valid = read.valid();
    if (method.getReturnType().getKind() != TypeKind.VOID) {
      diagnostics.error(Message.HOOK_RESULT, method, annotation, subject, method.getReturnType());
      valid = false;
    }
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(
        new HookModel(
            kind,
            method.getSimpleName().toString(),
            method.getModifiers().contains(Modifier.STATIC),
            read.parameters()));
  }
}
