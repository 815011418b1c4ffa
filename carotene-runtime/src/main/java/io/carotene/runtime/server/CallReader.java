package io.carotene.runtime.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.ErrorCode;
import io.carotene.runtime.World;
import io.carotene.runtime.internal.BadArgumentException;
import io.carotene.runtime.internal.Dispatcher;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns one text frame into a call the world can run, on the IO thread: parses the JSON, checks
 * {@code seq} and {@code op}, and decodes {@code args} with the operation's generated decoder. Any
 * problem becomes a {@link Refusal} carrying the code and the message for the reply; nothing here
 * touches the world's stores.
 */
final class CallReader {
  /** The largest {@code seq} every JSON implementation represents exactly (2^53 - 1). */
  static final long MAX_SEQ = (1L << 53) - 1;

  private static final Logger LOG = Logger.getLogger(CallReader.class.getName());

  private final World world;

  CallReader(World world) {
    this.world = world;
  }

  /**
   * A call ready for the world thread; {@code ack} is the snapshot tick a binary client acknowledged
   * in the same frame (PROTOCOL.md, section 5.2), or -1 when the call carries none.
   */
  record Call(long seq, String operation, Object[] args, long ack) {}

  /** Why a frame is answered without reaching the world; {@code seq} is null when unknown. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final Long seq;
    final ErrorCode code;

    Refusal(Long seq, ErrorCode code, String message) {
      super(message, null, false, false);
      this.seq = seq;
      this.code = code;
    }
  }

  /** Reads the text frame {@code utf8[offset, offset + length)}. */
  Call read(byte[] utf8, int offset, int length) throws Refusal {
    JsonNode frame;
    try {
      frame = Json.parse(utf8, offset, length);
    } catch (Json.MalformedJsonException e) {
      throw new Refusal(null, ErrorCode.BAD_REQUEST, e.getMessage());
    }
    if (!frame.isObject()) {
      throw new Refusal(null, ErrorCode.BAD_REQUEST,
          "A frame must be a JSON object like {\"op\":\"...\",\"seq\":1,\"args\":{...}}");
    }
    long seq = readSeq(frame);
    long ack = readAck(frame, seq);
    JsonNode op = frame.get("op");
    if (op == null || !op.isTextual() || op.textValue().isEmpty()) {
      throw new Refusal(seq, ErrorCode.BAD_REQUEST,
          "Missing 'op': a call names its operation as a string; this server knows " + world.operations());
    }
    String operation = op.textValue();
    Dispatcher dispatcher = world.dispatcherFor(operation);
    if (dispatcher == null) {
      throw new Refusal(seq, ErrorCode.BAD_REQUEST,
          "Unknown operation '" + operation + "'; this server knows " + world.operations());
    }
    try {
      return new Call(seq, operation, dispatcher.decodeArguments(operation, frame.get("args")), ack);
    } catch (BadArgumentException e) {
      throw new Refusal(seq, ErrorCode.BAD_REQUEST, operation + ": " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "Decoding the arguments of " + operation + " failed: " + e);
      throw new Refusal(seq, ErrorCode.INTERNAL, operation + ": its arguments could not be decoded");
    }
  }

  /** The frame's seq if it is usable, for replying to a frame refused before it was read in full. */
  static Long seqOf(byte[] utf8, int offset, int length) {
    try {
      JsonNode frame = Json.parse(utf8, offset, length);
      JsonNode seq = frame.get("seq");
      if (seq != null && seq.canConvertToLong() && seq.isIntegralNumber()
          && seq.longValue() >= 0 && seq.longValue() <= MAX_SEQ) {
        return seq.longValue();
      }
    } catch (Json.MalformedJsonException | RuntimeException e) {
      // No usable seq: the reply says re=null.
    }
    return null;
  }

  /** The optional {@code ack}: a snapshot tick, an integer from 0; -1 when absent. */
  private static long readAck(JsonNode frame, long seq) throws Refusal {
    JsonNode ack = frame.get("ack");
    if (ack == null || ack.isNull()) {
      return -1;
    }
    if (!ack.isIntegralNumber() || !ack.canConvertToLong() || ack.longValue() < 0) {
      throw new Refusal(seq, ErrorCode.BAD_REQUEST,
          "'ack' must be the tick of a snapshot you applied, an integer from 0, got "
              + (ack.isNumber() ? ack.asText() : "a " + ack.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return ack.longValue();
  }

  private static long readSeq(JsonNode frame) throws Refusal {
    JsonNode seq = frame.get("seq");
    if (seq == null || seq.isNull()) {
      throw new Refusal(null, ErrorCode.BAD_REQUEST,
          "Missing 'seq': every call carries an integer seq (0 to 2^53-1) that its reply echoes as 're'");
    }
    if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 0 || seq.longValue() > MAX_SEQ) {
      throw new Refusal(null, ErrorCode.BAD_REQUEST,
          "'seq' must be an integer from 0 to 2^53-1, got "
              + (seq.isNumber() ? seq.asText() : "a " + seq.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return seq.longValue();
  }
}
