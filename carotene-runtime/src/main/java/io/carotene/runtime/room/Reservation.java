package io.carotene.runtime.room;

import io.carotene.runtime.RoomType;

/**
 * A seat held for one user in one room, answered by every join: redeem it with {@code
 * /ws?reservation=<reservation>} before {@code expiresInMillis}; reconnect after a drop with {@code
 * /ws?reconnect=<reconnectionToken>}, within {@code reconnectGraceMillis} (the room type's
 * reconnection grace) of the drop.
 */
public record Reservation(
    String roomId, String type, String reservation, String reconnectionToken, long expiresInMillis, long reconnectGraceMillis) {

  /** A seat in room {@code roomId} of {@code type}: its reservation timeout and grace are the type's. */
  static Reservation of(String roomId, RoomType type, String reservation, String reconnectionToken) {
    return new Reservation(roomId, type.name(), reservation, reconnectionToken,
        type.reservationTimeout().toMillis(), type.reconnectGrace().toMillis());
  }
}
