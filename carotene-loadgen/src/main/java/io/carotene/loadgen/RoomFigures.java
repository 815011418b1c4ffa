package io.carotene.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A run on a server of rooms, from two readings of {@code /metrics} (its {@code rooms[]}, each
 * with its loops' interval histograms): the tick interval p99 over every room's ticks in the
 * window, how many of those intervals were over {@link #LATE_INTERVAL_MS} and the longest, the
 * world thread's time after each tick (snapshots), the slowest room's p99, and, with {@code
 * --churn}, the joins, the rooms left behind and the server's memory before and after.
 */
final class RoomFigures {
  /**
   * The bound on the tick interval p99 (a 16 ms tick at most 2 ms late): the share of
   * intervals above it says how far a p99 over it is from meeting it (1 % or fewer).
   */
  static final double LATE_INTERVAL_MS = 18.0;

  private final ObjectNode json = ServerMetrics.JSON.createObjectNode();

  RoomFigures(ServerMetrics start, ServerMetrics end) {
    Map<String, JsonNode> before = new HashMap<>();
    if (start.body != null) {
      start.body.path("rooms").forEach(room -> before.put(room.path("id").asText(), firstLoop(room)));
    }
    Histogram all = null;
    Histogram afterTicks = null;
    double slowest = -1;
    String slowestRoom = null;
    int measured = 0;
    if (end.body != null) {
      for (JsonNode room : end.body.path("rooms")) {
        JsonNode loop = firstLoop(room);
        JsonNode earlier = before.get(room.path("id").asText());
        Histogram window = earlier != null ? ServerMetrics.intervalsBetween(earlier, loop)
            : ServerMetrics.intervals(loop); // created in the window: all of its ticks
        if (window == null || window.getTotalCount() == 0) {
          continue;
        }
        measured++;
        double p99 = window.getValueAtPercentile(99) / 1e6;
        if (p99 > slowest) {
          slowest = p99;
          slowestRoom = room.path("id").asText() + " on " + room.path("thread").asText();
        }
        if (all == null) {
          all = new Histogram(window.getHighestTrackableValue(), window.getNumberOfSignificantValueDigits());
        }
        all.add(window);
        Histogram after = earlier != null ? ServerMetrics.afterTicksBetween(earlier, loop) : ServerMetrics.afterTicks(loop);
        if (after != null) {
          if (afterTicks == null) {
            afterTicks = new Histogram(after.getHighestTrackableValue(), after.getNumberOfSignificantValueDigits());
          }
          afterTicks.add(after);
        }
      }
    }
    json.put("roomsMeasured", measured);
    json.put("tickIntervalP99AcrossRoomsMs", all == null ? -1 : all.getValueAtPercentile(99) / 1e6);
    json.put("tickIntervals", all == null ? 0 : all.getTotalCount());
    json.put("tickIntervalsOver18Ms", all == null ? 0 : all.getCountBetweenValues(
        all.nextNonEquivalentValue((long) (LATE_INTERVAL_MS * 1e6)), all.getHighestTrackableValue()));
    json.put("tickIntervalMaxMs", all == null ? -1 : all.getMaxValue() / 1e6);
    if (afterTicks != null && afterTicks.getTotalCount() > 0) {
      json.put("afterTickMeanMicros", Math.round(afterTicks.getMean() / 100) / 10.0);
      json.put("afterTickP99Micros", afterTicks.getValueAtPercentile(99) / 1000);
      json.put("afterTickMaxMicros", afterTicks.getMaxValue() / 1000);
    }
    json.put("slowestRoomTickIntervalP99Ms", slowest);
    json.put("slowestRoom", slowestRoom);
  }

  /**
   * One reading of the server during a churn run: its memory ({@link ServerMemory}: live heap
   * after a full GC, RSS, NMT committed) and what it holds (rooms, seats, connections).
   */
  record Checkpoint(String name, String label, ServerMemory memory, ServerMetrics.Occupancy occupancy) {}

  /**
   * The churn's figures and the server at each {@code checkpoint}, in order: before the bots came,
   * at the churn's start (the bots playing, after the warm-up), at its end (the same bots still
   * playing, every churning player gone and its rooms ended) and after everyone left. The churn's
   * own cost is the difference between its start and its end: the same players, 60 s of rooms
   * created and disposed between.
   */
  void churn(long joins, long failures, int roomsLeft, List<Checkpoint> checkpoints) {
    ObjectNode churn = json.putObject("churn");
    churn.put("joins", joins).put("failures", failures).put("roomsLeftBehind", roomsLeft);
    ArrayNode all = churn.putArray("checkpoints");
    for (Checkpoint checkpoint : checkpoints) {
      ServerMemory memory = checkpoint.memory();
      ServerMetrics.Occupancy occupancy = checkpoint.occupancy();
      all.addObject().put("name", checkpoint.name()).put("label", checkpoint.label())
          .put("liveHeapBytes", memory.liveHeapBytes()).put("rssKb", memory.rssKb())
          .put("nmtCommittedKb", memory.nmtCommittedKb())
          .put("rooms", occupancy.rooms()).put("seats", occupancy.seats()).put("connections", occupancy.connections());
    }
  }

  ObjectNode json() {
    return json;
  }

  String text() {
    StringBuilder s = new StringBuilder();
    s.append(String.format("  rooms                %d measured; tick interval p99 across rooms %.2f ms, slowest room's p99 %.2f ms (%s)%n",
        json.get("roomsMeasured").asInt(), json.get("tickIntervalP99AcrossRoomsMs").asDouble(),
        json.get("slowestRoomTickIntervalP99Ms").asDouble(), json.path("slowestRoom").asText("-")));
    long intervals = json.get("tickIntervals").asLong();
    if (intervals > 0) {
      long late = json.get("tickIntervalsOver18Ms").asLong();
      s.append(String.format("  tick intervals       %d over %.0f ms of %d (%.2f %%; p99 under it needs at most 1 %%), longest %.2f ms%n",
          late, LATE_INTERVAL_MS, intervals, 100.0 * late / intervals, json.get("tickIntervalMaxMs").asDouble()));
    }
    if (json.has("afterTickMeanMicros")) {
      s.append(String.format("  after each tick      mean %.1f us, p99 %d us, longest %d us on the world thread (snapshots encoded and handed over)%n",
          json.get("afterTickMeanMicros").asDouble(), json.get("afterTickP99Micros").asLong(), json.get("afterTickMaxMicros").asLong()));
    }
    JsonNode churn = json.get("churn");
    if (churn != null) {
      s.append(String.format("  churn                %d joins (%d failed); rooms left behind %d%n",
          churn.get("joins").asLong(), churn.get("failures").asLong(), churn.get("roomsLeftBehind").asInt()));
      JsonNode checkpoints = churn.get("checkpoints");
      s.append(String.format("  %-42s", "server"));
      checkpoints.forEach(checkpoint -> s.append(String.format(" | %16s", checkpoint.get("label").asText())));
      s.append(System.lineSeparator());
      String[][] rows = {
        {"liveHeapBytes", "live heap after GC kB"}, {"rssKb", "RSS kB"}, {"nmtCommittedKb", "NMT committed kB"},
        {"rooms", "rooms open"}, {"seats", "seats taken"}, {"connections", "connections"}
      };
      for (String[] row : rows) {
        long scale = row[0].equals("liveHeapBytes") ? 1024 : 1;
        s.append(String.format("    %-40s", row[1]));
        checkpoints.forEach(checkpoint -> s.append(String.format(" | %16s", kb(checkpoint.get(row[0]).asLong(), scale))));
        s.append(System.lineSeparator());
      }
    }
    return s.toString();
  }

  private static String kb(long value, long scale) {
    return value < 0 ? "?" : Long.toString(value / scale);
  }

  private static JsonNode firstLoop(JsonNode room) {
    JsonNode loops = room.path("loops");
    return loops.isArray() && !loops.isEmpty() ? loops.get(0) : null;
  }
}
