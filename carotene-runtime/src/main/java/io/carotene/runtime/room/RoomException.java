package io.carotene.runtime.room;

/** A join or a creation refused with a {@link RoomError} a client can act on. */
public final class RoomException extends RuntimeException {
  private final RoomError error;

  public RoomException(RoomError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public RoomError error() {
    return error;
  }
}
