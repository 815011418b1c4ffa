package io.carotene.runtime.world;

import io.carotene.runtime.CallResult;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.BoundCall;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.internal.Operation;

/**
 * What a {@link DomainWorld} tells the recording attached to it, on the world's thread, in the
 * order it happens: everything that changes the world other than its loops. (Ticks reach the
 * recording through the scheduler's {@link FixedStepScheduler#afterEachTick}.)
 */
public interface WorldRecorder {
  /**
   * A call was applied: {@code call} ran for {@code session} and answered {@code result}.
   *
   * @param seq the client's {@code seq}, or -1 for a call that had none (the sandbox's)
   * @param clockNanos the world's clock when it ran
   */
  void called(Session session, Operation operation, BoundCall call, CallResult result, long seq, long clockNanos);

  /**
   * An HTTP route that runs on the world's thread (it takes a store) was answered; {@code args}
   * are its arguments as the route read them (a JSON object).
   */
  void routed(HttpRoute route, Session session, String args, CallResult result, long clockNanos);

  /** A model was put into {@code store} from outside game code (the sandbox's {@code given}). */
  void put(ChronicleStore<?, ?, ?> store, Record model, long clockNanos);

  /**
   * {@code session} took a seat ({@code joined}) or left one, for {@code reason} (a {@code
   * LeaveReason}'s name when it left), once the room's join or leave hooks ran: a replay runs them
   * again.
   */
  void seated(Session session, boolean joined, String reason, long clockNanos);

  /**
   * A join asked {@code session}'s seat and the room's join-attempt hook answered: {@code refusal}
   * is its refusal, or {@code null} when it let the join in. {@code options} are the join's (JSON).
   */
  default void attempted(Session session, String options, String refusal, long clockNanos) {}

  /**
   * A join or a call ({@code what}: {@code join}, or the operation's name) was refused with {@code
   * code} and {@code message} before any hook or handler ran (a full or locked room, arguments that
   * do not decode, calls beyond the rate limit), {@code count} times: nothing in the world changed,
   * but a recording keeps who was refused and why.
   */
  default void refused(Session session, String what, String code, String message, long count, long clockNanos) {}

  /** The room ended: its disposed hook ran. */
  default void disposed(long clockNanos) {}
}
