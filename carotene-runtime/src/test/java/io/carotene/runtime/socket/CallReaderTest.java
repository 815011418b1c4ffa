package io.carotene.runtime.socket;

import io.carotene.runtime.wire.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.internal.BoundCall;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.socket.InputApplication.HandleInputCall;
import io.carotene.runtime.socket.InputApplication.Vector3;
import io.carotene.runtime.world.DomainWorld;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The streaming envelope reader: members in any order, the operation resolved once into a typed
 * call, and refusals worded as the tree's were. Runs against {@link InputApplication}'s {@code
 * HandleInput}, written as the processor generates it.
 */
class CallReaderTest {
  static final String ID = "123e4567-e89b-12d3-a456-426614174000";
  final CallReader reader =
      new CallReader(DomainWorld.create(new InputApplication(), () -> 0L, new StoreOptions(16)));

  /** A HandleInput call's arguments, in parameter order, as its bound call holds them. */
  static List<Object> args(BoundCall call) {
    HandleInputCall handleInput = (HandleInputCall) call;
    return List.of(handleInput.playerId(), handleInput.inputVector());
  }

  CallReader.Call read(String frame) throws CallReader.Refusal {
    byte[] utf8 = ("  " + frame).getBytes(StandardCharsets.UTF_8);
    return reader.read(utf8, 2, utf8.length - 2);
  }

  String refusal(String frame) {
    try {
      read(frame);
    } catch (CallReader.Refusal refusal) {
      return refusal.seq + " " + refusal.code + " " + refusal.getMessage();
    }
    throw new AssertionError("not refused: " + frame);
  }

  /** A binary HandleInput (op 0): seq 7, no ack, the player's id, then the input vector's floats. */
  static ByteBuffer binaryHandleInput(float x, float y, float z) {
    UUID id = UUID.fromString(ID);
    return ByteBuffer.allocate(CallReader.BINARY_CALL_HEADER + 28).order(ByteOrder.LITTLE_ENDIAN)
        .put(CallReader.FRAME_CALL).putLong(7).putLong(-1).putShort((short) 0)
        .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
        .putFloat(x).putFloat(y).putFloat(z)
        .flip();
  }

  String binaryRefusal(ByteBuffer frame) {
    try {
      reader.readBinary(frame);
    } catch (CallReader.Refusal refusal) {
      return refusal.seq + " " + refusal.code + " " + refusal.getMessage();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void binaryCallsRefuseNaNAndInfinityInFloatArguments() throws Exception {
    assertThat(args(reader.readBinary(binaryHandleInput(1, 0, -2)).call()))
        .containsExactly(UUID.fromString(ID), new Vector3(1, 0, -2));
    assertThat(binaryRefusal(binaryHandleInput(Float.NaN, 0, 0)))
        .isEqualTo("7 BAD_REQUEST HandleInput: Argument 'inputVector.x' must be a finite number");
    assertThat(binaryRefusal(binaryHandleInput(0, 0, Float.POSITIVE_INFINITY)))
        .isEqualTo("7 BAD_REQUEST HandleInput: Argument 'inputVector.z' must be a finite number");
    assertThat(binaryRefusal(binaryHandleInput(0, Float.NEGATIVE_INFINITY, 0)))
        .isEqualTo("7 BAD_REQUEST HandleInput: Argument 'inputVector.y' must be a finite number");
  }

  @Test
  void anUnknownOperationIsEchoedOnlyInPart() {
    String longName = "A".repeat(60_000);
    String refused = refusal("{\"op\":\"" + longName + "\",\"seq\":3,\"args\":{}}");
    assertThat(refused).startsWith("3 BAD_REQUEST Unknown operation '" + "A".repeat(64) + "… (60000 characters)'");
    assertThat(refused.length()).isLessThan(300);
    assertThat(refusal("{\"op\":\"Jump\",\"seq\":3,\"args\":{}}")).startsWith("3 BAD_REQUEST Unknown operation 'Jump';");
  }

  @Test
  void readsAnEnvelopeInAnyOrder() throws Exception {
    CallReader.Call call = read("{\"ack\":9,\"seq\":4,\"op\":\"HandleInput\",\"args\":"
        + "{\"inputVector\":{\"z\":3,\"extra\":[1,{\"a\":2}],\"y\":2.5,\"x\":1},\"playerId\":\"" + ID + "\"},\"more\":{}}");
    assertThat(call.seq()).isEqualTo(4);
    assertThat(call.ack()).isEqualTo(9);
    assertThat(call.operation().name()).isEqualTo("HandleInput");
    assertThat(args(call.call())).containsExactly(UUID.fromString(ID), new Vector3(1, 2.5f, 3));
  }

  @Test
  void argsBeforeOpAreKeptUntilOpIsKnown() throws Exception {
    CallReader.Call call = read("{\"args\":{\"playerId\":\"" + ID + "\",\"inputVector\":{\"x\":1,\"y\":0,\"z\":-2}},"
        + "\"seq\":5,\"op\":\"HandleInput\"}");
    assertThat(call.seq()).isEqualTo(5);
    assertThat(call.ack()).isEqualTo(-1);
    assertThat(args(call.call())).containsExactly(UUID.fromString(ID), new Vector3(1, 0, -2));
    assertThat(refusal("{\"args\":{\"playerId\":\"" + ID + "\",\"inputVector\":{\"x\":\"1\"}},\"seq\":5,\"op\":\"HandleInput\"}"))
        .isEqualTo("5 BAD_REQUEST HandleInput: Argument 'inputVector.x' must be a number, got string");
  }

  @Test
  void aRepeatedMemberKeepsItsLastValue() throws Exception {
    CallReader.Call call = read("{\"op\":\"Nope\",\"seq\":1,\"seq\":6,\"op\":\"HandleInput\",\"args\":{\"playerId\":7,"
        + "\"inputVector\":{\"x\":\"bad\",\"y\":1,\"z\":1,\"x\":4},\"playerId\":\"" + ID + "\"}}");
    assertThat(call.seq()).isEqualTo(6);
    assertThat(args(call.call())).containsExactly(UUID.fromString(ID), new Vector3(4, 1, 1));
    assertThat(refusal("{\"op\":\"HandleInput\",\"seq\":1,\"args\":{},\"op\":\"Other\"}"))
        .startsWith("1 BAD_REQUEST Unknown operation 'Other'");
    assertThat(refusal("{\"op\":\"HandleInput\",\"seq\":1,\"args\":{\"playerId\":\"" + ID + "\",\"playerId\":null}}"))
        .isEqualTo("1 BAD_REQUEST HandleInput: Missing argument 'playerId'");
  }

  @Test
  void refusalsAreWordedAsBefore() {
    String args = "\"args\":{\"playerId\":\"" + ID + "\",\"inputVector\":{\"x\":1,\"y\":true,\"z\":1}}";
    assertThat(refusal("{\"op\":\"HandleInput\",\"seq\":2," + args + "}"))
        .isEqualTo("2 BAD_REQUEST HandleInput: Argument 'inputVector.y' must be a number, got boolean");
    assertThat(refusal("{\"op\":\"HandleInput\",\"seq\":2,\"args\":{\"inputVector\":{}}}"))
        .isEqualTo("2 BAD_REQUEST HandleInput: Missing argument 'playerId'");
    assertThat(refusal("{\"op\":\"HandleInput\",\"seq\":2,\"args\":{\"playerId\":\"" + ID + "\",\"inputVector\":[1]}}"))
        .isEqualTo("2 BAD_REQUEST HandleInput: Argument 'inputVector' must be an object, got array");
    assertThat(refusal("{\"op\":\"HandleInput\",\"seq\":2}"))
        .isEqualTo("2 BAD_REQUEST HandleInput: Missing argument 'args': expected an object");
    assertThat(refusal("{\"op\":\"HandleInput\",\"seq\":2,\"args\":\"x\"}"))
        .isEqualTo("2 BAD_REQUEST HandleInput: Argument 'args' must be an object, got string");
    // A bad argument does not hide a bad envelope, wherever it comes.
    assertThat(refusal("{\"op\":\"HandleInput\",\"args\":{\"playerId\":1}}"))
        .startsWith("null BAD_REQUEST Missing 'seq'");
    assertThat(refusal("{\"op\":\"HandleInput\",\"seq\":1.5," + args + "}"))
        .isEqualTo("null BAD_REQUEST 'seq' must be an integer from 0 to 2^53-1, got 1.5");
    assertThat(refusal("{\"op\":\"HandleInput\",\"seq\":\"1\"," + args + "}"))
        .isEqualTo("null BAD_REQUEST 'seq' must be an integer from 0 to 2^53-1, got a string");
    assertThat(refusal("{\"op\":\"HandleInput\",\"seq\":1,\"ack\":-3," + args + "}"))
        .isEqualTo("1 BAD_REQUEST 'ack' must be the tick of a snapshot you applied, an integer from 0, got -3");
    assertThat(refusal("{\"op\":\"\",\"seq\":1}")).startsWith("1 BAD_REQUEST Missing 'op'");
    assertThat(refusal("[1,2]")).startsWith("null BAD_REQUEST A frame must be a JSON object");
    for (String malformed : List.of("", "{\"op\":", "{\"op\":\"HandleInput\",\"seq\":1," + args + "} {}",
        "{\"seq\":1," + args.replace("true", "tru") + "}", "[1,", "{} x")) {
      String expected;
      try {
        Json.parse(malformed);
        throw new AssertionError(malformed);
      } catch (Json.MalformedJsonException e) {
        expected = "null BAD_REQUEST " + e.getMessage();
      }
      assertThat(refusal(malformed)).as(malformed).isEqualTo(expected);
    }
  }
}
