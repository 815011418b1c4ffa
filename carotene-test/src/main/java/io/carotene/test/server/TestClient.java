package io.carotene.test.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A game client over a real WebSocket (the JDK's), speaking the Carotene protocol: calls with
 * their {@code seq}, replies, snapshots and close codes. Waits fail with an {@link AssertionError}
 * after a generous timeout rather than hang a build; they never assert on time.
 */
public final class TestClient implements AutoCloseable {
  private final WebSocket socket;
  private final FrameListener listener;
  private final List<Reply> unclaimed = new ArrayList<>();
  private long nextSeq = 1;

  private TestClient(WebSocket socket, FrameListener listener) {
    this.socket = socket;
    this.listener = listener;
  }

  static TestClient connect(URI uri, String token, boolean inQuery) {
    try {
      return open(uri, token, inQuery);
    } catch (ExecutionException e) {
      throw new AssertionError("The WebSocket handshake failed", e.getCause());
    }
  }

  static TestClient open(URI uri, String token, boolean inQuery) throws ExecutionException {
    return open(uri, token, inQuery, null, null);
  }

  /** {@code format}: the {@code format} query parameter, or null; {@code subprotocol}: offered, or null. */
  static TestClient open(URI uri, String token, boolean inQuery, String format, String subprotocol) throws ExecutionException {
    FrameListener listener = new FrameListener();
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TestServer.TIMEOUT);
    if (subprotocol != null) {
      builder.subprotocols(subprotocol);
    }
    String query = format == null ? "" : "format=" + URLEncoder.encode(format, StandardCharsets.UTF_8);
    if (token != null && inQuery) {
      query = (query.isEmpty() ? "" : query + "&") + "access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
    URI target = query.isEmpty() ? uri : URI.create(uri + "?" + query);
    if (token != null && !inQuery) {
      builder.header("Authorization", "Bearer " + token);
    }
    try {
      WebSocket socket = builder.buildAsync(target, listener).get(TestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new TestClient(socket, listener);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    } catch (TimeoutException e) {
      throw new AssertionError("The WebSocket handshake did not finish", e);
    }
  }

  /** The seq of the next call: a reconnected client goes on from where its last connection was. */
  public void continueFromSeq(long lastSeq) {
    nextSeq = lastSeq + 1;
  }

  /** Sends a call with the next seq and returns that seq; the reply comes later. */
  public long send(String operation, Object args) {
    long seq = nextSeq++;
    try {
      sendText(TestServer.JSON.writeValueAsString(new Call(operation, seq, args)));
    } catch (IOException e) {
      throw new AssertionError("Could not encode the call", e);
    }
    return seq;
  }

  /**
   * Sends a binary call (PROTOCOL.md, section 3) with the next seq and returns that seq: {@code
   * op} is the operation's index in the schema's {@code operations}, {@code ack} a snapshot tick
   * or -1, {@code args} the arguments in their raw layout (see {@link #binaryArgs(int)}).
   */
  public long sendBinaryCall(int op, long ack, byte[] args) {
    long seq = nextSeq++;
    sendBinary(binaryCall(seq, ack, op, args));
    return seq;
  }

  /** A binary call frame: 0x03, seq, ack (i64 each), op (u16), then {@code args}, little-endian. */
  public static byte[] binaryCall(long seq, long ack, int op, byte[] args) {
    return ByteBuffer.allocate(19 + args.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 0x03)
        .putLong(seq)
        .putLong(ack)
        .putShort((short) op)
        .put(args)
        .array();
  }

  /** A little-endian buffer of {@code size} bytes to write a binary call's arguments into. */
  public static ByteBuffer binaryArgs(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Sends a call and waits for its reply. */
  public Reply call(String operation, Object args) {
    return awaitReply(send(operation, args));
  }

  /** Sends {@code text} as one text frame, as it is: for malformed frames. */
  public void sendText(String text) {
    join(socket.sendText(text, true));
  }

  /** Waits for the reply whose {@code re} is {@code seq}. */
  public Reply awaitReply(long seq) {
    return awaitReplyMatching(reply -> reply.re() != null && reply.re() == seq, "the reply to seq " + seq);
  }

  /** Waits for the next reply not yet claimed (a frame with {@code re}), whatever its seq. */
  public Reply nextReply() {
    return awaitReplyMatching(reply -> true, "a reply");
  }

  private Reply awaitReplyMatching(Predicate<Reply> wanted, String what) {
    for (Iterator<Reply> waiting = unclaimed.iterator(); waiting.hasNext(); ) {
      Reply reply = waiting.next();
      if (wanted.test(reply)) {
        waiting.remove();
        return reply;
      }
    }
    long deadline = System.nanoTime() + TestServer.TIMEOUT.toNanos();
    while (true) {
      Reply reply = new Reply(poll(listener.replies, deadline, what));
      if (wanted.test(reply)) {
        return reply;
      }
      unclaimed.add(reply); // replies may arrive out of order; another wait claims it
    }
  }

  /** Waits for the next snapshot. */
  public JsonNode nextSnapshot() {
    return awaitSnapshot(snapshot -> true);
  }

  /** Waits for a snapshot that satisfies {@code wanted}; earlier ones are dropped. */
  public JsonNode awaitSnapshot(Predicate<JsonNode> wanted) {
    long deadline = System.nanoTime() + TestServer.TIMEOUT.toNanos();
    while (true) {
      JsonNode snapshot = poll(listener.snapshots, deadline, "a matching snapshot");
      if (wanted.test(snapshot)) {
        return snapshot;
      }
    }
  }

  /** Drops every snapshot received so far. */
  public void clearSnapshots() {
    listener.snapshots.clear();
    listener.binarySnapshots.clear();
  }

  /** The subprotocol the server selected, or "" when none. */
  public String subprotocol() {
    return socket.getSubprotocol();
  }

  /** Waits for the schema frame a binary connection receives first. */
  public JsonNode schema() {
    try {
      return listener.schema.get(TestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("No schema frame arrived", e);
    }
  }

  /** Waits for the next binary snapshot frame. */
  public byte[] nextBinarySnapshot() {
    listener.failIfUnreadable();
    try {
      byte[] frame = listener.binarySnapshots.poll(TestServer.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
      listener.failIfUnreadable();
      if (frame == null) {
        throw new AssertionError("Timed out waiting for a binary snapshot");
      }
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
  }

  /** Binary snapshots received and not yet taken. */
  public int binarySnapshotsWaiting() {
    return listener.binarySnapshots.size();
  }

  /** Replies received and not yet claimed by an await. */
  public int repliesWaiting() {
    return unclaimed.size() + listener.replies.size();
  }

  /** Acknowledges the binary snapshot of {@code tick} (0: ask for a full one). */
  public void ack(long tick) {
    sendBinary(ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x02).putLong(tick).array());
  }

  /** Sends {@code bytes} as one binary frame, as they are. */
  public void sendBinary(byte[] bytes) {
    join(socket.sendBinary(ByteBuffer.wrap(bytes), true));
  }

  /** Waits for the server's close frame. */
  public CloseStatus awaitClose() {
    try {
      return listener.closed.get(TestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    } catch (ExecutionException e) {
      throw new AssertionError("The connection failed instead of closing", e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("The server did not close the connection");
    }
  }

  /**
   * Stops reading frames from the socket, as a client on a bad network or a frozen tab would: the
   * server's frames pile up in the socket until the server notices.
   */
  public void stopReading() {
    listener.paused = true;
  }

  /** Reads frames again after {@link #stopReading()}. */
  public void resumeReading() {
    listener.paused = false;
    if (listener.owed.getAndSet(false)) {
      socket.request(1);
    }
  }

  /** Whether the server has closed the connection. */
  public boolean isClosed() {
    return listener.closed.isDone();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      try {
        // Sent before the socket is cut, so that the server sees a goodbye, not a drop.
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // the connection is already gone: nothing to say goodbye on
      }
    }
    socket.abort();
  }

  /** Cuts the connection without a close frame, as a lost network does. */
  public void drop() {
    socket.abort();
  }

  private JsonNode poll(BlockingQueue<JsonNode> queue, long deadline, String what) {
    listener.failIfUnreadable();
    try {
      JsonNode frame = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      listener.failIfUnreadable();
      if (frame == null) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get(TestServer.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("Sending failed", e);
    }
  }

  /** A call frame as the protocol spells it. */
  record Call(String op, long seq, Object args) {}

  /** The server's close frame. */
  public record CloseStatus(int code, String reason) {}

  /**
   * One reply frame: {@code {"re":7,"ok":true}} (with {@code "result":…} when the handler returned
   * a value) or {@code {"re":7,"error":{...}}}.
   */
  public record Reply(JsonNode frame) {
    /** The seq it answers, or null when the server could not read one. */
    public Long re() {
      JsonNode re = frame.get("re");
      return re == null || re.isNull() ? null : re.longValue();
    }

    public boolean isOk() {
      return frame.path("ok").asBoolean(false);
    }

    /** The handler's returned value, or null when it returned none (or failed). */
    public JsonNode result() {
      return frame.get("result");
    }

    /** The error code ({@code REJECTED}, …), or null on success. */
    public String code() {
      JsonNode code = frame.path("error").get("code");
      return code == null ? null : code.asText();
    }

    /** The error message, or null on success. */
    public String message() {
      JsonNode message = frame.path("error").get("message");
      return message == null ? null : message.asText();
    }

    @Override
    public String toString() {
      return frame.toString();
    }
  }
}
