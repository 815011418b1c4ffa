package io.carotene.runtime.room;

import io.carotene.runtime.Session;
import io.carotene.runtime.socket.ClientConnection;

/**
 * One seat of a room. Its room's thread changes it; the handshake (an IO thread) reads {@link
 * #userId}, {@link #state} and {@link #deadlineNanos} to refuse a stale credential early, and the
 * room checks again when the connection arrives.
 */
final class Seat {
  enum State { RESERVED, CONNECTED, DISCONNECTED, FREED }

  final ServerRoom room;
  /** The key in the room's seats: the user id, or user id and a counter for an implicit seat. */
  final String key;
  final String userId;
  /** A seat taken by a connection without a reservation (a single-world server's room). */
  final boolean implicit;
  Session session;
  /** The current reservation, null once redeemed. */
  volatile String reservation;
  volatile String reconnectionToken;
  volatile State state = State.RESERVED;
  /** When a reservation or a reconnection grace ends (room clock); Long.MAX_VALUE while connected. */
  volatile long deadlineNanos = Long.MAX_VALUE;
  ClientConnection connection;
  /** The seq of the last call the world ran for this player, carried over a reconnection. */
  long lastSeq;
  /** Whether the joined hook ran (the leave hook runs only then). */
  boolean joined;

  Seat(ServerRoom room, String key, String userId, Session session, boolean implicit) {
    this.room = room;
    this.key = key;
    this.userId = userId;
    this.session = session;
    this.implicit = implicit;
  }

  /** What the handshake redeemed: this seat, by its reservation or by its reconnection token. */
  record Ticket(Seat seat, String credential, boolean reconnect) {}
}
