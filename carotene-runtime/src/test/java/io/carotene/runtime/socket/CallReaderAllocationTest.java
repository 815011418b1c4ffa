package io.carotene.runtime.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.world.DomainWorld;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bytes allocated per decoded {@code HandleInput} call frame on the socket path (bytes allocated by
 * this thread, not time), against {@link InputApplication}'s operation written as the processor
 * generates it. Prints the figure; asserts only a generous bound.
 */
class CallReaderAllocationTest {
  static final int CALLS = 100_000;

  @Test
  void decodingAHandleInputFrameAllocatesLittle() throws Exception {
    DomainWorld world = DomainWorld.create(new InputApplication(), () -> 0L, new StoreOptions(16));
    CallReader reader = new CallReader(world);
    byte[] frame = ("{\"op\":\"HandleInput\",\"seq\":12345,\"args\":{\"playerId\":"
            + "\"123e4567-e89b-12d3-a456-426614174000\",\"inputVector\":{\"x\":0.25,\"y\":0,\"z\":-1.5}}}")
        .getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 20_000; i++) { // warm up the JIT
      reader.read(frame, 0, frame.length);
    }
    long before = allocatedBytes();
    for (int i = 0; i < CALLS; i++) {
      reader.read(frame, 0, frame.length);
    }
    long perCall = (allocatedBytes() - before) / CALLS;
    System.out.println("CallReader.read(HandleInput): " + perCall + " bytes allocated per call");
    assertThat(CallReaderTest.args(reader.read(frame, 0, frame.length).call())).hasSize(2);
    assertThat(perCall).isLessThan(20_000);
  }

  @Test
  void decodingABinaryHandleInputFrameAllocatesLess() throws Exception {
    DomainWorld world = DomainWorld.create(new InputApplication(), () -> 0L, new StoreOptions(16));
    CallReader reader = new CallReader(world);
    java.util.UUID playerId = java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(47).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .put((byte) 0x03).putLong(12345).putLong(-1).putShort((short) 0)
        .putLong(playerId.getMostSignificantBits()).putLong(playerId.getLeastSignificantBits())
        .putFloat(0.25f).putFloat(0).putFloat(-1.5f)
        .flip();
    for (int i = 0; i < 20_000; i++) { // warm up the JIT
      reader.readBinary(frame);
    }
    long before = allocatedBytes();
    for (int i = 0; i < CALLS; i++) {
      reader.readBinary(frame);
    }
    long perCall = (allocatedBytes() - before) / CALLS;
    System.out.println("CallReader.readBinary(HandleInput): " + perCall + " bytes allocated per call");
    CallReader.Call call = reader.readBinary(frame);
    assertThat(call.seq()).isEqualTo(12345);
    assertThat(call.ack()).isEqualTo(-1);
    assertThat(CallReaderTest.args(call.call())).containsExactly(playerId, new InputApplication.Vector3(0.25f, 0, -1.5f));
    assertThat(perCall).isLessThan(20_000);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
