package io.carotene.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SharedBodyTest {
  private static String frame(SharedBody body, ByteBuffer reuse, long tick, long ack) {
    ByteBuffer frame = body.writeFrame(reuse, tick, ack);
    return StandardCharsets.UTF_8.decode(frame).toString();
  }

  private static SharedBody body(String json) {
    SharedBody body = new SharedBody();
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    body.fill(bytes, bytes.length);
    return body;
  }

  @Test
  void aFrameIsTheClientsPrefixFollowedByTheSharedStores() {
    SharedBody body = body("{\"GameWorld\":[{\"id\":\"a\"}]}");

    assertThat(frame(body, null, 123, 7))
        .isEqualTo("{\"type\":\"snapshot\",\"tick\":123,\"ack\":7,\"GameWorld\":[{\"id\":\"a\"}]}");
    assertThat(frame(body, null, 1, 0)).startsWith("{\"type\":\"snapshot\",\"tick\":1,\"ack\":0,");
    assertThat(frame(body, null, Long.MAX_VALUE, (1L << 53) - 1))
        .startsWith("{\"type\":\"snapshot\",\"tick\":" + Long.MAX_VALUE + ",\"ack\":" + ((1L << 53) - 1) + ",");
  }

  @Test
  void aWorldWithoutStoresSendsJustTheHeader() {
    assertThat(frame(body("{}"), null, 5, 2)).isEqualTo("{\"type\":\"snapshot\",\"tick\":5,\"ack\":2}");
  }

  @Test
  void aLargeEnoughBufferIsReusedAndASmallOneReplaced() {
    SharedBody body = body("{\"S\":[1,2,3]}");
    ByteBuffer big = ByteBuffer.allocate(1024);
    ByteBuffer small = ByteBuffer.allocate(4);

    assertThat(body.writeFrame(big, 1, 1)).isSameAs(big);
    assertThat(body.writeFrame(small, 1, 1)).isNotSameAs(small);
  }

  @Test
  void theRingHandsOutABodyAgainOnlyOnceEveryCopyOfItIsDone() {
    SharedBody.Ring ring = new SharedBody.Ring();
    SharedBody first = ring.take();
    first.retain();
    ring.take();
    ring.take();
    ring.take();

    assertThat(ring.take()).as("still being copied").isNotSameAs(first);

    SharedBody second = ring.take();
    assertThat(ring.take()).isNotSameAs(second);
    for (int i = 0; i < 2; i++) {
      ring.take();
    }
    assertThat(ring.take()).as("free again").isSameAs(second);
  }
}
