package io.carotene.processor.validation;

import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.HookModel;
import io.carotene.processor.model.Parameter;
import io.carotene.processor.model.ValueType;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * What one kind of method may take as parameters, as data for the one {@link ParameterReader}:
 * which runtime-supplied types, whether client-sent arguments, and how a parameter it may not take
 * is reported. A store or view of the domain is always allowed.
 *
 * @param supplied the runtime types it may take, such as {@code Tick} or {@code Session}
 * @param takesArguments whether it may take values the client sends
 * @param takesServerStores whether it may take a store of {@code scope = Scope.SERVER} (an
 *     {@code @Http} route only: loops, handlers and hooks run in a room)
 * @param rejected the message for a parameter it may not take; its arguments are {@code subject},
 *     the parameter's name and its type
 * @param subject how the message names the method: a loop's name, an operation, {@code POST /login}
 * @param argumentCheck a further check of a supported argument, which reports what it rejects
 * @param wholeCheck a check of the parameters together, once each was read
 */
record ParameterRules(
    Set<Supplied> supplied,
    boolean takesArguments,
    boolean takesServerStores,
    Message rejected,
    String subject,
    ArgumentCheck argumentCheck,
    WholeCheck wholeCheck) {

  /** A loop takes its {@code Tick}, the world's {@code Rng} and {@code Ids} and stores, nothing a client sends. */
  static ParameterRules loop(String loopName) {
    return new ParameterRules(
        Set.of(Supplied.TICK, Supplied.RANDOM, Supplied.IDS),
        false,
        false,
        Message.LOOP_PARAMETER,
        loopName,
        ArgumentCheck.NONE,
        WholeCheck.NONE);
  }

  /**
   * A socket handler takes the caller's {@code Session}, its {@code Room}, stores and the client's
   * arguments.
   */
  static ParameterRules handler(String operation) {
    return call(
        Set.of(Supplied.SESSION, Supplied.ROOM, Supplied.RANDOM, Supplied.IDS), false, operation, ArgumentCheck.NONE,
        WholeCheck.NONE);
  }

  /**
   * A route also takes {@code Tokens}; {@code argumentCheck} rejects what its request cannot
   * carry, {@code wholeCheck} a path that names no argument.
   */
  static ParameterRules route(String display, ArgumentCheck argumentCheck, WholeCheck wholeCheck) {
    return call(
        Set.of(Supplied.SESSION, Supplied.TOKENS, Supplied.RANDOM, Supplied.IDS), true, display, argumentCheck,
        wholeCheck);
  }

  /**
   * A room lifecycle hook takes what {@code kind} supplies (and the world's {@code Rng} and {@code
   * Ids}) and the domain's stores; a hook with
   * options also takes one record, decoded from the options' JSON.
   */
  static ParameterRules hook(HookModel.Kind kind, String subject, ArgumentCheck argumentCheck, WholeCheck wholeCheck) {
    Set<Supplied> supplied =
        switch (kind) {
          case CREATE, DISPOSE -> Set.of(Supplied.ROOM, Supplied.RANDOM, Supplied.IDS);
          case JOIN_ATTEMPT, JOIN -> Set.of(Supplied.ROOM, Supplied.SESSION, Supplied.RANDOM, Supplied.IDS);
          case LEAVE -> Set.of(Supplied.ROOM, Supplied.SESSION, Supplied.LEAVE_REASON, Supplied.RANDOM, Supplied.IDS);
        };
    return new ParameterRules(
        supplied, kind.takesOptions(), false, Message.HOOK_PARAMETER, subject, argumentCheck, wholeCheck);
  }

  /** A method a client calls takes its arguments, and one it cannot send is unsupported. */
  private static ParameterRules call(Set<Supplied> supplied, boolean takesServerStores, String subject,
      ArgumentCheck argumentCheck, WholeCheck wholeCheck) {
    return new ParameterRules(
        supplied, true, takesServerStores, Message.UNSUPPORTED_ARGUMENT_TYPE, subject, argumentCheck, wholeCheck);
  }

  /** A type the runtime passes in, recognised by its qualified name. */
  enum Supplied {
    TICK("io.carotene.runtime.Tick", Parameter.TickParameter::new),
    SESSION("io.carotene.runtime.Session", Parameter.SessionParameter::new),
    TOKENS("io.carotene.runtime.auth.Tokens", Parameter.TokensParameter::new),
    RANDOM("io.carotene.runtime.Rng", Parameter.RandomParameter::new),
    IDS("io.carotene.runtime.Ids", Parameter.IdsParameter::new),
    ROOM("io.carotene.runtime.Room", Parameter.RoomParameter::new),
    LEAVE_REASON("io.carotene.runtime.LeaveReason", Parameter.LeaveReasonParameter::new);

    private final String qualifiedName;
    private final Function<String, Parameter> parameter;

    Supplied(String qualifiedName, Function<String, Parameter> parameter) {
      this.qualifiedName = qualifiedName;
      this.parameter = parameter;
    }

    String qualifiedName() {
      return qualifiedName;
    }

    /** The parameter named {@code name} of this type. */
    Parameter parameter(String name) {
      return parameter.apply(name);
    }
  }

  /** A check of an argument whose type is supported; false when it reported a problem. */
  @FunctionalInterface
  interface ArgumentCheck {
    ArgumentCheck NONE = (parameter, type) -> true;

    boolean accepts(VariableElement parameter, ValueType type);
  }

  /** A check of a method's parameters together; returns whether they are still sound. */
  @FunctionalInterface
  interface WholeCheck {
    WholeCheck NONE = (method, read, soundSoFar) -> soundSoFar;

    /**
     * @param read the parameters that were sound
     * @param soundSoFar whether every parameter was
     */
    boolean check(ExecutableElement method, List<Parameter> read, boolean soundSoFar);
  }
}
