package io.carotene.runtime;

import java.util.Objects;

/**
 * The outcome of one call of a socket handler or HTTP route: success with an optional value (and
 * the value's JSON form, which the server sends), or an {@link ErrorCode} with a message a person
 * can act on.
 */
public final class CallResult {
  private static final CallResult OK = new CallResult(null, null, null, null);

  private final Object value;
  private final JsonWritable json;
  private final ErrorCode error;
  private final String message;

  private CallResult(Object value, JsonWritable json, ErrorCode error, String message) {
    this.value = value;
    this.json = json;
    this.error = error;
    this.message = message;
  }

  /** Success without a value: a {@code void} handler. */
  public static CallResult ok() {
    return OK;
  }

  /**
   * Success with {@code value}, which {@code json} writes (generated code passes the value's
   * generated writer, so encoding needs no reflection). A null value is {@link #ok()}.
   */
  public static CallResult ok(Object value, JsonWritable json) {
    if (value == null) {
      return OK;
    }
    return new CallResult(value, Objects.requireNonNull(json, "json"), null, null);
  }

  public static CallResult error(ErrorCode code, String message) {
    return new CallResult(
        null, null, Objects.requireNonNull(code, "code"), Objects.requireNonNull(message, "message"));
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

  /** Writes {@link #value()} as JSON; {@code null} when there is no value. */
  public JsonWritable json() {
    return json;
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
