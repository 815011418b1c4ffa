package io.carotene.runtime.socket;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.carotene.runtime.ErrorCode;
import io.carotene.runtime.internal.BadArgumentException;
import io.carotene.runtime.internal.BinaryOperation;
import io.carotene.runtime.internal.BoundCall;
import io.carotene.runtime.internal.Operation;
import io.carotene.runtime.internal.WireField;
import io.carotene.runtime.wire.Json;
import io.carotene.runtime.world.DomainWorld;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Turns one text frame into a call the world can run, on the IO thread: reads the JSON with a
 * streaming parser (no tree per call), checks
 * {@code seq} and {@code op} ({@link JsonEnvelope}), resolves the operation once and decodes {@code args} with its
 * generated decoder into a {@link BoundCall}. Any problem becomes a {@link Refusal} carrying the
 * code and the message for the reply; nothing here touches the world's stores.
 */
public final class CallReader {
  /** The largest {@code seq} every JSON implementation represents exactly (2^53 - 1). */
  static final long MAX_SEQ = (1L << 53) - 1;

  private static final Logger LOG = Logger.getLogger(CallReader.class.getName());

  private final DomainWorld world;

  CallReader(DomainWorld world) {
    this.world = world;
  }

  /**
   * A call ready for the world thread: its operation, and {@code call}, the arguments bound to it;
   * {@code ack} is the snapshot tick a binary client acknowledged in the same frame (PROTOCOL.md,
   * section 5.2), or -1 when the call carries none.
   */
  record Call(long seq, Operation operation, BoundCall call, long ack) {}

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
    JsonEnvelope envelope = new JsonEnvelope(world);
    try {
      if (!envelope.parse(utf8, offset, length, false)) {
        // op was repeated after args was decoded with the first: read again, args kept for the last.
        envelope = new JsonEnvelope(world);
        envelope.parse(utf8, offset, length, true);
      }
    } catch (IOException e) {
      throw malformed(utf8, offset, length);
    }
    long seq = envelope.seq();
    long ack = envelope.ack(seq);
    String name = envelope.op;
    if (name == null) {
      throw new Refusal(seq, ErrorCode.BAD_REQUEST,
          "Missing 'op': a call names its operation as a string; this server knows " + world.operations());
    }
    Operation operation = envelope.decodedWith != null ? envelope.decodedWith : world.operation(name);
    if (operation == null) {
      throw new Refusal(seq, ErrorCode.BAD_REQUEST,
          "Unknown operation '" + echo(name) + "'; this server knows " + world.operations());
    }
    try {
      BoundCall call = envelope.decodedWith != null ? envelope.decoded() : decode(operation, envelope.buffered);
      return new Call(seq, operation, call, ack);
    } catch (BadArgumentException e) {
      throw new Refusal(seq, ErrorCode.BAD_REQUEST, name + ": " + e.getMessage());
    } catch (IOException e) { // a buffer replays only what parsed
      throw malformed(utf8, offset, length);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "Decoding the arguments of " + name + " failed: " + e);
      throw new Refusal(seq, ErrorCode.INTERNAL, name + ": its arguments could not be decoded");
    }
  }

  private static BoundCall decode(Operation operation, TokenBuffer buffered) throws IOException {
    if (buffered == null) {
      return operation.decodeJson(null);
    }
    try (JsonParser args = buffered.asParser()) {
      args.nextToken();
      return operation.decodeJson(args);
    }
  }

  /**
   * The refusal of a frame the streaming parser could not read: the tree parser words it (column,
   * empty frame, trailing tokens), so the message is the same whichever reader found it.
   */
  private static Refusal malformed(byte[] utf8, int offset, int length) {
    String problem = malformation(utf8, offset, length);
    return new Refusal(null, ErrorCode.BAD_REQUEST, problem != null ? problem : "Malformed JSON");
  }

  /** What is wrong with the frame's JSON as the tree parser words it, or null if nothing is. */
  static String malformation(byte[] utf8, int offset, int length) {
    try {
      Json.parse(utf8, offset, length);
      return null;
    } catch (Json.MalformedJsonException e) {
      return e.getMessage();
    }
  }

  /** The first byte of a binary call frame (PROTOCOL.md, section 3). */
  static final byte FRAME_CALL = 0x03;

  /**
   * Each IO thread's buffer for a binary call's arguments, which the generated decoders read as
   * the codecs read a store entry: a copy of a few bytes instead of a wrapper per frame.
   */
  private static final ThreadLocal<Bytes<byte[]>> ARGUMENTS =
      ThreadLocal.withInitial(() -> Bytes.allocateElasticOnHeap(256));

  /** A binary call's header: type, seq, ack, op; its arguments follow. */
  static final int BINARY_CALL_HEADER = 1 + 8 + 8 + 2;

  /**
   * Reads a binary call frame, {@code frame} (little-endian) from its position to its limit,
   * starting with {@link #FRAME_CALL}: seq (i64), ack (i64, -1 for none), op (u16, an index into
   * the schema's operations), then the operation's arguments in their raw off-heap layout.
   */
  Call readBinary(ByteBuffer frame) throws Refusal {
    int start = frame.position();
    int length = frame.remaining();
    if (length < BINARY_CALL_HEADER) {
      throw new Refusal(binarySeqOf(frame), ErrorCode.BAD_REQUEST,
          "A binary call is 0x03, seq (int64), ack (int64, -1 for none), op (uint16) and the arguments: at least "
              + BINARY_CALL_HEADER + " bytes, got " + length);
    }
    long seq = frame.getLong(start + 1); // not boxed: this runs for every input frame
    if (seq < 0 || seq > MAX_SEQ) {
      throw new Refusal(null, ErrorCode.BAD_REQUEST, "'seq' must be an integer from 0 to 2^53-1, got " + seq);
    }
    long ack = frame.getLong(start + 9);
    if (ack < -1) {
      throw new Refusal(seq, ErrorCode.BAD_REQUEST,
          "'ack' must be the tick of a snapshot you applied (an integer from 0), or -1 for none, got " + ack);
    }
    int op = Short.toUnsignedInt(frame.getShort(start + 17));
    Operation found = world.binaryOperation(op);
    if (found == null) {
      throw new Refusal(seq, ErrorCode.BAD_REQUEST,
          "Unknown binary operation " + op + "; this server's binary operations are "
              + binaryNames(world.binaryOperations()) + " (the schema's 'operations'); call others with JSON text frames");
    }
    BinaryOperation operation = found.binary();
    int argsSize = length - BINARY_CALL_HEADER;
    if (argsSize != operation.argsSize()) {
      throw new Refusal(seq, ErrorCode.BAD_REQUEST,
          operation.name() + " (op " + op + ") takes " + operation.argsSize() + " bytes of arguments (a frame of "
              + (BINARY_CALL_HEADER + operation.argsSize()) + " bytes), got " + argsSize + " (a frame of " + length + ")");
    }
    int from = start + BINARY_CALL_HEADER;
    refuseNonFiniteFloats(frame, from, operation, seq);
    Bytes<byte[]> in = ARGUMENTS.get();
    in.clear();
    if (frame.hasArray()) {
      in.write(frame.array(), frame.arrayOffset() + from, argsSize);
    } else {
      for (int i = 0; i < argsSize; i++) {
        in.writeByte(frame.get(from + i));
      }
    }
    try {
      return new Call(seq, found, found.decodeBinary(in), ack);
    } catch (BadArgumentException e) {
      throw new Refusal(seq, ErrorCode.BAD_REQUEST, operation.name() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "Decoding the binary arguments of " + operation.name() + " failed: " + e);
      throw new Refusal(seq, ErrorCode.INTERNAL, operation.name() + ": its arguments could not be decoded");
    }
  }

  /**
   * Refuses NaN and ±Infinity in a binary call's float fields, as JSON arguments refuse them: a
   * non-finite input would pass every comparison a handler makes (NaN > limit is false) and stay
   * in the world for good. Reads the raw little-endian fields where the operation's layout puts them.
   */
  private static void refuseNonFiniteFloats(ByteBuffer frame, int from, BinaryOperation operation, long seq)
      throws Refusal {
    List<WireField> fields = operation.args();
    for (int i = 0; i < fields.size(); i++) {
      WireField field = fields.get(i);
      boolean finite = switch (field.type()) {
        case "f32" -> Float.isFinite(frame.getFloat(from + field.offset()));
        case "f64" -> Double.isFinite(frame.getDouble(from + field.offset()));
        default -> true;
      };
      if (!finite) {
        throw new Refusal(seq, ErrorCode.BAD_REQUEST,
            operation.name() + ": Argument '" + field.name() + "' must be a finite number");
      }
    }
  }

  /** At most {@value #MAX_ECHOED_CHARS} characters of a client's string, for an error message. */
  static String echo(String fromClient) {
    return fromClient.length() <= MAX_ECHOED_CHARS
        ? fromClient
        : fromClient.substring(0, MAX_ECHOED_CHARS) + "… (" + fromClient.length() + " characters)";
  }

  /** An error reply repeats this much of a client's string: enough to recognise, not a 64 KiB echo. */
  static final int MAX_ECHOED_CHARS = 64;

  /** A binary call's seq if it is there and in range, else null. */
  static Long binarySeqOf(ByteBuffer frame) {
    if (frame.remaining() < 9) {
      return null;
    }
    long seq = frame.getLong(frame.position() + 1);
    return seq >= 0 && seq <= MAX_SEQ ? seq : null;
  }

  private static String binaryNames(List<BinaryOperation> operations) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < operations.size(); i++) {
      names.add(i + " = " + operations.get(i).name());
    }
    return names.toString();
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
}
