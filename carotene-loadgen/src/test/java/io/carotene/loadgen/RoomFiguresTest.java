package io.carotene.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The server's tick figures on a server of rooms: from each room's loop, over the window only. */
class RoomFiguresTest {

  @Test
  void theDefaultFlowAndRoomModeReadTheRoomsTicksAndASingleWorldItsLoops() {
    assertThat(LoadGen.readsRoomFigures(Options.parse(new String[0]))).isTrue();
    assertThat(LoadGen.readsRoomFigures(Options.parse(new String[] {"--rooms", "4", "--secret", "s".repeat(32)}))).isTrue();
    assertThat(LoadGen.readsRoomFigures(Options.parse(new String[] {"--single-world"}))).isFalse();
  }

  @Test
  void oneArenasTickIntervalP99IsThatOfTheTicksBetweenTheTwoReadings() throws Exception {
    Histogram intervals = new Histogram(3_600_000_000_000L, 3);
    intervals.recordValueWithCount(16_000_000, 1000); // before the window: 1,000 ticks of 16 ms
    ServerMetrics start = ServerMetrics.of(metrics("arena-1", intervals), 0);
    intervals.recordValueWithCount(16_000_000, 90); // in the window: 90 of 16 ms, 10 of 40 ms
    intervals.recordValueWithCount(40_000_000, 10);
    ServerMetrics end = ServerMetrics.of(metrics("arena-1", intervals), 1);

    JsonNode figures = new RoomFigures(start, end).json();

    assertThat(figures.get("roomsMeasured").asInt()).isEqualTo(1);
    assertThat(figures.get("tickIntervalP99AcrossRoomsMs").asDouble()).isBetween(39.9, 40.1);
    assertThat(figures.get("slowestRoom").asText()).startsWith("arena-1");
  }

  @Test
  void theReportCountsTheWindowsIntervalsOver18MsAndTheLongest() throws Exception {
    Histogram intervals = new Histogram(3_600_000_000_000L, 3);
    intervals.recordValueWithCount(40_000_000, 5); // before the window: not counted
    ServerMetrics start = ServerMetrics.of(metrics("arena-1", intervals), 0);
    intervals.recordValueWithCount(16_000_000, 180); // in the window: 180 on time, 12 at exactly 18 ms,
    intervals.recordValueWithCount(18_000_000, 12); // 6 over it, the longest 62 ms
    intervals.recordValueWithCount(19_000_000, 5);
    intervals.recordValueWithCount(62_000_000, 1);
    ServerMetrics end = ServerMetrics.of(metrics("arena-1", intervals), 1);

    RoomFigures figures = new RoomFigures(start, end);

    assertThat(figures.json().get("tickIntervals").asLong()).isEqualTo(198);
    assertThat(figures.json().get("tickIntervalsOver18Ms").asLong()).isEqualTo(6);
    assertThat(figures.json().get("tickIntervalMaxMs").asDouble()).isBetween(61.9, 62.1);
    assertThat(figures.text()).contains("6 over 18 ms of 198 (3.03 %");
  }

  @Test
  void theWorldThreadsTimeAfterEachTickIsTheWindows() throws Exception {
    Histogram intervals = new Histogram(3_600_000_000_000L, 3);
    intervals.recordValueWithCount(16_000_000, 10);
    Histogram afterTicks = new Histogram(3_600_000_000_000L, 3);
    afterTicks.recordValueWithCount(9_000_000, 10); // before the window: not counted
    ServerMetrics start = ServerMetrics.of(metrics("arena-1", intervals, afterTicks), 0);
    intervals.recordValueWithCount(16_000_000, 100); // in the window: 100 ticks, after them 99 of 1 ms and one of 4 ms
    afterTicks.recordValueWithCount(1_000_000, 99);
    afterTicks.recordValue(4_000_000);
    ServerMetrics end = ServerMetrics.of(metrics("arena-1", intervals, afterTicks), 1);

    RoomFigures figures = new RoomFigures(start, end);

    assertThat(figures.json().get("afterTickMeanMicros").asDouble()).isBetween(1029.0, 1031.0);
    assertThat(figures.json().get("afterTickMaxMicros").asLong()).isBetween(3999L, 4001L);
    assertThat(figures.text()).contains("after each tick      mean 1030");
  }

  @Test
  void theServersOccupancyIsItsRoomsTheirSeatsAndItsConnections() throws Exception {
    ServerMetrics reading = ServerMetrics.of(ServerMetrics.JSON.readTree("{\"world\":\"Arena\",\"connections\":11,"
        + "\"rooms\":[{\"id\":\"a\",\"clients\":8},{\"id\":\"b\",\"clients\":5}]}"), 0);

    assertThat(reading.occupancy()).isEqualTo(new ServerMetrics.Occupancy(2, 13, 11));
    assertThat(ServerMetrics.of(null, 0).occupancy()).isEqualTo(new ServerMetrics.Occupancy(-1, -1, -1));
  }

  @Test
  void aChurnRunReportsTheServersMemoryAndOccupancyAtEachCheckpointInOrder() throws Exception {
    Histogram intervals = new Histogram(3_600_000_000_000L, 3);
    intervals.recordValueWithCount(16_000_000, 10);
    RoomFigures figures = new RoomFigures(ServerMetrics.of(metrics("a", intervals), 0), ServerMetrics.of(metrics("a", intervals), 1));

    figures.churn(600, 2, 0, List.of(
        new RoomFigures.Checkpoint("before", "before the bots", new ServerMemory(20L << 20, 150_000, 120_000), new ServerMetrics.Occupancy(0, 0, 0)),
        new RoomFigures.Checkpoint("churnStart", "churn start", new ServerMemory(40L << 20, 300_000, 200_000), new ServerMetrics.Occupancy(50, 400, 400)),
        new RoomFigures.Checkpoint("churnEnd", "churn end", new ServerMemory(41L << 20, 301_000, 201_000), new ServerMetrics.Occupancy(50, 400, 400)),
        new RoomFigures.Checkpoint("after", "after all left", new ServerMemory(-1, 290_000, 190_000), new ServerMetrics.Occupancy(0, 0, 0))));

    JsonNode churn = figures.json().get("churn");
    assertThat(churn.get("joins").asLong()).isEqualTo(600);
    assertThat(churn.get("failures").asLong()).isEqualTo(2);
    assertThat(churn.get("roomsLeftBehind").asInt()).isZero();
    List<String> names = new ArrayList<>();
    churn.get("checkpoints").forEach(checkpoint -> names.add(checkpoint.get("name").asText()));
    assertThat(names).containsExactly("before", "churnStart", "churnEnd", "after");
    JsonNode end = churn.get("checkpoints").get(2);
    assertThat(end.get("liveHeapBytes").asLong()).isEqualTo(41L << 20);
    assertThat(end.get("rssKb").asLong()).isEqualTo(301_000);
    assertThat(end.get("nmtCommittedKb").asLong()).isEqualTo(201_000);
    assertThat(end.get("rooms").asInt()).isEqualTo(50);
    assertThat(end.get("seats").asLong()).isEqualTo(400);
    String text = figures.text();
    assertThat(text).contains("600 joins (2 failed); rooms left behind 0");
    assertThat(text).containsPattern("live heap after GC kB +\\| +20480 \\| +40960 \\| +41984 \\| +\\?");
    assertThat(text).containsPattern("seats taken +\\| +0 \\| +400 \\| +400 \\| +0");
  }

  private static JsonNode metrics(String roomId, Histogram intervals) throws Exception {
    return metrics(roomId, intervals, null);
  }

  private static JsonNode metrics(String roomId, Histogram intervals, Histogram afterTicks) throws Exception {
    String after = afterTicks == null ? "" : ",\"afterTickHistogram\":\"" + base64(afterTicks) + "\"";
    return ServerMetrics.JSON.readTree("{\"world\":\"Arena\",\"rooms\":[{\"id\":\"" + roomId
        + "\",\"thread\":\"carotene-world-0\",\"loops\":[{\"name\":\"PhysicsTick\",\"intervalHistogram\":\""
        + base64(intervals) + "\"" + after + "}]}]}");
  }

  private static String base64(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }
}
