package io.carotene.runtime.socket;

import io.carotene.runtime.CallResult;
import io.carotene.runtime.Clock;
import io.carotene.runtime.ErrorCode;
import io.carotene.runtime.Session;
import io.carotene.runtime.limit.RateLimit;
import io.carotene.runtime.limit.TokenBucket;
import io.carotene.runtime.snapshot.SnapshotFormat;
import io.carotene.runtime.snapshot.SnapshotPublisher;
import io.carotene.runtime.snapshot.Subscriber;
import io.carotene.runtime.wire.CloseCodes;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.runtime.world.WorldThread;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketFrameType;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.protocol.Handshake;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xnio.IoUtils;

/**
 * The game's WebSocket endpoint. The handshake has already been authenticated ({@link
 * HandshakeAuthHandler} attached the session). On the IO thread each text frame (and, on a binary
 * connection, each binary call frame) is rate limited, parsed and decoded; a good call goes to the world thread, which runs it, records its seq as the
 * client's ack and sends the reply.
 */
public final class GameSocket implements WebSocketConnectionCallback {
  /** Where the handshake handler leaves the verified session. */
  static final AttachmentKey<Session> SESSION = AttachmentKey.create(Session.class);

  /** Where the handshake handler leaves the format the query string asked for, if any. */
  static final AttachmentKey<SnapshotFormat> FORMAT = AttachmentKey.create(SnapshotFormat.class);

  /**
   * Whether the handshake asked for {@code replies=errors}: a call that succeeds without a value
   * gets no reply frame; the snapshot whose {@code ack} covers it says it ran (PROTOCOL.md §3).
   */
  static final AttachmentKey<Boolean> ERROR_REPLIES_ONLY = AttachmentKey.create(Boolean.class);

  /** When the handshake's token expires; the connection is closed then (1008). */
  static final AttachmentKey<Instant> EXPIRES_AT = AttachmentKey.create(Instant.class);

  /** What the handshake redeemed for the connection (a room's seat), handed to the {@link SeatKeeper}. */
  public static final AttachmentKey<Object> SEAT_TICKET = AttachmentKey.create(Object.class);

  /** The first byte of a client's ack frame (PROTOCOL.md, section 5). */
  static final byte FRAME_ACK = 0x02;

  /** An ack frame's length: its type and a tick. */
  static final int ACK_FRAME_BYTES = 9;

  /** The first byte of a binary call frame (PROTOCOL.md, section 3). */
  static final byte FRAME_CALL = CallReader.FRAME_CALL;

  /** Calls of one client waiting for the world; more are answered RATE_LIMITED. */
  static final int MAX_PENDING_CALLS = 64;

  private static final Logger LOG = Logger.getLogger(GameSocket.class.getName());

  private final WorldThread worldThread;
  private final DomainWorld world;
  private final SnapshotPublisher snapshots;
  private final CallReader reader;
  private final RateLimit rateLimit;
  private final int maxFrameBytes;
  private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
  private final IoFlusher.Registry flushers;
  private volatile boolean accepting = true;
  private final SeatKeeper seats;
  private final Traffic traffic;
  private final CallRefusals refusals;

  public GameSocket(WorldThread worldThread, SnapshotPublisher snapshots, RateLimit rateLimit, int maxFrameBytes) {
    this(worldThread, snapshots, rateLimit, maxFrameBytes, SeatKeeper.OPEN, new Traffic());
  }

  /** A socket whose connections {@code seats} admits and is told about when they close; counted in {@code traffic}. */
  public GameSocket(WorldThread worldThread, SnapshotPublisher snapshots, RateLimit rateLimit, int maxFrameBytes,
      SeatKeeper seats, Traffic traffic) {
    this.seats = seats;
    this.traffic = traffic;
    this.flushers = new IoFlusher.Registry(traffic);
    snapshots.flushWith(flushers::scheduleAll);
    this.worldThread = worldThread;
    this.world = worldThread.world();
    this.snapshots = snapshots;
    this.reader = new CallReader(world);
    this.rateLimit = rateLimit;
    this.maxFrameBytes = maxFrameBytes;
    this.refusals = new CallRefusals(worldThread, traffic, rateLimit);
  }

  @Override
  public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
    Session session = exchange.getAttachment(SESSION);
    if (session == null || !accepting) {
      // Unreachable through the handshake handler; refuse rather than serve an unknown caller.
      IoUtils.safeClose(channel);
      return;
    }
    SnapshotFormat format = exchange.getAttachment(FORMAT);
    if (format == null) {
      SnapshotFormat chosen = SnapshotFormat.ofSubprotocol(channel.getSubProtocol());
      format = chosen != null ? chosen : SnapshotFormat.JSON;
    }
    ClientConnection client = new ClientConnection(channel, session, new TokenBucket(rateLimit, Clock.system()), format,
        Boolean.TRUE.equals(exchange.getAttachment(ERROR_REPLIES_ONLY)), flushers.of(channel.getIoThread()));
    Subscriber subscriber = snapshots.subscriber(client);
    open.add(client);
    if (format == SnapshotFormat.BINARY) {
      client.send(snapshots.schemaJson()); // queued before any snapshot can be
    }
    Object ticket = exchange.getAttachment(SEAT_TICKET);
    channel.addCloseTask(ch -> {
      open.remove(client);
      boolean goodbye = ch.isCloseInitiatedByRemotePeer(); // a close frame came first (EOF alone also marks one "received")
      worldThread.execute(() -> {
        snapshots.remove(subscriber);
        seats.closed(client, subscriber, goodbye);
      });
    });
    worldThread.execute(() -> {
      if (client.isOpen() && seats.admit(client, subscriber, ticket)) {
        snapshots.add(subscriber);
      }
    });
    TokenExpiry.closeWhenExpired(exchange.getAttachment(EXPIRES_AT), client, channel);
    channel.getReceiveSetter().set(new Receiver(channel, client, subscriber));
    channel.resumeReceives();
  }

  /**
   * The RFC 6455 handshake for this endpoint: its channels refuse a frame whose header declares an
   * impossible length (1002) or one over {@code maxFrameBytes} (1009) before reading it.
   */
  public Handshake handshake() {
    return handshake(maxFrameBytes);
  }

  /** The handshake of an endpoint whose sockets take frames of up to {@code maxFrameBytes}. */
  public static Handshake handshake(int maxFrameBytes) {
    return new FrameGuardHandshake(
        Set.of(SnapshotFormat.BINARY.subprotocol(), SnapshotFormat.JSON.subprotocol()), maxFrameBytes);
  }

  /** The session the handshake verified for {@code exchange}, or null before it ran. */
  public static Session sessionOf(HttpServerExchange exchange) {
    return exchange.getAttachment(SESSION);
  }

  /** Every connection not yet closed. */
  public Set<ClientConnection> openConnections() {
    return open;
  }

  /** New handshakes are refused from now on. */
  public void stopAccepting() {
    accepting = false;
  }

  /** A text frame's UTF-8 bytes, {@code utf8[offset, offset + length)}; on the IO thread. */
  private void handleText(ClientConnection client, Subscriber subscriber, byte[] utf8, int offset, int length) {
    if (!client.tryAcquireCall()) {
      client.send(refusals.rateLimited(client, CallReader.seqOf(utf8, offset, length)));
      return;
    }
    CallReader.Call call;
    try {
      call = reader.read(utf8, offset, length);
    } catch (CallReader.Refusal refusal) {
      client.send(refusals.refused(client, refusal.seq, refusal.code, refusal.getMessage()));
      return;
    }
    submit(client, subscriber, call);
  }

  /** A binary call frame (little-endian, starting 0x03) of a binary connection; on the IO thread. */
  private void handleBinaryCall(ClientConnection client, Subscriber subscriber, ByteBuffer frame) {
    if (!client.tryAcquireCall()) {
      client.send(refusals.rateLimited(client, CallReader.binarySeqOf(frame)));
      return;
    }
    CallReader.Call call;
    try {
      call = reader.readBinary(frame);
    } catch (CallReader.Refusal refusal) {
      client.send(refusals.refused(client, refusal.seq, refusal.code, refusal.getMessage()));
      return;
    }
    submit(client, subscriber, call);
  }

  /**
   * A binary frame that is neither a call nor a well-formed ack: answered {@code BAD_REQUEST}, and
   * charged to the rate limit like any call (PROTOCOL.md section 6), so a flood of malformed frames
   * is throttled like a flood of calls.
   */
  private void refuseBinaryFrame(ClientConnection client, String message) {
    client.send(client.tryAcquireCall()
        ? refusals.refused(client, null, ErrorCode.BAD_REQUEST, message) : refusals.rateLimited(client, null));
  }

  /** A decoded call, JSON or binary, on its way to the world; on the IO thread. */
  private void submit(ClientConnection client, Subscriber subscriber, CallReader.Call call) {
    if (!client.startCall(MAX_PENDING_CALLS)) {
      client.send(refusals.refused(client, call.seq(), ErrorCode.RATE_LIMITED,
          "Too many calls waiting for the world: at most " + MAX_PENDING_CALLS));
      return; // a refused call's ack is not taken either (PROTOCOL.md section 3)
    }
    if (call.ack() >= 0 && client.format() == SnapshotFormat.BINARY) {
      subscriber.acknowledge(call.ack()); // an ack riding on a call: one frame instead of two
    }
    worldThread.executeSoon(() -> run(client, subscriber, call));
  }

  /** On the world thread. */
  private void run(ClientConnection client, Subscriber subscriber, CallReader.Call call) {
    try {
      CallResult result = world.run(client.session(), call.operation(), call.call(), call.seq());
      subscriber.applied(call.seq());
      if (!(client.errorRepliesOnly() && result.isOk() && result.json() == null)) {
        client.queueReply(traffic.reply(call.seq(), result));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> call.operation().name() + " could not be answered: " + e);
      subscriber.applied(call.seq()); // answered INTERNAL: it reached the world, the ack covers it
      client.queueReply(traffic.error(call.seq(), ErrorCode.INTERNAL, call.operation().name() + " failed on the server"));
    } finally {
      client.endCall();
    }
    if (snapshots.snapshotLoop() == null) {
      client.flushSoon(); // no ticks to ride on: the reply goes now
    }
  }

  private final class Receiver extends AbstractReceiveListener implements MessageReader.Handler {
    private final ClientConnection client;
    private final Subscriber subscriber;
    private final WebSocketChannel channel;
    private final MessageReader messages;

    Receiver(WebSocketChannel channel, ClientConnection client, Subscriber subscriber) {
      this.channel = channel;
      this.client = client;
      this.subscriber = subscriber;
      this.messages = new MessageReader(maxFrameBytes, this);
    }

    /**
     * A text frame is read as its bytes and parsed as UTF-8 JSON directly: decoding it into a
     * String first (what {@code onFullTextMessage} would get) costs as much as parsing it. The
     * channel has already checked that the bytes are UTF-8 (else close 1007).
     */
    @Override
    protected void onText(WebSocketChannel channel, StreamSourceFrameChannel frame) {
      messages.start(frame);
    }

    @Override
    protected void onBinary(WebSocketChannel channel, StreamSourceFrameChannel frame) {
      messages.start(frame);
    }

    /** A whole text or binary message, in the reader's buffer (little-endian) until this returns. */
    @Override
    public void message(WebSocketFrameType type, ByteBuffer bytes) {
      try {
        if (type == WebSocketFrameType.TEXT) {
          handleText(client, subscriber, bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } else {
          handleBinary(bytes);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, () -> "A frame could not be handled: " + e);
        client.send(traffic.error(null, ErrorCode.INTERNAL, "The frame could not be handled"));
      }
    }

    @Override
    public void failed(IOException error) {
      onError(channel, error);
    }

    private void handleBinary(ByteBuffer frame) {
      if (client.format() != SnapshotFormat.BINARY) {
        refuseBinaryFrame(client, "Binary frames are not supported on a JSON connection: send JSON text frames");
        return;
      }
      if (frame.hasRemaining() && frame.get(frame.position()) == FRAME_CALL) {
        handleBinaryCall(client, subscriber, frame);
        return;
      }
      if (frame.remaining() != ACK_FRAME_BYTES || frame.get(frame.position()) != FRAME_ACK) {
        refuseBinaryFrame(client,
            "A binary frame must be an ack (9 bytes, 0x02 then the tick, int64 little-endian)"
                + " or a call (0x03, seq, ack, op, arguments; PROTOCOL.md section 3); got "
                + frame.remaining() + " bytes"
                + (frame.hasRemaining() ? " starting 0x" + Integer.toHexString(frame.get(frame.position()) & 0xff) : ""));
        return;
      }
      long tick = frame.getLong(frame.position() + 1);
      if (tick < 0) {
        refuseBinaryFrame(client, "An ack's tick must not be negative, got " + tick);
        return;
      }
      subscriber.acknowledge(tick);
    }

    /**
     * Anything Undertow's reader throws unchecked on a frame it could not read ends this
     * connection with 1002 and one log line, instead of escaping to XNIO (which logs it as an
     * ERROR with its stack trace and leaves the socket open).
     */
    @Override
    public void handleEvent(WebSocketChannel channel) {
      try {
        super.handleEvent(channel);
      } catch (RuntimeException e) {
        LOG.info(() -> "Closing " + client.session().userId() + "'s connection (1002): a frame could not be read: " + e);
        client.close(CloseCodes.PROTOCOL_ERROR, "A frame could not be read");
      }
    }

    /**
     * Pings count against the connection's rate limit like any frame (Undertow's own ping window
     * is replaced): a ping beyond it cannot be answered RATE_LIMITED, so it closes the connection
     * with 1008 (PROTOCOL.md §6).
     */
    @Override
    protected void countPing(WebSocketChannel channel) {
      chargeControlFrame();
    }

    @Override
    protected void onPong(WebSocketChannel channel, StreamSourceFrameChannel frame) throws IOException {
      chargeControlFrame();
      super.onPong(channel, frame);
    }

    private void chargeControlFrame() {
      if (!client.tryAcquireCall()) {
        client.close(CloseCodes.POLICY_VIOLATION, tooManyFramesReason());
      }
    }

    @Override
    protected void onError(WebSocketChannel channel, Throwable error) {
      FrameGuardHandshake.UnreadableFrame refused = FrameGuardHandshake.UnreadableFrame.in(error);
      if (refused != null) {
        // The guard has sent its close frame (1002 or 1009); give the client time to read it.
        LOG.info(() -> "Closed " + client.session().userId() + "'s connection (" + refused.code + "): " + refused.getMessage());
        client.cutLater();
      } else if (channel.isCloseFrameSent()) {
        // An oversized message: the reader has already sent close 1009; give the client time to read it.
        client.cutLater();
      } else {
        // Anything else (a reset, a protocol error) ends the connection quietly.
        LOG.log(Level.FINE, "WebSocket error, closing", error);
        IoUtils.safeClose(channel);
      }
    }
  }

  /** The reason of the close (1008) a client gets for frames beyond its rate limit (PROTOCOL.md §6). */
  private String tooManyFramesReason() {
    return "Too many frames: at most " + rateLimit.perSecond() + " per second, bursts of " + rateLimit.burst();
  }
}
