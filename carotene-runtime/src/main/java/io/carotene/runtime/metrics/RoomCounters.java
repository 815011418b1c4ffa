package io.carotene.runtime.metrics;

import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomListener;
import io.carotene.runtime.room.ServerRoom;
import io.carotene.runtime.world.LoopStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The rooms' events counted per room type for {@code /metrics}: rooms created and ended, joins,
 * leaves by reason, and the loops of the rooms that ended (their ticks, skipped ticks and
 * histograms stay in the totals, so that a counter never goes down when a room goes away). It
 * hears every room of its server, on the rooms' threads; counting never blocks them for long.
 */
public final class RoomCounters implements RoomListener {
  private final Map<String, LongAdder> created = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> ended = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> joins = new ConcurrentHashMap<>();
  private final Map<List<String>, LongAdder> leaves = new ConcurrentHashMap<>(); // [type, reason]
  private final Map<String, Map<String, LoopTotals>> endedLoops = new HashMap<>(); // guarded by this

  @Override
  public void roomCreated(Room room) {
    count(created, room.type());
  }

  @Override
  public void playerJoined(Room room, String userId) {
    count(joins, room.type());
  }

  @Override
  public void playerLeft(Room room, String userId, LeaveReason reason) {
    leaves.computeIfAbsent(List.of(room.type(), reason.name()), unused -> new LongAdder()).increment();
  }

  @Override
  public void roomDisposed(Room room) {
    count(ended, room.type());
    if (room instanceof ServerRoom served) {
      for (LoopStats stats : served.domainWorld().scheduler().stats()) {
        LoopTotals last = LoopTotals.of(stats); // on the room's thread, after its last tick
        synchronized (this) {
          endedLoops.computeIfAbsent(room.type(), unused -> new HashMap<>()).merge(last.name(), last, LoopTotals::plus);
        }
      }
    }
  }

  Map<String, Long> created() {
    return sums(created);
  }

  Map<String, Long> ended() {
    return sums(ended);
  }

  Map<String, Long> joins() {
    return sums(joins);
  }

  /** Leaves by [room type, reason]. */
  Map<List<String>, Long> leaves() {
    Map<List<String>, Long> sums = new HashMap<>();
    leaves.forEach((key, count) -> sums.put(key, count.sum()));
    return sums;
  }

  /** The loops of the rooms that ended, by room type, then loop. */
  synchronized Map<String, Map<String, LoopTotals>> endedLoops() {
    Map<String, Map<String, LoopTotals>> copy = new TreeMap<>();
    endedLoops.forEach((type, loops) -> copy.put(type, new TreeMap<>(loops))); // the totals never change
    return copy;
  }

  private static void count(Map<String, LongAdder> counts, String type) {
    counts.computeIfAbsent(type, unused -> new LongAdder()).increment();
  }

  private static Map<String, Long> sums(Map<String, LongAdder> counts) {
    Map<String, Long> sums = new TreeMap<>();
    counts.forEach((type, count) -> sums.put(type, count.sum()));
    return sums;
  }
}
