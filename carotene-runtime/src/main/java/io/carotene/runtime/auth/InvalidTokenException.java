package io.carotene.runtime.auth;

/**
 * A token was refused: malformed, not signed with the server's secret, expired, or without a
 * subject. The message says which, for the server's log and the 401 response; it carries no stack
 * trace because the message is the whole story.
 */
public final class InvalidTokenException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidTokenException(String message) {
    super(message, null, false, false);
  }
}
