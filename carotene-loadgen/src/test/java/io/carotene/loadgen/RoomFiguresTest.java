package io.carotene.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Base64;
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

  private static JsonNode metrics(String roomId, Histogram intervals) throws Exception {
    ByteBuffer buffer = ByteBuffer.allocate(intervals.getNeededByteBufferCapacity());
    int length = intervals.encodeIntoCompressedByteBuffer(buffer);
    String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    return ServerMetrics.JSON.readTree("{\"world\":\"Arena\",\"rooms\":[{\"id\":\"" + roomId
        + "\",\"thread\":\"carotene-world-0\",\"loops\":[{\"name\":\"PhysicsTick\",\"intervalHistogram\":\"" + encoded + "\"}]}]}");
  }
}
