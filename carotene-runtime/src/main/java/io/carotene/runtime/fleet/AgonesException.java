package io.carotene.runtime.fleet;

/**
 * A request to the Agones sidecar failed: it could not be reached, timed out, or answered with an
 * error status ({@link #status()}, 0 when there was no answer). The message names the request.
 */
public final class AgonesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public AgonesException(String message, int status, Throwable cause) {
    super(message, cause, false, false);
    this.status = status;
  }

  /** The HTTP status the sidecar answered, or 0 when it did not answer. */
  public int status() {
    return status;
  }
}
