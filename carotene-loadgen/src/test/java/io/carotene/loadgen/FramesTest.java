package io.carotene.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramesTest {

  @Test
  void aSnapshotsHeadGivesTickAndAck() {
    FrameHead head = new FrameHead().parse(AsciiView.of(
        "{\"type\":\"snapshot\",\"tick\":1260,\"ack\":7,\"GameWorld\":[{\"id\":\"8bc29c54"));
    assertThat(head.type).isEqualTo(FrameHead.SNAPSHOT);
    assertThat(head.tick).isEqualTo(1260);
    assertThat(head.ack).isEqualTo(7);
  }

  @Test
  void aBinarySnapshotsHeaderGivesTickAckBaselineAndCounts() {
    ByteBuffer frame = ByteBuffer.allocate(160).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    // tick 1260 (varint 0xEC 0x09), ack 7, baseline 5 ticks back, one store; two removed handles
    // (3 and 300: 0xAC 0x02), then 39 entries entered.
    frame.put((byte) 0x01).put((byte) 0).put((byte) 0xEC).put((byte) 0x09).put((byte) 7).put((byte) 5).put((byte) 1);
    frame.put((byte) 2).put((byte) 3).put((byte) 0xAC).put((byte) 0x02).put((byte) 39);
    AsciiView head = new AsciiView(FrameHead.HEAD_CHARS);
    frame.flip();
    head.length = frame.remaining();
    frame.get(head.bytes, 0, head.length);

    FrameHead parsed = new FrameHead();
    assertThat(parsed.parseBinary(head)).isTrue();
    assertThat(parsed.type).isEqualTo(FrameHead.SNAPSHOT);
    assertThat(parsed.tick).isEqualTo(1260);
    assertThat(parsed.ack).isEqualTo(7);
    assertThat(parsed.baseline).isEqualTo(1255);
    assertThat(parsed.removed).isEqualTo(2);
    assertThat(parsed.written).isEqualTo(39);
    assertThat(parsed.updated).as("beyond the 39 whole entries, so not in the head").isEqualTo(-1);

    head.bytes[0] = 0x02;
    assertThat(parsed.parseBinary(head)).isFalse();
  }

  @Test
  void aSteadyDeltaGivesHowManyEntriesItUpdates() {
    // tick 1260, ack 7, baseline 2 ticks back, one store: nothing removed, nothing entered, 300
    // entries updated (0xAC 0x02), then the first update: handle 4 as its difference from -1
    // (zig-zag 10, shifted left, same-mask bit 0: 0x14), then its field mask.
    byte[] frame = {0x01, 0, (byte) 0xEC, 0x09, 7, 2, 1, 0, 0, (byte) 0xAC, 0x02, 0x14, 0x07};
    AsciiView head = new AsciiView(FrameHead.HEAD_CHARS);
    head.length = frame.length;
    System.arraycopy(frame, 0, head.bytes, 0, frame.length);

    FrameHead parsed = new FrameHead();
    assertThat(parsed.parseBinary(head)).isTrue();
    assertThat(parsed.baseline).isEqualTo(1258);
    assertThat(parsed.removed).isZero();
    assertThat(parsed.written).isZero();
    assertThat(parsed.updated).isEqualTo(300);
  }

  @Test
  void theSchemaFrameIsRecognisedWithItsSnapshotRate() {
    FrameHead schema = new FrameHead().parse(AsciiView.of(
        "{\"type\":\"schema\",\"format\":\"carotene.binary.v3\",\"history\":32,\"snapshotEvery\":3,\"stores\":["));
    assertThat(schema.type).isEqualTo(FrameHead.SCHEMA);
    assertThat(schema.snapshotEvery).as("ticks between two snapshots").isEqualTo(3);
  }

  @Test
  void repliesGiveTheirSeqAndCode() {
    FrameHead ok = new FrameHead().parse(AsciiView.of("{\"re\":7,\"ok\":true}"));
    assertThat(ok.type).isEqualTo(FrameHead.REPLY);
    assertThat(ok.re).isEqualTo(7);
    assertThat(ok.ok).isTrue();

    FrameHead rejected = new FrameHead().parse(AsciiView.of(
        "{\"re\":12,\"error\":{\"code\":\"REJECTED\",\"message\":\"Speed hack detected\"}}"));
    assertThat(rejected.re).isEqualTo(12);
    assertThat(rejected.ok).isFalse();
    assertThat(rejected.code).isEqualTo("REJECTED");

    FrameHead broken = new FrameHead().parse(AsciiView.of(
        "{\"re\":null,\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"Malformed JSON\"}}"));
    assertThat(broken.re).isEqualTo(-1);
    assertThat(broken.code).isEqualTo("BAD_REQUEST");
  }

  @Test
  void framesSplitAnywhereAreWalkedWhole() {
    String big = "{\"type\":\"snapshot\",\"tick\":5,\"ack\":3,\"GameWorld\":[" + "x".repeat(70_000) + "]}";
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    frame(wire, 0x81, "{\"re\":1,\"ok\":true}".getBytes(StandardCharsets.US_ASCII));      // 7-bit length
    frame(wire, 0x81, big.getBytes(StandardCharsets.US_ASCII));                           // 64-bit length
    String part1 = "{\"type\":\"snapshot\",\"tick\":6,";
    String part2 = "\"ack\":4,\"GameWorld\":[" + "y".repeat(300) + "]}";
    frame(wire, 0x01, part1.getBytes(StandardCharsets.US_ASCII)); // fragmented: text, not fin
    frame(wire, 0x80, part2.getBytes(StandardCharsets.US_ASCII)); // continuation, fin
    byte[] bytes = wire.toByteArray();

    for (int chunk : new int[] {1, 3, 7, 1000, bytes.length}) {
      List<String> seen = new ArrayList<>();
      WebSocketConnection connection = WebSocketConnection.unconnected(new WebSocketConnection.Handler() {
        @Override
        public void onMessage(int opcode, AsciiView head, long payloadBytes, long nanos) {
          FrameHead parsed = new FrameHead().parse(head);
          seen.add(parsed.type == FrameHead.SNAPSHOT
              ? "snapshot " + parsed.tick + "/" + parsed.ack + " " + payloadBytes
              : "reply " + parsed.re + " " + parsed.ok);
        }

        @Override
        public void onClose(int code, String reason) {}

        @Override
        public void onError(Throwable error) {}
      });
      for (int at = 0; at < bytes.length; at += chunk) {
        connection.consume(ByteBuffer.wrap(bytes, at, Math.min(chunk, bytes.length - at)), 0);
      }
      assertThat(seen).as("chunks of %d", chunk).containsExactly(
          "reply 1 true",
          "snapshot 5/3 " + big.length(),
          "snapshot 6/4 " + (part1.length() + part2.length()));
    }
  }

  @Test
  void pacerSlotsSpreadBotsOverThePeriodOnAFixedGrid() {
    long period = 16_666_667;
    assertThat(Pacer.slot(1000, period, 4, 0, 0)).isEqualTo(1000);
    assertThat(Pacer.slot(1000, period, 4, 0, 2)).isEqualTo(1000 + period / 2);
    assertThat(Pacer.slot(1000, period, 4, 3, 1)).isEqualTo(1000 + 3 * period + period / 4);
  }

  private static void frame(ByteArrayOutputStream out, int first, byte[] payload) {
    out.write(first);
    if (payload.length < 126) {
      out.write(payload.length);
    } else if (payload.length < 65536) {
      out.write(126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xff);
    } else {
      out.write(127);
      for (int i = 7; i >= 0; i--) {
        out.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
      }
    }
    out.write(payload, 0, payload.length);
  }
}
