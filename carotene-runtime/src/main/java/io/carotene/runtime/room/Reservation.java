package io.carotene.runtime.room;

/**
 * A seat held for one user in one room, answered by every join: redeem it with {@code
 * /ws?reservation=<reservation>} before {@code expiresInMillis}; reconnect after a drop with {@code
 * /ws?reconnect=<reconnectionToken>}.
 */
public record Reservation(String roomId, String type, String reservation, String reconnectionToken, long expiresInMillis) {}
