package io.carotene.runtime;

/** Why a player left a room: the leave hook and the room listeners can tell these apart. */
public enum LeaveReason {
  /** The client closed its connection (a WebSocket close frame). */
  CLOSED,
  /**
   * The player is gone without a goodbye: the connection dropped and the seat's reconnection grace
   * ran out, or a seat reservation expired before it was redeemed.
   */
  DROPPED,
  /** Game code kicked the player ({@link Room#kick}). */
  KICKED,
  /** The room ended (disposed from code, or by the server) with the player in it. */
  ROOM_ENDING,
  /** The server is stopping. */
  SERVER_STOPPING
}
