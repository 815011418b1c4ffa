package io.carotene.test.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a {@link TestClient} receives, sorted as it arrives: replies, JSON and binary snapshots, the
 * schema, the close frame. A text frame that is not JSON is kept as the failure every later wait
 * reports at once.
 */
final class FrameListener implements WebSocket.Listener {
  static final int MAX_KEPT_SNAPSHOTS = 600;
  final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
  final BlockingQueue<JsonNode> snapshots = new LinkedBlockingQueue<>();
  final BlockingQueue<byte[]> binarySnapshots = new LinkedBlockingQueue<>();
  final CompletableFuture<JsonNode> schema = new CompletableFuture<>();
  private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
  final CompletableFuture<TestClient.CloseStatus> closed = new CompletableFuture<>();
  final AtomicBoolean owed = new AtomicBoolean();
  volatile boolean paused;
  private final StringBuilder partial = new StringBuilder();
  /** Set when the server sent a text frame that is not JSON: every wait then fails with it. */
  private volatile AssertionError unreadable;
  /** Wakes a wait blocked on a queue when a frame could not be read. */
  private static final JsonNode UNREADABLE = TestServer.JSON.createObjectNode();

  void failIfUnreadable() {
    AssertionError error = unreadable;
    if (error != null) {
      throw new AssertionError(error.getMessage(), error);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      try {
        JsonNode frame = TestServer.JSON.readTree(text);
        if ("snapshot".equals(frame.path("type").asText())) {
          if (snapshots.size() >= MAX_KEPT_SNAPSHOTS) {
            snapshots.poll(); // a test that never reads snapshots does not fill the heap
          }
          snapshots.add(frame);
        } else if ("schema".equals(frame.path("type").asText())) {
          schema.complete(frame);
        } else {
          replies.add(frame);
        }
      } catch (JsonProcessingException e) {
        AssertionError error = new AssertionError("The server sent a frame that is not JSON (" + e.getOriginalMessage() + "): " + text);
        if (unreadable == null) {
          unreadable = error;
        }
        schema.completeExceptionally(error);
        closed.completeExceptionally(error);
        replies.add(UNREADABLE);
        snapshots.add(UNREADABLE);
        binarySnapshots.add(new byte[0]);
      }
    }
    if (paused) {
      owed.set(true);
    } else {
      socket.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
    byte[] chunk = new byte[data.remaining()];
    data.get(chunk);
    partialBinary.write(chunk, 0, chunk.length);
    if (last) {
      if (binarySnapshots.size() >= MAX_KEPT_SNAPSHOTS) {
        binarySnapshots.poll();
      }
      binarySnapshots.add(partialBinary.toByteArray());
      partialBinary.reset();
    }
    if (paused) {
      owed.set(true);
    } else {
      socket.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
    closed.complete(new TestClient.CloseStatus(statusCode, reason));
    return null;
  }

  @Override
  public void onError(WebSocket socket, Throwable error) {
    closed.completeExceptionally(error);
  }
}
