package io.carotene.runtime.socket;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.undertow.websockets.core.WebSocketFrameType;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The per-connection reader's buffer bounds; what it reads is covered end to end (HostileFramesTest). */
class MessageReaderTest {
  private static final MessageReader.Handler IGNORE = new MessageReader.Handler() {
    @Override
    public void message(WebSocketFrameType type, ByteBuffer bytes) {}

    @Override
    public void failed(IOException error) {}
  };

  @Test
  void aConnectionCanBeReadWithTheLargestFrameLimitAServerAccepts() {
    // maxFrameBytes(Integer.MAX_VALUE) is a valid setting: the limit plus one must not overflow.
    assertThatCode(() -> new MessageReader(Integer.MAX_VALUE, IGNORE)).doesNotThrowAnyException();
  }
}
