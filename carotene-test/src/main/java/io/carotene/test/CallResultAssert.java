package io.carotene.test;

import io.carotene.runtime.CallResult;
import io.carotene.runtime.ErrorCode;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/** Assertions on the outcome of a socket handler call. */
public final class CallResultAssert extends AbstractAssert<CallResultAssert, CallResult> {
  CallResultAssert(CallResult actual) {
    super(actual, CallResultAssert.class);
  }

  /** The call succeeded. */
  public CallResultAssert succeeds() {
    isNotNull();
    if (!actual.isOk()) {
      failWithMessage("Expected the call to succeed, but it failed with %s: \"%s\"", actual.error(), actual.message());
    }
    return this;
  }

  /** The call failed, whatever the code, with exactly this message. */
  public CallResultAssert failsWith(String message) {
    isNotNull();
    if (actual.isOk()) {
      failWithMessage("Expected the call to fail with \"%s\", but it succeeded", message);
    }
    if (!Objects.equals(actual.message(), message)) {
      failWithMessage("Expected the call to fail with \"%s\", but it failed with %s: \"%s\"", message, actual.error(), actual.message());
    }
    return this;
  }

  /** The call failed with this code. */
  public CallResultAssert failsWithCode(ErrorCode code) {
    isNotNull();
    if (actual.isOk()) {
      failWithMessage("Expected the call to fail with %s, but it succeeded", code);
    }
    if (actual.error() != code) {
      failWithMessage("Expected the call to fail with %s, but it failed with %s: \"%s\"", code, actual.error(), actual.message());
    }
    return this;
  }

  /** The handler refused the call with this message ({@code REJECTED}). */
  public CallResultAssert isRejectedWith(String message) {
    return failsWithCode(ErrorCode.REJECTED).failsWith(message);
  }

  /** A guard refused the call ({@code FORBIDDEN}). */
  public CallResultAssert isForbidden() {
    return failsWithCode(ErrorCode.FORBIDDEN);
  }

  /** The call was malformed ({@code BAD_REQUEST}). */
  public CallResultAssert isBadRequest() {
    return failsWithCode(ErrorCode.BAD_REQUEST);
  }
}
