package io.carotene.runtime;

import java.util.Objects;

/**
 * The outcome of one call of a socket handler: success with an optional value, or an {@link
 * ErrorCode} with a message a person can act on.
 */
public final class CallResult {
  private static final CallResult OK = new CallResult(null, null, null);

  private final Object value;
  private final ErrorCode error;
  private final String message;

  private CallResult(Object value, ErrorCode error, String message) {
    this.value = value;
    this.error = error;
    this.message = message;
  }

  public static CallResult ok() {
    return OK;
  }

  public static CallResult ok(Object value) {
    return value == null ? OK : new CallResult(value, null, null);
  }

  public static CallResult error(ErrorCode code, String message) {
    return new CallResult(null, Objects.requireNonNull(code, "code"), Objects.requireNonNull(message, "message"));
  }

  public static CallResult rejected(String message) {
    return error(ErrorCode.REJECTED, message == null ? "Rejected" : message);
  }

  public static CallResult forbidden(String message) {
    return error(ErrorCode.FORBIDDEN, message);
  }

  public static CallResult badRequest(String message) {
    return error(ErrorCode.BAD_REQUEST, message);
  }

  public boolean isOk() {
    return error == null;
  }

  /** The handler's return value, or {@code null} for a {@code void} handler or a failure. */
  public Object value() {
    return value;
  }

  /** The error code, or {@code null} on success. */
  public ErrorCode error() {
    return error;
  }

  /** The error message, or {@code null} on success. */
  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return isOk() ? "ok(" + value + ")" : error + ": " + message;
  }
}
