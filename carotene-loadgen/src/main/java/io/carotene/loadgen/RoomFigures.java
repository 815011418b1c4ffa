package io.carotene.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A run on a server of rooms, from two readings of {@code /metrics} (its {@code rooms[]}, each
 * with its loops' interval histograms): the tick interval p99 over every room's ticks in the
 * window, the slowest room's p99, and, with {@code --churn}, the joins, the rooms left behind and
 * the server's memory before and after.
 */
final class RoomFigures {
  private final ObjectNode json = ServerMetrics.JSON.createObjectNode();

  RoomFigures(ServerMetrics start, ServerMetrics end) {
    Map<String, JsonNode> before = new HashMap<>();
    if (start.body != null) {
      start.body.path("rooms").forEach(room -> before.put(room.path("id").asText(), firstLoop(room)));
    }
    Histogram all = null;
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
      }
    }
    json.put("roomsMeasured", measured);
    json.put("tickIntervalP99AcrossRoomsMs", all == null ? -1 : all.getValueAtPercentile(99) / 1e6);
    json.put("slowestRoomTickIntervalP99Ms", slowest);
    json.put("slowestRoom", slowestRoom);
  }

  /**
   * The churn's figures, and the server's memory {@code before} the bots came, while they
   * {@code playing} (after the warm-up) and {@code after} every bot and churning player left.
   */
  void churn(long joins, long failures, int roomsLeft, ServerMemory before, ServerMemory playing, ServerMemory after) {
    ObjectNode churn = json.putObject("churn");
    churn.put("joins", joins).put("failures", failures).put("roomsLeftBehind", roomsLeft);
    memory(churn.putObject("before"), before);
    memory(churn.putObject("playing"), playing);
    memory(churn.putObject("after"), after);
  }

  private static void memory(ObjectNode into, ServerMemory memory) {
    into.put("liveHeapBytes", memory.liveHeapBytes()).put("rssKb", memory.rssKb()).put("nmtCommittedKb", memory.nmtCommittedKb());
  }

  ObjectNode json() {
    return json;
  }

  String text() {
    StringBuilder s = new StringBuilder();
    s.append(String.format("  rooms                %d measured; tick interval p99 across rooms %.2f ms, slowest room's p99 %.2f ms (%s)%n",
        json.get("roomsMeasured").asInt(), json.get("tickIntervalP99AcrossRoomsMs").asDouble(),
        json.get("slowestRoomTickIntervalP99Ms").asDouble(), json.path("slowestRoom").asText("-")));
    JsonNode churn = json.get("churn");
    if (churn != null) {
      s.append(String.format("  churn                %d joins (%d failed); rooms left behind %d%n",
          churn.get("joins").asLong(), churn.get("failures").asLong(), churn.get("roomsLeftBehind").asInt()));
      s.append("  server memory        before the bots / playing (after warm-up) / after all left:\n");
      for (String field : new String[] {"liveHeapBytes", "rssKb", "nmtCommittedKb"}) {
        long scale = field.equals("liveHeapBytes") ? 1024 : 1;
        s.append(String.format("    %-18s %s / %s / %s kB%n", field.replace("Bytes", "").replace("Kb", ""),
            kb(churn.get("before").get(field).asLong(), scale), kb(churn.get("playing").get(field).asLong(), scale),
            kb(churn.get("after").get(field).asLong(), scale)));
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
