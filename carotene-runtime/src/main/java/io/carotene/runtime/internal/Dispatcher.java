package io.carotene.runtime.internal;

import io.carotene.runtime.Room;
import java.util.List;

/**
 * One backend as its generated {@code <Backend>Dispatcher} presents it to the runtime: its loops,
 * its socket handlers as {@link Operation}s (each behind its generated guards) and its routes.
 * Implementations are generated; they call the backend directly, with no reflection.
 */
public interface Dispatcher {
  /** The backend class's simple name. */
  String backendName();

  /** The backend's {@code @Loop} methods, in declaration order. */
  List<LoopRegistration> loops();

  /** The backend's {@code @Socket} handlers, one operation each, in declaration order. */
  List<Operation> operations();

  /** The backend's {@code @Http} routes, in declaration order; none by default. */
  default List<HttpRoute> routes() {
    return List.of();
  }

  /**
   * The room this backend's world belongs to, given once before any call; the socket handlers
   * that take a {@code Room} are handed it. Nothing by default.
   */
  default void room(Room room) {}

  /** The backend's lifecycle methods ({@code @OnCreate}, {@code @OnJoin}…); none by default. */
  default RoomHooks roomHooks() {
    return RoomHooks.NONE;
  }
}
