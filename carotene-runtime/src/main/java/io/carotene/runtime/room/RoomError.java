package io.carotene.runtime.room;

/**
 * The errors of joining a room, as a client reads them: the {@code code} of an HTTP error body
 * ({@code {"error":{"code","message"}}}) from the matchmaking routes or the WebSocket handshake,
 * with its HTTP status (PROTOCOL.md, section 9).
 */
public enum RoomError {
  /** The room has given out all its seats: join another or create one. */
  ROOM_FULL(409),
  /** No such room (never existed, or it ended or is ending): join or create another. */
  ROOM_NOT_FOUND(404),
  /** The room accepts no new players now. */
  ROOM_LOCKED(409),
  /** The reservation or reconnection token is unknown, used, expired, or not this user's: join again. */
  RESERVATION_EXPIRED(410),
  /** The process holds as many rooms as it may: try later or another server. */
  TOO_MANY_ROOMS(503),
  /** The game refused the join (its join attempt hook); the message says why. */
  JOIN_REFUSED(403),
  /** A room with the id asked for is open (or still closing): join it, or name another. */
  ROOM_EXISTS(409),
  /** The room's kept files could not be opened (another model's data, a failed migration): the server log says why. */
  ROOM_UNAVAILABLE(503),
  /** The request is malformed: an unknown room type, options that are not an object. */
  BAD_REQUEST(400),
  /** Too many matchmaking requests from this user or address. */
  RATE_LIMITED(429),
  /** The server is stopping. */
  SERVER_STOPPING(503);

  private final int status;

  RoomError(int status) {
    this.status = status;
  }

  /** The HTTP status that goes with the code. */
  public int status() {
    return status;
  }
}
