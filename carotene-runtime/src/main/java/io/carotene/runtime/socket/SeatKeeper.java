package io.carotene.runtime.socket;

import io.carotene.runtime.snapshot.Subscriber;

/**
 * Who may stay connected to a {@link GameSocket}'s world: the room's seats. Both methods run on
 * the world thread, in the order the connection's events happened.
 */
public interface SeatKeeper {
  /** Every connection admitted, nothing kept: a world without seats. */
  SeatKeeper OPEN = new SeatKeeper() {
    @Override
    public boolean admit(ClientConnection client, Subscriber subscriber, Object ticket) {
      return true;
    }

    @Override
    public void closed(ClientConnection client, Subscriber subscriber, boolean closeFrameReceived) {}
  };

  /**
   * Before the client's first snapshot: whether it may play, with the {@code ticket} the handshake
   * left ({@link GameSocket#SEAT_TICKET}, null when none). On false the keeper has closed the
   * connection, saying why.
   */
  boolean admit(ClientConnection client, Subscriber subscriber, Object ticket);

  /**
   * The connection closed; {@code closeFrameReceived} tells a goodbye (the client sent a close
   * frame) from a dropped connection. Also called for a connection that was never admitted.
   */
  void closed(ClientConnection client, Subscriber subscriber, boolean closeFrameReceived);
}
