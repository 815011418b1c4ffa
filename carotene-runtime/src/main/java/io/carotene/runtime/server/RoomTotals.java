package io.carotene.runtime.server;

import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.room.ServerRoom;
import io.carotene.runtime.world.WorldHost;
import io.carotene.runtime.world.WorldLiveness;
import io.carotene.runtime.world.WorldThread;

/** What a server reports of all its rooms together: clients, slow clients, the world threads' progress. */
final class RoomTotals {
  private RoomTotals() {}

  /** Clients connected right now, in every room. */
  static int connections(RoomManager rooms) {
    int count = 0;
    for (ServerRoom room : rooms.rooms()) {
      count += room.socket().openConnections().size();
    }
    return count;
  }

  /** Clients closed (1008) in every room because they stopped reading their snapshots. */
  static long slowClientsDropped(RoomManager rooms) {
    long count = 0;
    for (ServerRoom room : rooms.rooms()) {
      count += room.snapshots().slowClientsDropped();
    }
    return count;
  }

  /**
   * Whether every world thread of the pool, and the server world's ({@code serverWorld}, null on a
   * single world), came back to its loop within the asked time: one tick or task stuck in game code
   * in any room or in the server world makes it false (the fleet's Health pings stop, and the
   * orchestrator replaces the process).
   */
  static WorldLiveness liveness(RoomManager rooms, WorldThread serverWorld) {
    return nanos -> {
      if (serverWorld != null && !serverWorld.allProgressedWithin(nanos)) {
        return false;
      }
      for (WorldHost host : rooms.hosts()) {
        if (!host.allProgressedWithin(nanos)) {
          return false;
        }
      }
      return true;
    };
  }
}
