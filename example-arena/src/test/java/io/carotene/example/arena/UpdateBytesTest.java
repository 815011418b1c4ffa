package io.carotene.example.arena;

import static io.carotene.test.TestIds.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.Tick;
import io.carotene.runtime.snapshot.Interest;
import io.carotene.runtime.snapshot.SharedBody;
import io.carotene.runtime.snapshot.SnapshotFormat;
import io.carotene.runtime.snapshot.SnapshotOutbox;
import io.carotene.runtime.snapshot.SnapshotPublisher;
import io.carotene.runtime.snapshot.Subscriber;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.test.CaroteneTest;
import io.carotene.test.Sandbox;
import io.carotene.test.server.SnapshotDecoder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What an update costs beyond its fields in the Arena's load test shape (format {@code
 * carotene.binary.v3}, PROTOCOL.md 5.2): 400 players all walking, everyone visible, so every
 * player's position x and z change each tick under the same field mask. The updates walk the
 * handles in ascending order: each names its handle in one byte, and only a section's first sends
 * its mask; v2 spent a byte per handle below 128, two above, and the mask on every update.
 */
@CaroteneTest(Arena.class)
class UpdateBytesTest {
  static final int PLAYERS = 400;

  @Test
  void withEveryoneWalkingAnUpdateSpendsOneByteOnItsHandleAndItsMaskIsSentOncePerSection(Sandbox sandbox) throws Exception {
    for (int i = 0; i < PLAYERS; i++) {
      sandbox.given(new Player(uuid("player_" + i), new Vector3((i % 20) * 10f, 0f, (i / 20) * 10f), new Vector3(4f, 0f, 3f), true, 100));
    }
    SnapshotPublisher publisher = new SnapshotPublisher((DomainWorld) sandbox.world(), Map.of("GameWorld", Interest.everything()));
    Tick tick = new Tick(publisher.snapshotLoop(), TimeUnit.MILLISECONDS.toNanos(16));
    Recording outbox = new Recording(uuid("player_0").toString());
    Subscriber client = publisher.subscriber(outbox);
    publisher.add(client);
    SnapshotDecoder decoder = new SnapshotDecoder(new ObjectMapper().readTree(publisher.schemaJson()));
    UpdateLists updates = new UpdateLists();
    long frameBytes = 0;
    int deltas = 0;
    for (long number = 1; number <= 40; number++) {
      sandbox.triggerLoop("PhysicsTick");
      tick.advance(number, number * 16_000_000L, 0);
      publisher.accept(tick);
      if (outbox.frame == null) {
        continue;
      }
      decoder.apply(outbox.frame);
      if (decoder.last().baseline() > 0) {
        updates.read(decoder.stores(), outbox.frame);
        frameBytes += outbox.frame.length;
        deltas++;
      }
      client.acknowledge(decoder.last().tick());
      outbox.frame = null;
    }

    assertThat(deltas).as("delta frames").isGreaterThan(10);
    assertThat(updates.updates).as("every player updated in every delta").isEqualTo((long) PLAYERS * deltas);
    assertThat(updates.negativeDifferences).isZero();
    assertThat(updates.handleBytes).as("one byte per handle").isEqualTo(updates.updates);
    assertThat(updates.maskBytes).as("one mask per section").isEqualTo(deltas);
    // v2: handles 0-127 in a byte, 128-399 in two, and a mask byte on each: 2.68 bytes an update.
    assertThat(updates.v2HandleAndMaskBytes).isEqualTo((long) (128 + 272 * 2 + 400) * deltas);
    double saved = (double) (updates.v2HandleAndMaskBytes - updates.handleBytes - updates.maskBytes) / updates.updates;
    assertThat(saved).as("bytes saved per update against v2").isGreaterThan(1.6);
    System.out.printf("%d deltas, %.2f bytes per update (whole frame), %.3f saved per update against v2%n",
        deltas, (double) frameBytes / updates.updates, saved);
  }

  /** A binary client whose socket takes every frame at once; keeps the last frame's bytes. */
  static final class Recording implements SnapshotOutbox {
    final String userId;
    byte[] frame;

    Recording(String userId) {
      this.userId = userId;
    }

    @Override
    public String userId() {
      return userId;
    }

    @Override
    public SnapshotFormat format() {
      return SnapshotFormat.BINARY;
    }

    @Override
    public boolean mayWrite() {
      return true;
    }

    @Override
    public boolean snapshotInFlight() {
      return false;
    }

    @Override
    public int framesInFlight() {
      return 0;
    }

    @Override
    public int queuedSinceFlush() {
      return 0;
    }

    @Override
    public void prepareSnapshot(long tick, long ack, SharedBody body) {}

    @Override
    public void prepareOwnFrame(ByteBuffer frame, boolean binary) {
      this.frame = Arrays.copyOfRange(frame.array(), frame.arrayOffset() + frame.position(), frame.arrayOffset() + frame.limit());
    }

    @Override
    public void handToFlusher() {}

    @Override
    public void close(int code, String reason) {}
  }
}
