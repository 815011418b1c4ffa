package io.carotene.runtime.socket;

import io.carotene.runtime.CallResult;
import io.carotene.runtime.ErrorCode;
import io.carotene.runtime.wire.Json;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a server's sockets sent, over every room, for the metrics: payload bytes written to clients
 * (snapshots, replies, errors; not the WebSocket framing) and the rejections by kind and code —
 * {@code call} for a refused call ({@link ErrorCode}), {@code join} for a refused matchmaking request
 * or seat handshake (the rooms' error codes). Counts only grow, whatever rooms come and go; they are
 * adders, so the IO and world threads never wait on each other to count.
 */
public final class Traffic {
  /** A rejection's kind: a call on a connection. */
  public static final String CALL = "call";
  /** A rejection's kind: a matchmaking request or a seat's handshake. */
  public static final String JOIN = "join";

  private final LongAdder bytesSent = new LongAdder();
  private final Map<String, Map<String, LongAdder>> rejections = new ConcurrentHashMap<>();

  /** Counts {@code bytes} written to a client. */
  void sent(long bytes) {
    bytesSent.add(bytes);
  }

  /** Payload bytes written to clients so far. */
  public long bytesSent() {
    return bytesSent.sum();
  }

  /** Counts a rejection of {@code kind} ({@link #CALL}, {@link #JOIN}) with {@code code}. */
  public void rejected(String kind, String code) {
    rejections.computeIfAbsent(kind, unused -> new ConcurrentHashMap<>())
        .computeIfAbsent(code, unused -> new LongAdder()).increment();
  }

  /** Rejections so far, by kind, then code (sorted). */
  public Map<String, Map<String, Long>> rejections() {
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    rejections.forEach((kind, codes) -> {
      Map<String, Long> counts = new TreeMap<>();
      codes.forEach((code, count) -> counts.put(code, count.sum()));
      copy.put(kind, counts);
    });
    return copy;
  }

  /** {@link Json#error}, counted as a rejected call. */
  String error(Long seq, ErrorCode code, String message) {
    rejected(CALL, code.name());
    return Json.error(seq, code, message);
  }

  /** {@link Json#reply}, counted as a rejected call when the result is an error. */
  String reply(Long seq, CallResult result) {
    if (!result.isOk()) {
      rejected(CALL, result.error().name());
    }
    return Json.reply(seq, result);
  }
}
