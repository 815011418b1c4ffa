package io.carotene.runtime.snapshot;

/**
 * How a connection receives its snapshots, chosen at the handshake ({@code ?format=binary} or the
 * subprotocol {@code carotene.binary.v3}); see PROTOCOL.md.
 */
public enum SnapshotFormat {
  /** Full snapshots as JSON text frames: the default, for debugging and simple clients. */
  JSON("json", "carotene.json.v1"),
  /** Binary frames, delta-encoded against the client's last acknowledged snapshot. */
  BINARY("binary", "carotene.binary.v3");

  private final String parameter;
  private final String subprotocol;

  SnapshotFormat(String parameter, String subprotocol) {
    this.parameter = parameter;
    this.subprotocol = subprotocol;
  }

  /** The value of the {@code format} query parameter that selects it. */
  public String parameter() {
    return parameter;
  }

  /** The WebSocket subprotocol that selects it. */
  public String subprotocol() {
    return subprotocol;
  }

  /** The format a query parameter names, or null. */
  public static SnapshotFormat ofParameter(String value) {
    for (SnapshotFormat format : values()) {
      if (format.parameter.equals(value)) {
        return format;
      }
    }
    return null;
  }

  /** The format a subprotocol names, or null. */
  public static SnapshotFormat ofSubprotocol(String value) {
    for (SnapshotFormat format : values()) {
      if (format.subprotocol.equals(value)) {
        return format;
      }
    }
    return null;
  }
}
