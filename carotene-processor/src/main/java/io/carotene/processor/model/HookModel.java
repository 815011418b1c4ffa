package io.carotene.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * One room lifecycle method of a backend ({@code @OnCreate}, {@code @OnJoinAttempt}, {@code
 * @OnJoin}, {@code @OnLeave}, {@code @OnDispose}).
 *
 * @param kind which moment of a room's life it runs at
 * @param methodName the method
 * @param isStatic whether the method is static
 * @param parameters its parameters, in order: Room, Session, LeaveReason, stores, and at most one
 *     {@link Parameter.ArgumentParameter} of a record type (the options)
 */
public record HookModel(Kind kind, String methodName, boolean isStatic, List<Parameter> parameters) {
  public HookModel {
    parameters = List.copyOf(parameters);
  }

  /** The moments of a room's life, each with its annotation's simple name. */
  public enum Kind {
    CREATE("OnCreate", true),
    JOIN_ATTEMPT("OnJoinAttempt", true),
    JOIN("OnJoin", false),
    LEAVE("OnLeave", false),
    DISPOSE("OnDispose", false);

    private final String annotation;
    private final boolean takesOptions;

    Kind(String annotation, boolean takesOptions) {
      this.annotation = annotation;
      this.takesOptions = takesOptions;
    }

    /** The annotation's simple name: {@code OnJoin}. */
    public String annotation() {
      return annotation;
    }

    /** The annotation's qualified name. */
    public String qualifiedAnnotation() {
      return "io.carotene.annotations." + annotation;
    }

    /** Whether the hook may take an options record. */
    public boolean takesOptions() {
      return takesOptions;
    }
  }

  /** The options record parameter, if the hook takes one. */
  public Optional<Parameter.ArgumentParameter> options() {
    return parameters.stream()
        .filter(Parameter.ArgumentParameter.class::isInstance)
        .map(Parameter.ArgumentParameter.class::cast)
        .findFirst();
  }
}
