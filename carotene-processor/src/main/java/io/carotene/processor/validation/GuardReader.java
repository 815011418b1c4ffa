package io.carotene.processor.validation;

import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.ValueKind;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Reads the guards of a socket handler or HTTP route: {@code @Authenticated} and
 * {@code @SessionUserMatches}, which must name an argument the client sends.
 */
final class GuardReader {
  /** Kinds whose text can equal a token's subject. */
  private static final Set<ValueKind> IDENTITY_KINDS =
      Set.of(ValueKind.UUID, ValueKind.STRING, ValueKind.LONG, ValueKind.INT);

  private final Elements elements;
  private final Diagnostics diagnostics;

  GuardReader(Elements elements, Diagnostics diagnostics) {
    this.elements = elements;
    this.diagnostics = diagnostics;
  }

  /** A method's guards, and whether they are sound. */
  record Guards(boolean authenticated, Optional<String> sessionUserMatches, boolean valid) {}

  /**
   * Reads the guards of {@code method}. {@code parameters} are those read so far; they are checked
   * against the guards only when the method is {@code soundSoFar} (else the checks would only echo
   * its errors).
   */
  Guards read(ExecutableElement method, List<Parameter> parameters, boolean soundSoFar) {
    boolean authenticated = Annotations.has(method, Annotations.AUTHENTICATED);
    Optional<AnnotationMirror> matches = Annotations.find(method, Annotations.SESSION_USER_MATCHES);
    if (matches.isEmpty()) {
      return new Guards(authenticated, Optional.empty(), true);
    }
    AnnotationValue value = Annotations.value(elements, matches.get(), "value");
    String named = (String) value.getValue();
    boolean sound =
        checkSessionUserMatches(method, matches.get(), value, named, parameters, soundSoFar);
    return new Guards(true, Optional.of(named), sound);
  }

  private boolean checkSessionUserMatches(
      ExecutableElement method,
      AnnotationMirror matches,
      AnnotationValue value,
      String named,
      List<Parameter> parameters,
      boolean soundSoFar) {
    Optional<VariableElement> parameter =
        method.getParameters().stream()
            .filter(p -> p.getSimpleName().contentEquals(named))
            .map(VariableElement.class::cast)
            .findFirst();
    if (parameter.isEmpty()) {
      diagnostics.error(
          Message.SESSION_USER_MATCHES_PARAMETER,
          method,
          matches,
          value,
          named,
          method.getSimpleName(),
          clientArguments(method, parameters));
      return false;
    }
    if (!soundSoFar) {
      return true;
    }
    Optional<ValueKind> kind = argumentKind(parameters, named);
    if (kind.isEmpty()) {
      diagnostics.error(Message.SESSION_USER_MATCHES_NOT_ARGUMENT, method, matches, value, named);
      return false;
    }
    if (!IDENTITY_KINDS.contains(kind.get())) {
      diagnostics.warning(
          Message.SESSION_USER_MATCHES_TYPE,
          method,
          matches,
          value,
          named,
          parameter.get().asType());
    }
    return true;
  }

  /**
   * The names a guard may use: the method's parameters but those the runtime supplies (a store, the
   * tick, the session, the tokens) as far as {@code parameters} has read them.
   */
  private static List<String> clientArguments(ExecutableElement method, List<Parameter> parameters) {
    Set<String> supplied = new HashSet<>();
    for (Parameter parameter : parameters) {
      if (!(parameter instanceof Parameter.ArgumentParameter)) {
        supplied.add(parameter.name());
      }
    }
    return method.getParameters().stream()
        .map(p -> p.getSimpleName().toString())
        .filter(name -> !supplied.contains(name))
        .toList();
  }

  /** The kind of the client-sent argument named {@code name}, if there is one. */
  private static Optional<ValueKind> argumentKind(List<Parameter> parameters, String name) {
    return parameters.stream()
        .filter(p -> p instanceof Parameter.ArgumentParameter && p.name().equals(name))
        .map(p -> ((Parameter.ArgumentParameter) p).type().kind())
        .findFirst();
  }
}
