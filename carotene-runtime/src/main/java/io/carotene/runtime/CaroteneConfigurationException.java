package io.carotene.runtime;

/**
 * The world cannot start as configured: a missing JVM flag, a store over capacity, an
 * application that cannot be found. The message says what to change. It carries no stack trace
 * because the message is the whole story.
 */
public class CaroteneConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CaroteneConfigurationException(String message) {
    super(message, null, false, false);
  }
}
