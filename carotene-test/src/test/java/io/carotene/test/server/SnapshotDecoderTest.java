package io.carotene.test.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hand-built frames of format {@code carotene.binary.v3}, byte by byte as PROTOCOL.md (section
 * 5.2) spells them: the decoder must read the worked example of its {@code updated} list (handles
 * as differences from the previous update's, one of them negative; a repeated mask left out).
 */
class SnapshotDecoderTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** PROTOCOL.md's schema of the Arena's GameWorld store. */
  static final String SCHEMA = """
      {"type":"schema","format":"carotene.binary.v3","history":32,"snapshotEvery":2,"stores":[
        {"name":"GameWorld","index":0,"mode":"delta","entitySize":33,"idOffset":0,"idSize":16,"fields":[
          {"name":"id","type":"uuid","offset":0,"size":16},
          {"name":"position.x","type":"uq16","offset":16,"size":2,"min":-1000.0,"max":1000.0,"precision":0.03125,"bit":0},
          {"name":"position.y","type":"uq16","offset":18,"size":2,"min":-1000.0,"max":1000.0,"precision":0.03125,"bit":1},
          {"name":"position.z","type":"uq16","offset":20,"size":2,"min":-1000.0,"max":1000.0,"precision":0.03125,"bit":2},
          {"name":"velocity.x","type":"uq16","offset":22,"size":2,"min":-50.0,"max":50.0,"precision":0.001953125,"bit":3},
          {"name":"velocity.y","type":"uq16","offset":24,"size":2,"min":-50.0,"max":50.0,"precision":0.001953125,"bit":4},
          {"name":"velocity.z","type":"uq16","offset":26,"size":2,"min":-50.0,"max":50.0,"precision":0.001953125,"bit":5},
          {"name":"isGrounded","type":"bool","offset":28,"size":1,"bit":6},
          {"name":"health","type":"i32","offset":29,"size":4,"bit":7}]}],
       "operations":[]}""";

  /** PROTOCOL.md's example: the {@code updated} count, then three updates (handles 4, 7, 2). */
  static final String UPDATED = "03" + "14050201" + "0D0204" + "1209058008";

  static UUID id(int handle) {
    return new UUID(0, handle);
  }

  /** A player at the centre, standing still: every quantized field at the step of 0. */
  static byte[] player(int handle) {
    byte[] entry = new byte[33];
    long least = id(handle).getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      entry[8 + i] = (byte) (least >>> (8 * i));
    }
    for (int at = 16; at < 22; at += 2) {
      entry[at] = (byte) 32000;
      entry[at + 1] = (byte) (32000 >>> 8);
    }
    for (int at = 22; at < 28; at += 2) {
      entry[at] = (byte) 25600;
      entry[at + 1] = (byte) (25600 >>> 8);
    }
    entry[28] = 1;
    entry[29] = 100;
    return entry;
  }

  /** Tick 10, full: handles 2, 4 and 7 entered. */
  static byte[] full() {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.writeBytes(new byte[] {0x01, 0, 10, 0, 0, 1, 0, 3});
    for (int handle : List.of(2, 4, 7)) {
      frame.write(handle);
      frame.writeBytes(player(handle));
    }
    frame.write(0);
    return frame.toByteArray();
  }

  /** Tick 11, a delta against tick 10 ({@code since} 1): nothing removed or entered, then {@code updated}. */
  static byte[] delta(String updated) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.writeBytes(new byte[] {0x01, 0, 11, 0, 1, 1, 0, 0});
    frame.writeBytes(HexFormat.of().parseHex(updated));
    return frame.toByteArray();
  }

  static SnapshotDecoder decoder() throws Exception {
    SnapshotDecoder decoder = new SnapshotDecoder(JSON.readTree(SCHEMA));
    assertThat(decoder.apply(full())).isEqualTo(10);
    return decoder;
  }

  @Test
  void theProtocolsExampleUpdatesHandlesNamedByTheirDifferencesWithARepeatedMaskLeftOut() throws Exception {
    SnapshotDecoder decoder = decoder();

    assertThat(decoder.apply(delta(UPDATED))).isEqualTo(11);

    assertThat(decoder.last()).isEqualTo(new SnapshotDecoder.Applied(11, 0, 10, 0, 0, 3));
    Map<String, Map<String, Object>> players = decoder.entities("GameWorld");
    // Handle 4: x +1 step, z -1 step.
    assertThat(position(players, 4)).containsExactly(0.03125, 0.0, -0.03125);
    // Handle 7, mask repeated: x +1, z +2.
    assertThat(position(players, 7)).containsExactly(0.03125, 0.0, 0.0625);
    // Handle 2, 5 below 7: x -3 and velocity.x +512 steps (1 unit/s).
    assertThat(position(players, 2)).containsExactly(-0.09375, 0.0, 0.0);
    assertThat(players.get(id(2).toString()).get("velocity.x")).isEqualTo(1.0);
    assertThat(players.get(id(4).toString()).get("velocity.x")).isEqualTo(0.0);
    assertThat(decoder.handles("GameWorld")).containsOnlyKeys(2L, 4L, 7L);
  }

  @Test
  void aSectionsFirstUpdateCannotRepeatAMask() throws Exception {
    SnapshotDecoder decoder = decoder();
    // Handle 4 (+5 from -1: zig-zag 10) with the same-mask bit set: 0x15.
    assertThatThrownBy(() -> decoder.apply(delta("01" + "150201")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("first update");
  }

  @Test
  void aDifferenceThatLandsOnNoHandleIsMalformed() throws Exception {
    SnapshotDecoder decoder = decoder();
    // Handle 4, then +2: handle 6, which the client does not hold.
    assertThatThrownBy(() -> decoder.apply(delta("02" + "14050201" + "090201")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("handle 6");
  }

  static List<Object> position(Map<String, Map<String, Object>> players, int handle) {
    Map<String, Object> player = players.get(id(handle).toString());
    return List.of(player.get("position.x"), player.get("position.y"), player.get("position.z"));
  }
}
