package io.carotene.runtime;

/**
 * One world of a domain: its stores, with the loops and handlers that update them, on one {@link
 * Clock}. A world is single-threaded: its owner (the world thread in a server, the test's thread
 * in the sandbox) makes every call, so game code needs no locks and runs in a deterministic order.
 * Look at a server's world through {@code CaroteneServer.onWorld}, which runs on that thread.
 */
public interface World extends AutoCloseable {
  /** The domain's name ({@code Arena}). */
  String name();

  /** The clock the world's loops are scheduled on. */
  Clock clock();

  /**
   * The store whose generated type is, or implements, {@code type}: pass {@code
   * GameWorldStore.class} to write or {@code GameWorldView.class} to read.
   *
   * @throws IllegalArgumentException when no store of the world has that type
   */
  <S> S store(Class<S> type);

  /**
   * Calls a socket handler as {@code session}, behind its guards, with the handler's arguments in
   * order. Never throws for a bad call: an unknown operation or wrong arguments answer {@code
   * BAD_REQUEST}, a handler that fails with anything but a {@link Rejection} answers {@code
   * INTERNAL} (logged on one line; the world is unharmed).
   */
  CallResult call(Session session, String operation, Object... args);

  /** Frees the stores' off-heap memory. The world must not be used afterwards. */
  @Override
  void close();
}
