package io.carotene.runtime.server;

import io.carotene.runtime.Session;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.xnio.IoUtils;

/**
 * One connected client: its session, its rate limit, the seq of its last call the world ran, and
 * its outgoing frames. Every send is handed to the connection's IO thread, so the world thread
 * never writes to a socket; frames not yet written are counted, which is how a client that cannot
 * keep up is noticed.
 */
final class ClientConnection {
  /** Seconds a closing connection waits for the client's close frame before the socket is cut. */
  private static final long CLOSE_GRACE_SECONDS = 5;

  /**
   * A client with this many frames (replies, errors) not yet taken by its socket is closed with
   * 1008: one that sends calls but does not read the answers cannot make the server buffer
   * without bound.
   */
  static final int MAX_UNWRITTEN_FRAMES = 1024;

  static final int CLOSE_TOO_SLOW = 1008;

  final WebSocketChannel channel;
  final Session session;
  final TokenBucket bucket;
  /** Calls handed to the world and not yet answered. */
  final AtomicInteger pendingCalls = new AtomicInteger();
  /** Frames handed to the IO thread and not yet written to the socket. */
  private final AtomicInteger framesInFlight = new AtomicInteger();
  private final AtomicBoolean snapshotInFlight = new AtomicBoolean();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  /** This client's snapshot frame, reused from tick to tick; IO thread only. */
  private ByteBuffer snapshotFrame;
  private final WebSocketCallback<Void> snapshotSent =
      new WebSocketCallback<>() {
        @Override
        public void complete(WebSocketChannel channel, Void context) {
          snapshotInFlight.set(false);
        }

        @Override
        public void onError(WebSocketChannel channel, Void context, Throwable throwable) {
          snapshotInFlight.set(false);
          IoUtils.safeClose(channel);
        }
      };
  private final WebSocketCallback<Void> sent =
      new WebSocketCallback<>() {
        @Override
        public void complete(WebSocketChannel channel, Void context) {
          framesInFlight.decrementAndGet();
        }

        @Override
        public void onError(WebSocketChannel channel, Void context, Throwable throwable) {
          framesInFlight.decrementAndGet();
          IoUtils.safeClose(channel);
        }
      };

  /** How this client receives snapshots, chosen at the handshake. */
  final SnapshotFormat format;
  /**
   * The tick of the last binary snapshot the client acknowledged applying (0: none, send a full
   * one). Written by the IO thread as ack frames arrive, read by the world thread.
   */
  volatile long ackedTick;
  /** What the world thread remembers of this client's snapshots; set when it joins the publisher. */
  ClientView view;
  private ByteBuffer ownFrame;
  private boolean ownFrameBinary;
  private final Runnable sendOwnFrame = this::sendOwnFrameOnIoThread;

  /** The seq of the last call the world ran for this client; world thread only. */
  long lastAppliedSeq;
  /** Snapshots skipped in a row because frames were still waiting; world thread only. */
  int skippedSnapshots;

  ClientConnection(WebSocketChannel channel, Session session, TokenBucket bucket) {
    this(channel, session, bucket, SnapshotFormat.JSON);
  }

  ClientConnection(WebSocketChannel channel, Session session, TokenBucket bucket, SnapshotFormat format) {
    this.format = format;
    this.channel = channel;
    this.session = session;
    this.bucket = bucket;
    channel.addCloseTask(ch -> closed.complete(null));
  }

  int framesInFlight() {
    return framesInFlight.get();
  }

  /** Whether the last snapshot is not yet written to the socket. */
  boolean snapshotInFlight() {
    return snapshotInFlight.get();
  }

  /**
   * World thread: hands a snapshot to the IO thread, which writes it into this client's reused
   * frame buffer and sends it. Never blocks.
   */
  void sendSnapshot(long tick, long ack, SharedBody body) {
    snapshotInFlight.set(true);
    body.retain();
    try {
      channel.getIoThread().execute(() -> {
        ByteBuffer frame;
        try {
          if (!channel.isOpen() || channel.isCloseFrameSent()) {
            snapshotInFlight.set(false);
            return;
          }
          frame = body.writeFrame(snapshotFrame, tick, ack);
          snapshotFrame = frame;
        } finally {
          body.release();
        }
        WebSockets.sendText(frame, channel, snapshotSent);
      });
    } catch (RejectedExecutionException e) {
      body.release();
      snapshotInFlight.set(false);
    }
  }

  /**
   * World thread: sends {@code frame}, which the world thread assembled for this client alone in
   * its {@link ClientView} buffer, and does not touch again until {@link #snapshotInFlight()} is
   * false. Never blocks.
   */
  void sendOwnFrame(ByteBuffer frame, boolean binary) {
    snapshotInFlight.set(true);
    ownFrame = frame;
    ownFrameBinary = binary;
    try {
      channel.getIoThread().execute(sendOwnFrame);
    } catch (RejectedExecutionException e) {
      snapshotInFlight.set(false);
    }
  }

  private void sendOwnFrameOnIoThread() {
    if (!channel.isOpen() || channel.isCloseFrameSent()) {
      snapshotInFlight.set(false);
      return;
    }
    if (ownFrameBinary) {
      WebSockets.sendBinary(ownFrame, channel, snapshotSent);
    } else {
      WebSockets.sendText(ownFrame, channel, snapshotSent);
    }
  }

  boolean isOpen() {
    return channel.isOpen() && !channel.isCloseFrameSent();
  }

  CompletableFuture<Void> closed() {
    return closed;
  }

  /** Queues a reply; replies are never skipped. */
  void send(String text) {
    send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Queues a text frame (UTF-8 bytes) on the IO thread; never blocks. */
  void send(ByteBuffer utf8) {
    send(() -> utf8);
  }

  /**
   * Queues a text frame that {@code frame} assembles on the IO thread (UTF-8 bytes); never blocks.
   * Counted as in flight from now until the socket has taken it.
   */
  void send(Supplier<ByteBuffer> frame) {
    if (!channel.isOpen() || channel.isCloseFrameSent()) {
      return;
    }
    if (framesInFlight.get() >= MAX_UNWRITTEN_FRAMES) {
      close(CLOSE_TOO_SLOW, "Too slow: " + MAX_UNWRITTEN_FRAMES + " frames not read; read your replies");
      return;
    }
    framesInFlight.incrementAndGet();
    try {
      channel.getIoThread().execute(() -> {
        if (channel.isOpen() && !channel.isCloseFrameSent()) {
          WebSockets.sendText(frame.get(), channel, sent);
        } else {
          framesInFlight.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException e) {
      framesInFlight.decrementAndGet();
    }
  }

  /**
   * Sends a close frame with {@code code} and cuts the socket if the client has not answered it
   * within a few seconds. Safe from any thread.
   */
  void close(int code, String reason) {
    try {
      channel.getIoThread().execute(() -> closeOnIoThread(code, reason));
    } catch (RejectedExecutionException e) {
      IoUtils.safeClose(channel);
    }
  }

  void closeOnIoThread(int code, String reason) {
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
