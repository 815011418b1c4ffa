package io.carotene.loadgen;

import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * One bot: a logged-in player with a WebSocket. The pacer thread calls {@link #sendInput}; the IO
 * loop's thread hands it what arrives. Counters written by one thread and read at the end are
 * volatile.
 */
final class Bot implements WebSocketConnection.Handler {
  final int index;
  final boolean cheater;
  final Run run;
  private final LongConsumer latencies;
  volatile String playerId;
  volatile WebSocketConnection connection;
  volatile boolean open;

  // ---- sender (pacer thread) ----
  private final AckTracker calls = new AckTracker();
  private final byte[] out = new byte[256];
  private int outLength;
  private final byte[] ackFrame = new byte[9];
  /**
   * A binary HandleInput call (PROTOCOL.md, section 3): 0x03, seq, ack, op 0, then playerId (two
   * i64) and inputVector (three f32), little-endian; 47 bytes, the layout the schema's operations
   * entry gives for the Arena.
   */
  static final int BINARY_CALL_BYTES = 19 + 28;
  private final byte[] binaryCall = new byte[BINARY_CALL_BYTES];
  private String binaryCallPlayer; // the playerId written into binaryCall
  private long lastAckSent;
  private long nextSeq = 1;
  volatile long inputsSent;
  volatile long windowInputsSent;
  volatile long cheatsSent;
  volatile long sendsBusy;
  volatile long sendFailures;

  // ---- receiver (IO loop thread) ----
  private final FrameHead parsed = new FrameHead();
  private long lastSnapshotAt;
  private long lastTick = -1;
  /** Ticks between two snapshots, as the binary schema says ({@code snapshotEvery}); 1 for JSON. */
  private long snapshotEvery = 1;
  private long wireBytesAtWindowStart = -1;
  volatile long windowSnapshots;
  volatile long windowBytes;
  volatile long windowMissedTicks;
  volatile long windowAcks;
  volatile long snapshots;
  /** Binary: the tick of the newest snapshot received, acked with the next input. */
  private volatile long newestTick;
  volatile long windowFullSnapshots;
  volatile long windowDeltaSnapshots;
  /** Binary: entries in full snapshots (the players in view), and entries sent whole (entering view) in deltas. */
  volatile long windowFullEntries;
  volatile long windowDeltaEntries;
  volatile long windowDeltaRemoved;
  volatile long windowDeltaCounted;
  /** Deltas that sent no entry whole, and the entries they updated field by field. */
  volatile long windowDeltaUpdatesCounted;
  volatile long windowDeltaUpdated;
  volatile int closeCode = -1;
  volatile String closeReason;
  volatile Throwable failure;

  Bot(int index, boolean cheater, Run run) {
    this.index = index;
    this.cheater = cheater;
    this.run = run;
    this.latencies = run::ackLatency;
  }

  void connected(WebSocketConnection connection) {
    this.connection = connection;
    this.open = true;
  }

  /**
   * The pacer's slot {@code frame} for this bot: one {@code HandleInput}. A cheater's every {@code
   * cheatEvery}-th input is a speed hack (30 units/s); every other input is a valid joystick
   * direction at speed 4 that turns slowly, so players keep moving.
   */
  void sendInput(long frame, long now) {
    WebSocketConnection ws = connection;
    if (!open || ws == null) {
      return;
    }
    boolean cheat = cheater && frame % run.options.cheatEvery == 0;
    long xMilli;
    long zMilli;
    if (cheat) {
      xMilli = 30_000;
      zMilli = 0;
    } else {
      double angle = index * 0.7 + frame * (2 * Math.PI / 600); // one turn per 10 s
      xMilli = Math.round(4000 * Math.cos(angle));
      zMilli = Math.round(4000 * Math.sin(angle));
    }
    long seq = nextSeq;
    // A binary client acks the newest snapshot it holds with its input: as the call's "ack" member
    // (one frame) or as an ack frame written together with the input (two frames, one write).
    long ack = newestTick;
    boolean acking = ack > lastAckSent;
    boolean ackFrameToo = acking && run.options.ack.equals("frame");
    boolean binary = run.options.calls.equals("binary");
    byte[] call = out;
    int callLength;
    int callOpcode = WebSocketConnection.OP_TEXT;
    if (binary) {
      writeBinaryCall(seq, acking && !ackFrameToo ? ack : -1, xMilli / 1000f, zMilli / 1000f);
      call = binaryCall;
      callLength = BINARY_CALL_BYTES;
      callOpcode = WebSocketConnection.OP_BINARY;
    } else {
      callLength = jsonCall(seq, acking && !ackFrameToo, ack, xMilli, zMilli);
    }
    calls.sent(seq, now, cheat ? AckTracker.CHEAT : AckTracker.VALID);
    if (ackFrameToo) {
      ackFrame[0] = 0x02;
      for (int i = 0; i < 8; i++) {
        ackFrame[1 + i] = (byte) (ack >>> (8 * i));
      }
    }
    try {
      if (!ws.writeFrames(ackFrameToo ? WebSocketConnection.OP_BINARY : callOpcode,
          ackFrameToo ? ackFrame : call, 0, ackFrameToo ? 9 : callLength,
          ackFrameToo ? callOpcode : -1, call, 0, callLength)) {
        calls.exclude(seq);
        sendsBusy++; // the socket still holds part of the last input: this slot is lost
        return;
      }
    } catch (IOException e) {
      calls.exclude(seq);
      sendFailures++;
      return;
    }
    if (acking) {
      lastAckSent = ack;
    }
    nextSeq++;
    inputsSent++;
    if (run.inWindow(now)) {
      windowInputsSent++;
    }
    if (cheat) {
      cheatsSent++;
    }
  }

  /** The JSON HandleInput into {@code out}; returns its length. */
  private int jsonCall(long seq, boolean withAck, long ack, long xMilli, long zMilli) {
    outLength = 0;
    ascii("{\"op\":\"HandleInput\",\"seq\":");
    number(seq);
    if (withAck) {
      ascii(",\"ack\":");
      number(ack);
    }
    ascii(",\"args\":{\"playerId\":\"");
    ascii(playerId);
    ascii("\",\"inputVector\":{\"x\":");
    milli(xMilli);
    ascii(",\"y\":0,\"z\":");
    milli(zMilli);
    ascii("}}}");
    return outLength;
  }

  /** The binary HandleInput into {@code binaryCall}, without allocating (the player's id is written once). */
  byte[] writeBinaryCall(long seq, long ack, float x, float z) {
    String player = playerId;
    if (player != binaryCallPlayer) {
      java.util.UUID id = java.util.UUID.fromString(player);
      binaryCall[0] = 0x03;
      putLong(binaryCall, 19, id.getMostSignificantBits());
      putLong(binaryCall, 27, id.getLeastSignificantBits());
      binaryCallPlayer = player;
    }
    putLong(binaryCall, 1, seq);
    putLong(binaryCall, 9, ack);
    binaryCall[17] = 0; // op 0: HandleInput
    binaryCall[18] = 0;
    putInt(binaryCall, 35, Float.floatToRawIntBits(x));
    putInt(binaryCall, 39, 0); // y
    putInt(binaryCall, 43, Float.floatToRawIntBits(z));
    return binaryCall;
  }

  static void putLong(byte[] into, int at, long value) {
    for (int i = 0; i < 8; i++) {
      into[at + i] = (byte) (value >>> (8 * i));
    }
  }

  static void putInt(byte[] into, int at, int value) {
    for (int i = 0; i < 4; i++) {
      into[at + i] = (byte) (value >>> (8 * i));
    }
  }

  long overwrittenCalls() {
    return calls.overwritten();
  }

  /** Sends a close frame (1000) at the end of the run. */
  void close() {
    WebSocketConnection ws = connection;
    if (ws != null && open) {
      try {
        ws.writeFrame(WebSocketConnection.OP_CLOSE, new byte[] {0x03, (byte) 0xe8}, 0, 2);
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  // ---- the input's JSON, written as ASCII bytes without garbage

  private void ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      out[outLength++] = (byte) s.charAt(i);
    }
  }

  private void number(long v) {
    if (v < 0) {
      out[outLength++] = '-';
      v = -v;
    }
    int start = outLength;
    do {
      out[outLength++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v > 0);
    for (int i = start, j = outLength - 1; i < j; i++, j--) {
      byte t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
  }

  /** {@code milli}/1000 with three decimals, e.g. -3.464. */
  private void milli(long milli) {
    if (milli < 0) {
      out[outLength++] = '-';
      milli = -milli;
    }
    number(milli / 1000);
    out[outLength++] = '.';
    long frac = milli % 1000;
    out[outLength++] = (byte) ('0' + frac / 100);
    out[outLength++] = (byte) ('0' + frac / 10 % 10);
    out[outLength++] = (byte) ('0' + frac % 10);
  }

  String lastInputForTest() {
    return new String(out, 0, outLength, java.nio.charset.StandardCharsets.US_ASCII);
  }

  // ---------------------------------------------------------------- what arrives

  @Override
  public void onMessage(int opcode, AsciiView head, long payloadBytes, long now) {
    boolean inWindow = run.inWindow(now);
    if (inWindow && wireBytesAtWindowStart < 0) {
      wireBytesAtWindowStart = connection.wireBytesRead;
    }
    if (opcode == WebSocketConnection.OP_BINARY) {
      if (!parsed.parseBinary(head)) {
        run.error("UNPARSED_BINARY_FRAME");
        return;
      }
      newestTick = parsed.tick;
      if (inWindow) {
        if (parsed.baseline == 0) {
          windowFullSnapshots++;
          windowFullEntries += parsed.written;
        } else {
          windowDeltaSnapshots++;
          if (parsed.written >= 0) { // -1: too many removed ids to see the count in the head
            windowDeltaCounted++;
            windowDeltaEntries += parsed.written;
            windowDeltaRemoved += parsed.removed;
          }
          if (parsed.updated >= 0) {
            windowDeltaUpdatesCounted++;
            windowDeltaUpdated += parsed.updated;
          }
        }
      }
    } else {
      parsed.parse(head);
    }
    if (parsed.type == FrameHead.SCHEMA) {
      snapshotEvery = Math.max(1, parsed.snapshotEvery);
      return;
    }
    if (parsed.type == FrameHead.SNAPSHOT) {
      snapshots++;
      if (inWindow) {
        windowSnapshots++;
        windowBytes = connection.wireBytesRead - wireBytesAtWindowStart;
        if (lastTick >= 0 && parsed.tick > lastTick + snapshotEvery) { // snapshots missed, in ticks
          windowMissedTicks += parsed.tick - lastTick - snapshotEvery;
        }
        if (lastSnapshotAt != 0) {
          run.snapshotInterval(now - lastSnapshotAt);
        }
        windowAcks += calls.acked(parsed.ack, now, latencies, run::cheatAccepted);
      } else {
        calls.acked(parsed.ack, now, ignored -> {}, run::cheatAccepted);
      }
      lastTick = parsed.tick;
      lastSnapshotAt = now;
    } else if (parsed.type == FrameHead.REPLY) {
      onReply();
    } else {
      run.error("UNPARSED_FRAME");
    }
  }

  private void onReply() {
    int kind = parsed.re >= 0 ? calls.kind(parsed.re) : 0;
    if (parsed.re >= 0) {
      calls.answered(parsed.re);
    }
    if (parsed.ok) {
      if (kind == AckTracker.CHEAT) {
        run.cheatAccepted();
      }
      return;
    }
    String code = parsed.code;
    if ("BAD_REQUEST".equals(code) || "RATE_LIMITED".equals(code)) {
      calls.exclude(parsed.re); // never reaches the world, never moves ack
    }
    if (kind == AckTracker.CHEAT && "REJECTED".equals(code)) {
      run.cheatRejected();
    } else if (kind == AckTracker.CHEAT) {
      run.error("cheat answered " + code);
    } else {
      run.error(code);
    }
  }

  @Override
  public void onClose(int code, String reason) {
    open = false;
    closeCode = code;
    closeReason = reason;
    if (!run.stopping()) {
      run.error("closed by server " + code);
    }
  }

  @Override
  public void onError(Throwable error) {
    open = false;
    failure = error;
    if (!run.stopping()) {
      run.error("socket error " + error.getClass().getSimpleName());
    }
  }
}
