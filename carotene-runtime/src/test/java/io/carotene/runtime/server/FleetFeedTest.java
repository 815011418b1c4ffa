package io.carotene.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.fleet.FleetCapacity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the rooms' events become for the orchestrator (the sending itself: AgonesFleetTest). */
class FleetFeedTest {
  /** Writes down each call, in order. */
  static final class Told implements FleetCapacity {
    final List<String> calls = new ArrayList<>();

    @Override
    public void roomsChanged(int count, int capacity) {
      calls.add("rooms " + count + "/" + capacity);
    }

    @Override
    public void playerJoined(String playerId) {
      calls.add("joined " + playerId);
    }

    @Override
    public void playerLeft(String playerId) {
      calls.add("left " + playerId);
    }

    @Override
    public void lastRoomDisposed() {
      calls.add("last room disposed");
    }
  }

  @Test
  void whatHappenedBeforeTheFleetWasAttachedIsToldOnAttach() {
    FleetFeed feed = new FleetFeed(8);
    feed.roomCreated(null);
    feed.playerJoined(null, "ada");
    Told told = new Told();

    feed.attach(told);

    assertThat(told.calls).containsExactly("rooms 1/8", "joined ada");
  }

  @Test
  void aPlayerSeatedInTwoRoomsIsListedOnceAndLeavesWithItsLastSeat() {
    FleetFeed feed = new FleetFeed(8);
    Told told = new Told();
    feed.attach(told);
    told.calls.clear();

    feed.roomCreated(null);
    feed.roomCreated(null);
    feed.playerJoined(null, "ada");
    feed.playerJoined(null, "ada");
    feed.playerLeft(null, "ada", LeaveReason.CLOSED);
    feed.playerLeft(null, "nobody", LeaveReason.DROPPED);
    feed.playerLeft(null, "ada", LeaveReason.KICKED);

    assertThat(told.calls).containsExactly("rooms 1/8", "rooms 2/8", "joined ada", "left ada");
  }

  @Test
  void theLastRoomEndingIsToldAfterTheCountReachesZero() {
    FleetFeed feed = new FleetFeed(4);
    Told told = new Told();
    feed.attach(told);
    feed.roomCreated(null);
    feed.roomCreated(null);
    told.calls.clear();

    feed.roomDisposed(null);
    feed.roomDisposed(null);

    assertThat(told.calls).containsExactly("rooms 1/4", "rooms 0/4", "last room disposed");
  }

  @Test
  void aSingleWorldServerReportsItsPlayersButNoRooms() {
    FleetFeed feed = new FleetFeed(0);
    Told told = new Told();
    feed.roomCreated(null); // the one world, before the server listens
    feed.attach(told);
    feed.playerJoined(null, "ada");
    feed.roomDisposed(null); // at stop

    assertThat(told.calls).containsExactly("joined ada");
  }
}
