package io.carotene.runtime.server;

import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomListener;
import io.carotene.runtime.fleet.FleetCapacity;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the orchestrator's view of the server's load in step with its rooms: the rooms of its room
 * types alive (and the most it hosts) and the players connected, from every room's events. A
 * single-world server's one room is no matchmade room: such a server reports its players only and
 * leaves the rooms Counter to the Fleet. It runs on the rooms'
 * threads and only hands absolute values to the {@link FleetCapacity}, which sends them from its
 * own thread, coalesced; no world thread waits for the sidecar. Events that come before the fleet
 * is attached (the single-world room is created before the server listens) are kept and told on
 * {@link #attach}.
 */
final class FleetFeed implements RoomListener {
  private final int roomCapacity;
  private final Map<String, Integer> seats = new HashMap<>(); // a player in two rooms counts once
  private FleetCapacity capacity = FleetCapacity.none();
  private int rooms;

  /** {@code roomCapacity}: the most rooms this server hosts (the Counter's capacity); 0: rooms not reported. */
  FleetFeed(int roomCapacity) {
    this.roomCapacity = roomCapacity;
  }

  /** From now on tells {@code target}, starting with what happened so far. */
  synchronized void attach(FleetCapacity target) {
    capacity = target;
    if (roomCapacity > 0) {
      target.roomsChanged(rooms, roomCapacity);
    }
    seats.keySet().forEach(target::playerJoined);
  }

  @Override
  public synchronized void roomCreated(Room room) {
    if (roomCapacity > 0) {
      capacity.roomsChanged(++rooms, roomCapacity);
    }
  }

  @Override
  public synchronized void playerJoined(Room room, String userId) {
    if (seats.merge(userId, 1, Integer::sum) == 1) {
      capacity.playerJoined(userId);
    }
  }

  @Override
  public synchronized void playerLeft(Room room, String userId, LeaveReason reason) {
    Integer count = seats.get(userId);
    if (count == null) {
      return;
    }
    if (count == 1) {
      seats.remove(userId);
      capacity.playerLeft(userId);
    } else {
      seats.put(userId, count - 1);
    }
  }

  @Override
  public synchronized void roomDisposed(Room room) {
    if (roomCapacity == 0) {
      return;
    }
    capacity.roomsChanged(--rooms, roomCapacity);
    if (rooms == 0) {
      capacity.lastRoomDisposed();
    }
  }
}
