package io.carotene.runtime;

/** Why a call failed; sent on the wire as the enum's name. */
public enum ErrorCode {
  /** The handler refused the call by throwing {@link Rejection}. */
  REJECTED,
  /** A guard refused the call before the handler ran (unauthenticated, or not the caller's own id). */
  FORBIDDEN,
  /** The call itself is wrong: malformed, an unknown operation, missing or mistyped arguments. */
  BAD_REQUEST,
  /** The caller sent more calls than its limit allows. */
  RATE_LIMITED,
  /** The server failed; the message says no more than that, the log says the rest. */
  INTERNAL
}
