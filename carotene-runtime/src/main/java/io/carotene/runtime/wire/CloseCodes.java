package io.carotene.runtime.wire;

/** The WebSocket close codes the server sends, as PROTOCOL.md §7 lists them (RFC 6455 §7.4.1). */
public final class CloseCodes {
  /** The server is shutting down; reconnect later. */
  public static final int NORMAL = 1000;

  /** The client sent a frame the server cannot read (a malformed header, an impossible length). */
  public static final int PROTOCOL_ERROR = 1002;

  /** A text frame was not valid UTF-8 (Undertow sends it). */
  public static final int INVALID_PAYLOAD = 1007;

  /** Too slow, too many frames, or the token expired: the reason says which. */
  public static final int POLICY_VIOLATION = 1008;

  /** The client sent (or declared) a frame over the size limit. */
  public static final int TOO_BIG = 1009;

  private CloseCodes() {}
}
