package io.carotene.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * One {@code @Socket} handler.
 *
 * @param methodName the method
 * @param operation the operation name on the wire
 * @param isStatic whether the method is static
 * @param result what the handler returns, or null for {@code void}
 * @param parameters every parameter, in order
 * @param authenticated whether the session must be authenticated ({@code @Authenticated}, or
 *     implied by {@code @SessionUserMatches})
 * @param sessionUserMatches the argument that must equal the session's user id, if any
 */
public record HandlerModel(
    String methodName,
    String operation,
    boolean isStatic,
    ResultType result,
    List<Parameter> parameters,
    boolean authenticated,
    Optional<String> sessionUserMatches) {

  public HandlerModel {
    parameters = List.copyOf(parameters);
  }

  /** Whether the handler returns nothing. */
  public boolean returnsVoid() {
    return result == null;
  }

  /** The arguments the client sends, in order. */
  public List<Parameter.ArgumentParameter> arguments() {
    return parameters.stream()
        .filter(Parameter.ArgumentParameter.class::isInstance)
        .map(Parameter.ArgumentParameter.class::cast)
        .toList();
  }
}
