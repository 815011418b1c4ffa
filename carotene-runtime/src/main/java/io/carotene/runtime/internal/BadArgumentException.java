package io.carotene.runtime.internal;

/**
 * A call's arguments are missing or of the wrong type. The message names the argument by its path
 * ({@code inputVector.x}) and says what was expected; it becomes a {@code BAD_REQUEST} reply.
 */
public final class BadArgumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadArgumentException(String message) {
    super(message, null, false, false);
  }
}
