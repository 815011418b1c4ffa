package io.carotene.loadgen;

/**
 * What a bot needs from a server frame, read from its first characters only: a snapshot's {@code
 * tick} and {@code ack}, or a reply's {@code re} and error {@code code}. The rest of a snapshot (the
 * world's entries) is counted, never parsed: a bot that parsed 800 players 60 times a second would
 * measure its own JSON parser, not the server.
 *
 * <p>The server writes a snapshot as {@code {"type":"snapshot","tick":N,"ack":A,...}} and a reply as
 * {@code {"re":S,"ok":true}} or {@code {"re":S,"error":{"code":"C",...}}} (PROTOCOL.md, sections 3
 * and 5); the reader finds the members by name within the head, so member order does not matter as
 * long as they come before the stores. One instance per bot, reused.
 */
final class FrameHead {
  /** Characters of a frame kept for parsing; enough for every member before the stores. */
  static final int HEAD_CHARS = 160;

  static final int UNKNOWN = 0;
  static final int SNAPSHOT = 1;
  static final int REPLY = 2;
  static final int SCHEMA = 3;

  int type;
  long tick = -1;
  long ack = -1;
  /** A schema's {@code snapshotEvery} (ticks between two snapshots); -1 when absent. */
  long snapshotEvery = -1;
  /** A reply's {@code re}; -1 when it was {@code null} or absent. */
  long re = -1;
  boolean ok;
  /** A failed reply's error code, else null. */
  String code;
  /**
   * A binary snapshot's baseline tick (0: full), and its first store's removed, entered (sent whole)
   * and updated (sent field by field) counts; -1 for a count that lies beyond the head.
   */
  long baseline;
  long removed;
  long written;
  long updated;

  /** Parses {@code head}, the first characters of one frame (all of it, if shorter). */
  FrameHead parse(CharSequence head) {
    type = UNKNOWN;
    tick = -1;
    ack = -1;
    re = -1;
    ok = false;
    code = null;
    if (indexOf(head, "\"type\":\"schema\"", 0) >= 0) {
      type = SCHEMA;
      snapshotEvery = number(head, "\"snapshotEvery\":");
      return this;
    }
    if (indexOf(head, "\"type\":\"snapshot\"", 0) >= 0) {
      type = SNAPSHOT;
      tick = number(head, "\"tick\":");
      ack = number(head, "\"ack\":");
      return this;
    }
    int reAt = indexOf(head, "\"re\":", 0);
    if (reAt >= 0) {
      type = REPLY;
      re = number(head, "\"re\":");
      if (indexOf(head, "\"ok\":true", 0) >= 0) {
        ok = true;
      } else {
        int codeAt = indexOf(head, "\"code\":\"", 0);
        if (codeAt >= 0) {
          int from = codeAt + "\"code\":\"".length();
          int to = from;
          while (to < head.length() && head.charAt(to) != '"') {
            to++;
          }
          code = internCode(head, from, to);
        } else {
          code = "UNKNOWN";
        }
      }
    }
    return this;
  }

  /**
   * Reads a binary snapshot's header (PROTOCOL.md, section 5.2; varints): tick, ack, baseline, and
   * the first store's removed count and, when its removed handles fit in the head, how many
   * entries it sends whole (entered; -1 otherwise) and, when it sends none whole, how many it
   * updates (-1 otherwise: the entered entries' bytes lie between, and the head ends before them).
   * False when {@code head} is not a snapshot frame.
   */
  boolean parseBinary(AsciiView head) {
    type = UNKNOWN;
    code = null;
    re = -1;
    if (head.length < 6 || head.bytes[0] != 0x01) {
      return false;
    }
    at = 2;
    tick = varint(head);
    ack = varint(head);
    long since = varint(head);
    long stores = varint(head);
    if (tick < 0 || ack < 0 || since < 0 || stores < 0) {
      return false;
    }
    type = SNAPSHOT;
    baseline = since == 0 ? 0 : tick - since;
    removed = stores > 0 ? varint(head) : -1;
    written = -1;
    updated = -1;
    for (long i = 0; i < removed && at >= 0; i++) {
      varint(head);
    }
    if (removed >= 0 && at >= 0) {
      written = varint(head);
    }
    if (written == 0 && at >= 0) {
      updated = varint(head);
    }
    return true;
  }

  /** Where {@link #varint} reads next in the head; -1 once it ran past the head's end. */
  private int at;

  private long varint(AsciiView head) {
    long value = 0;
    for (int shift = 0; at >= 0 && at < head.length && shift < 64; shift += 7) {
      byte b = head.bytes[at++];
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    at = -1;
    return -1;
  }

  /** The non-negative integer after {@code name} (e.g. {@code "ack":}), or -1. */
  static long number(CharSequence text, String name) {
    int at = indexOf(text, name, 0);
    if (at < 0) {
      return -1;
    }
    int i = at + name.length();
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    long value = 0;
    int digits = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
      digits++;
      i++;
    }
    return digits == 0 ? -1 : value;
  }

  static int indexOf(CharSequence text, String needle, int from) {
    int last = text.length() - needle.length();
    outer:
    for (int i = from; i <= last; i++) {
      for (int j = 0; j < needle.length(); j++) {
        if (text.charAt(i + j) != needle.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static final String[] KNOWN = {
    "REJECTED", "FORBIDDEN", "BAD_REQUEST", "RATE_LIMITED", "INTERNAL", "UNAUTHORIZED"
  };

  /** The protocol's codes without allocating; an unknown one as a new string. */
  private static String internCode(CharSequence text, int from, int to) {
    for (String known : KNOWN) {
      if (known.length() == to - from && indexOf(text.subSequence(from, to), known, 0) == 0) {
        return known;
      }
    }
    return text.subSequence(from, to).toString();
  }
}
