package io.carotene.runtime;

/**
 * Thrown by a handler to refuse a call: the caller receives {@code REJECTED} with this message,
 * the world goes on, and nothing is logged. It carries no stack trace, so rejecting is cheap.
 *
 * <pre>{@code
 * if (speed > 5.0) throw new Rejection("Speed hack detected");
 * }</pre>
 */
public class Rejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Rejection(String message) {
    super(message, null, false, false);
  }
}
