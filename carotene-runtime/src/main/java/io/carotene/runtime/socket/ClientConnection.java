package io.carotene.runtime.socket;

import io.carotene.runtime.Session;
import io.carotene.runtime.limit.TokenBucket;
import io.carotene.runtime.snapshot.SharedBody;
import io.carotene.runtime.snapshot.SnapshotFormat;
import io.carotene.runtime.snapshot.SnapshotOutbox;
import io.carotene.runtime.wire.CloseCodes;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.IoUtils;

/**
 * One connected client's IO side: its session, its rate limit, and its outbox of frames. Every
 * send is handed to the connection's IO thread, so the world thread never writes to a socket;
 * frames not yet written are counted, which is how a client that cannot keep up is noticed. What
 * the world thread remembers of the client's snapshots is its {@code Subscriber}, in the snapshot
 * package.
 */
public final class ClientConnection implements SnapshotOutbox {
  /** Seconds a closing connection waits for the client's close frame before the socket is cut. */
  private static final long CLOSE_GRACE_SECONDS = 5;

  /**
   * A client with this many frames (replies, errors) not yet taken by its socket is closed with
   * 1008: one that sends calls but does not read the answers cannot make the server buffer
   * without bound.
   */
  static final int MAX_UNWRITTEN_FRAMES = 1024;

  private final WebSocketChannel channel;
  private final Session session;
  private final TokenBucket bucket;
  /** Calls handed to the world and not yet answered. */
  private final AtomicInteger pendingCalls = new AtomicInteger();
  /** Frames handed to the IO thread and not yet written to the socket. */
  private final AtomicInteger framesInFlight = new AtomicInteger();
  private final AtomicBoolean snapshotInFlight = new AtomicBoolean();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  /** This client's snapshot frame, reused from tick to tick; IO thread only. */
  private ByteBuffer snapshotFrame;

  private final AtomicBoolean closing = new AtomicBoolean();

  /** Set when the connection closed or this server began closing it. */
  private volatile boolean ended;

  /** {@code replies=errors}: successful calls without a value are acknowledged by snapshots only. */
  private final boolean errorRepliesOnly;

  /** How this client receives snapshots, chosen at the handshake. */
  private final SnapshotFormat format;

  // ---- frames the world thread prepared, written by the IO thread in one flush ----
  private final IoFlusher flusher;
  /** Replies to calls the world ran, oldest first; the world thread adds, the IO thread drains. */
  private final Queue<ByteBuffer> outbox = new ConcurrentLinkedQueue<>();
  /** World thread only. */
  private int queuedSinceFlush;
  /** Whether this client is in its flusher's next batch; the flusher's lock guards setting it. */
  private volatile boolean inBatch;
  private volatile ByteBuffer pendingOwnFrame;
  private boolean pendingOwnBinary;
  private volatile SharedBody pendingBody;
  private long pendingTick;
  private long pendingAck;

  ClientConnection(WebSocketChannel channel, Session session, TokenBucket bucket, SnapshotFormat format,
      boolean errorRepliesOnly, IoFlusher flusher) {
    this.errorRepliesOnly = errorRepliesOnly;
    this.flusher = flusher;
    this.format = format;
    this.channel = channel;
    this.session = session;
    this.bucket = bucket;
    channel.addCloseTask(ch -> {
      ended = true;
      closed.complete(null);
    });
  }

  public Session session() {
    return session;
  }

  @Override
  public String userId() {
    return session.userId();
  }

  @Override
  public SnapshotFormat format() {
    return format;
  }

  /** {@code replies=errors}: successful calls without a value are acknowledged by snapshots only. */
  boolean errorRepliesOnly() {
    return errorRepliesOnly;
  }

  /** IO thread: takes one call's worth from the rate limit; false when the client is over it. */
  boolean tryAcquireCall() {
    return bucket.tryAcquire();
  }

  /** IO thread: one more call waits for the world; false (and not counted) when {@code max} already do. */
  boolean startCall(int max) {
    if (pendingCalls.incrementAndGet() > max) {
      pendingCalls.decrementAndGet();
      return false;
    }
    return true;
  }

  /** World thread: a call started with {@link #startCall} was answered. */
  void endCall() {
    pendingCalls.decrementAndGet();
  }

  /** World thread (the flusher's staging): true if this client was not already in its flusher's next batch. */
  boolean joinBatch() {
    if (inBatch) {
      return false;
    }
    inBatch = true;
    return true;
  }

  /** Nothing prepared will be written (the IO thread is gone): leaves the batch, releases it. */
  void discardBatch() {
    inBatch = false;
    dropPending();
  }

  /** IO thread: writing failed; nothing prepared will be written, and the socket is cut. */
  void abort() {
    discardBatch();
    IoUtils.safeClose(channel);
  }

  @Override
  public int framesInFlight() {
    return framesInFlight.get();
  }

  @Override
  public boolean snapshotInFlight() {
    return snapshotInFlight.get();
  }

  @Override
  public int queuedSinceFlush() {
    return queuedSinceFlush;
  }

  /**
   * World thread: the JSON snapshot of {@code tick} whose stores' part is the shared {@code body};
   * the IO thread puts it behind this client's {@code tick}/{@code ack} prefix when it writes the
   * client's frames ({@link #flushSoon()}). Never blocks.
   */
  @Override
  public void prepareSnapshot(long tick, long ack, SharedBody body) {
    snapshotInFlight.set(true);
    body.retain();
    pendingTick = tick;
    pendingAck = ack;
    pendingBody = body; // volatile: publishes tick and ack
  }

  /**
   * World thread: the snapshot {@code frame}, assembled for this client alone in its subscriber's
   * buffer, which the world thread does not touch again until {@link #snapshotInFlight()} is
   * false. Written with the client's next flush. Never blocks.
   */
  @Override
  public void prepareOwnFrame(ByteBuffer frame, boolean binary) {
    snapshotInFlight.set(true);
    pendingOwnBinary = binary;
    pendingOwnFrame = frame; // volatile: publishes the frame's content and pendingOwnBinary
  }

  /**
   * World thread: a reply to a call the world ran, written before this client's next snapshot, in
   * the same socket write. A client that lets {@link #MAX_UNWRITTEN_FRAMES} frames pile up is
   * closed instead.
   */
  void queueReply(String json) {
    if (enqueue(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)))) {
      queuedSinceFlush++;
    }
  }

  /**
   * Adds a text frame to the outbox, counted as unwritten until its batch is written; false (and
   * the client is closed, 1008) when {@link #MAX_UNWRITTEN_FRAMES} frames are already waiting.
   */
  private boolean enqueue(ByteBuffer utf8) {
    if (!isOpen()) {
      return false;
    }
    if (framesInFlight.get() >= MAX_UNWRITTEN_FRAMES) {
      close(CloseCodes.POLICY_VIOLATION, "Too slow: " + MAX_UNWRITTEN_FRAMES + " frames not read; read your replies");
      return false;
    }
    framesInFlight.incrementAndGet();
    outbox.add(utf8);
    return true;
  }

  /**
   * World thread: this client's prepared frames go to its IO thread with the next {@link
   * IoFlusher#schedule()}; call that (or {@link #flushSoon()}) once every client is prepared.
   */
  @Override
  public void handToFlusher() {
    queuedSinceFlush = 0;
    flusher.add(this);
  }

  /** World thread: hands this client's prepared frames to its IO thread now. */
  void flushSoon() {
    handToFlusher();
    flusher.schedule();
  }

  /**
   * IO thread: writes the queued replies, then the prepared snapshot, as WebSocket frames in one
   * socket write: the channel holds them until the one explicit flush at the end.
   */
  void flushOnIoThread() {
    inBatch = false;
    if (!isOpen()) {
      ended = true; // Undertow may have sent a close frame itself: the world stops preparing frames
      dropPending();
      return;
    }
    ByteBuffer own = pendingOwnFrame;
    pendingOwnFrame = null;
    SharedBody body = pendingBody;
    pendingBody = null;
    ByteBuffer snapshot = own;
    boolean binary = own != null && pendingOwnBinary;
    if (body != null) {
      try {
        snapshot = body.writeFrame(snapshotFrame, pendingTick, pendingAck);
        snapshotFrame = snapshot;
      } finally {
        body.release();
      }
    }
    channel.setRequireExplicitFlush(true);
    try {
      // Frames of one channel are written in order: only the batch's last frame reports back, for
      // the whole batch.
      int replies = 0;
      ByteBuffer reply = outbox.poll();
      while (reply != null) {
        ByteBuffer next = outbox.poll();
        replies++;
        boolean last = next == null && snapshot == null;
        flusher.traffic.sent(reply.remaining());
        WebSockets.sendText(reply, channel, last ? new BatchWritten(replies, false) : null);
        reply = next;
      }
      if (snapshot != null) {
        BatchWritten written = new BatchWritten(replies, true);
        flusher.traffic.sent(snapshot.remaining());
        if (binary) {
          WebSockets.sendBinary(snapshot, channel, written);
        } else {
          WebSockets.sendText(snapshot, channel, written);
        }
      }
    } finally {
      channel.setRequireExplicitFlush(false);
      channel.flush();
    }
  }

  /** The last frame of a batch is written (or failed): so are the batch's replies and snapshot. */
  private final class BatchWritten implements WebSocketCallback<Void> {
    private final int replies;
    private final boolean snapshot;

    BatchWritten(int replies, boolean snapshot) {
      this.replies = replies;
      this.snapshot = snapshot;
    }

    @Override
    public void complete(WebSocketChannel channel, Void context) {
      done();
    }

    @Override
    public void onError(WebSocketChannel channel, Void context, Throwable throwable) {
      done();
      IoUtils.safeClose(channel);
    }

    private void done() {
      framesInFlight.addAndGet(-replies);
      if (snapshot) {
        snapshotInFlight.set(false);
      }
    }
  }

  /** Nothing prepared will be written (the connection or its IO thread is gone): releases it. */
  void dropPending() {
    while (outbox.poll() != null) {
      framesInFlight.decrementAndGet();
    }
    SharedBody body = pendingBody;
    pendingBody = null;
    if (body != null) {
      body.release();
    }
    ByteBuffer own = pendingOwnFrame;
    pendingOwnFrame = null;
    if (own != null || body != null) {
      // Only a snapshot that was never handed to Undertow is released here; one already queued
      // keeps its buffer until its write completes (or fails), which clears the flag itself.
      snapshotInFlight.set(false);
    }
  }

  boolean isOpen() {
    return channel.isOpen() && !channel.isCloseFrameSent();
  }

  /**
   * For the world thread's per-tick pass over every client: false once the connection closed or
   * this server started closing it. Cheaper than {@link #isOpen()} (one field, not the channel's
   * state); a close frame Undertow sends by itself shows only in {@link #isOpen()}, which the IO
   * thread checks before writing.
   */
  @Override
  public boolean mayWrite() {
    return !ended;
  }

  public CompletableFuture<Void> closed() {
    return closed;
  }

  /** IO thread: sends a frame of its own (an error, the schema) now, through the outbox. */
  void send(String text) {
    send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** IO thread: sends a text frame (UTF-8 bytes) now, after the replies already queued. */
  void send(ByteBuffer utf8) {
    if (enqueue(utf8)) {
      flushOnIoThread();
    }
  }

  /**
   * Sends a close frame with {@code code} and cuts the socket if the client has not answered it
   * within a few seconds. Safe from any thread.
   */
  @Override
  public void close(int code, String reason) {
    if (!closing.compareAndSet(false, true)) {
      return; // already closing: one close frame, one cut timer
    }
    try {
      channel.getIoThread().execute(() -> closeOnIoThread(code, reason));
    } catch (RejectedExecutionException e) {
      IoUtils.safeClose(channel);
    }
  }

  void closeOnIoThread(int code, String reason) {
    ended = true;
    if (!channel.isOpen()) {
      return;
    }
    if (!channel.isCloseFrameSent()) {
      WebSockets.sendClose(code, reason, channel, null);
    }
    cutLater();
  }

  /** The close frame is out; a client that never answers it does not keep the socket. */
  void cutLater() {
    channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
  }
}
