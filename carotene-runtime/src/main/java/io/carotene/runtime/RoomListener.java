package io.carotene.runtime;

/**
 * Watches every room of a server: what a fleet integration counts (rooms, players), what a
 * recorder journals. Each method runs on the room's thread, in the order things happened in that
 * room; keep it short and never block (hand work elsewhere). Every method does nothing by default.
 */
public interface RoomListener {
  /** {@code room} was created (after its created hook). */
  default void roomCreated(Room room) {}

  /** {@code userId} redeemed a seat in {@code room} (after the joined hook). */
  default void playerJoined(Room room, String userId) {}

  /** {@code userId} left {@code room} for {@code reason} (after the leave hook). */
  default void playerLeft(Room room, String userId, LeaveReason reason) {}

  /** {@code room} ended (after its disposed hook); its world is closed right after. */
  default void roomDisposed(Room room) {}
}
