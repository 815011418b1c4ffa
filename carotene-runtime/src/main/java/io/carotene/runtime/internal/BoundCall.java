package io.carotene.runtime.internal;

import io.carotene.runtime.CallResult;
import io.carotene.runtime.Session;

/**
 * A call of one {@link Operation} with its arguments decoded and typed, made on the IO thread and
 * run on the world thread. Generated, one class per handler, holding the handler's arguments.
 */
@FunctionalInterface
public interface BoundCall {
  /**
   * Runs the guards, then the handler: a failed guard answers {@code FORBIDDEN}, a {@code
   * Rejection} {@code REJECTED}. Other exceptions from the handler propagate to the caller (the
   * world), which answers {@code INTERNAL}.
   */
  CallResult invoke(Session session);

  /**
   * The handler's arguments as it receives them, in parameter order: what a recording keeps and a
   * replay binds again with {@link Operation#bind}. Generated calls return them; a call written by
   * hand that does not is not recorded.
   */
  default Object[] arguments() {
    throw new UnsupportedOperationException(getClass().getName() + " does not expose its arguments");
  }
}
