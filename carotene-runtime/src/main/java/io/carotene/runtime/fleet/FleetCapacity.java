package io.carotene.runtime.fleet;

/**
 * What the server tells its orchestrator about its load, so that allocations and the autoscaler
 * can pick servers with room left: the Counter {@code rooms} (count and capacity), the Counter
 * {@code players} and the List {@code players} (the ids of the players connected). The rooms side
 * calls it on each change; the calls return at once (sent in the background, latest value wins).
 */
public interface FleetCapacity {
  /** The rooms hosted now and the most this server will host. */
  void roomsChanged(int count, int capacity);

  /** A player took a seat; a player already counted is not counted twice. */
  void playerJoined(String playerId);

  /** A player left for good (not a drop within its reconnection grace). */
  void playerLeft(String playerId);

  /**
   * The server's last room was disposed: an allocated server applies its {@link MatchEndPolicy}
   * ({@code Shutdown}, or back to {@code Ready}).
   */
  void lastRoomDisposed();

  /** Nothing to report to (no orchestrator). */
  static FleetCapacity none() {
    return NoFleet.INSTANCE;
  }
}
