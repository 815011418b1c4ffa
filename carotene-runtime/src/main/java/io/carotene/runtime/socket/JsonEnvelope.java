package io.carotene.runtime.socket;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.carotene.runtime.ErrorCode;
import io.carotene.runtime.internal.BoundCall;
import io.carotene.runtime.internal.JsonArgs;
import io.carotene.runtime.internal.Operation;
import io.carotene.runtime.socket.CallReader.Refusal;
import io.carotene.runtime.wire.Json;
import io.carotene.runtime.world.DomainWorld;
import java.io.IOException;

/**
 * A frame's members as one streaming pass reads them, in any order; a repeated member's last
 * value counts, as it did in a tree. {@code args} is decoded as it is read when {@code op} came
 * before it, else kept in a {@link TokenBuffer} to decode once {@code op} is known. Problems with
 * seq, ack, op and args are kept, not thrown, and reported in that order once the whole frame
 * parsed, so a malformed frame is refused as malformed whatever its members say.
 */
final class JsonEnvelope {
  private final DomainWorld world;
  boolean seqPresent;
  long seqValue;
  String seqBad; // what an unusable seq was, for the message
  boolean ackPresent;
  long ackValue;
  String ackBad;
  String op; // null when absent or not a non-empty string
  Operation decodedWith; // the operation args was decoded with as it was read, or null
  BoundCall decodedCall;
  RuntimeException decodeError;
  TokenBuffer buffered; // args kept for later, or null

  /** An envelope whose {@code args} is decoded with {@code world}'s operations. */
  JsonEnvelope(DomainWorld world) {
    this.world = world;
  }

  /** Reads the frame; false when it must be read again with {@code bufferArgs}. */
  boolean parse(byte[] utf8, int offset, int length, boolean bufferArgs) throws IOException, Refusal {
    try (JsonParser json = Json.MAPPER.getFactory().createParser(utf8, offset, length)) {
      JsonToken first = json.nextToken();
      if (first != JsonToken.START_OBJECT) {
        if (first == null) {
          throw new IOException("empty");
        }
        String problem = CallReader.malformation(utf8, offset, length);
        if (problem != null) {
          throw new Refusal(null, ErrorCode.BAD_REQUEST, problem);
        }
        throw new Refusal(null, ErrorCode.BAD_REQUEST,
            "A frame must be a JSON object like {\"op\":\"...\",\"seq\":1,\"args\":{...}}");
      }
      JsonStreamContext frame = json.getParsingContext();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken token = json.nextToken();
        switch (name) {
          case "seq" -> readSeq(json, token);
          case "ack" -> readAck(json, token);
          case "op" -> {
            op = token == JsonToken.VALUE_STRING && json.getTextLength() > 0 ? json.getText() : null;
            json.skipChildren();
          }
          case "args" -> readArgs(json, frame, bufferArgs);
          default -> json.skipChildren();
        }
      }
      if (json.nextToken() != null) {
        throw new IOException("trailing tokens");
      }
    }
    return decodedWith == null || decodedWith.name().equals(op);
  }

  private void readArgs(JsonParser json, JsonStreamContext frame, boolean bufferArgs) throws IOException {
    decodedWith = null;
    decodedCall = null;
    decodeError = null;
    buffered = null;
    Operation operation = op == null || bufferArgs ? null : world.operation(op);
    if (operation == null) {
      buffered = new TokenBuffer(json);
      buffered.copyCurrentStructure(json);
      return;
    }
    decodedWith = operation;
    try {
      decodedCall = operation.decodeJson(json);
    } catch (RuntimeException e) {
      decodeError = e;
    }
    while (json.getParsingContext() != frame) { // past what the decoder left of args
      if (json.nextToken() == null) {
        throw new IOException("truncated");
      }
    }
  }

  BoundCall decoded() {
    if (decodeError != null) {
      throw decodeError;
    }
    return decodedCall;
  }

  private void readSeq(JsonParser json, JsonToken token) throws IOException {
    seqPresent = token != JsonToken.VALUE_NULL;
    seqBad = null;
    if (seqPresent) {
      if (token == JsonToken.VALUE_NUMBER_INT && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER
          && json.getLongValue() >= 0 && json.getLongValue() <= CallReader.MAX_SEQ) {
        seqValue = json.getLongValue();
      } else {
        seqBad = describe(json, token);
      }
    }
    json.skipChildren();
  }

  private void readAck(JsonParser json, JsonToken token) throws IOException {
    ackPresent = token != JsonToken.VALUE_NULL;
    ackBad = null;
    if (ackPresent) {
      if (token == JsonToken.VALUE_NUMBER_INT && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER
          && json.getLongValue() >= 0) {
        ackValue = json.getLongValue();
      } else {
        ackBad = describe(json, token);
      }
    }
    json.skipChildren();
  }

  long seq() throws Refusal {
    if (!seqPresent) {
      throw new Refusal(null, ErrorCode.BAD_REQUEST,
          "Missing 'seq': every call carries an integer seq (0 to 2^53-1) that its reply echoes as 're'");
    }
    if (seqBad != null) {
      throw new Refusal(null, ErrorCode.BAD_REQUEST, "'seq' must be an integer from 0 to 2^53-1, got " + seqBad);
    }
    return seqValue;
  }

  /** The optional {@code ack}: a snapshot tick, an integer from 0; -1 when absent. */
  long ack(long seq) throws Refusal {
    if (!ackPresent) {
      return -1;
    }
    if (ackBad != null) {
      throw new Refusal(seq, ErrorCode.BAD_REQUEST,
          "'ack' must be the tick of a snapshot you applied, an integer from 0, got " + ackBad);
    }
    return ackValue;
  }

  /** A value as a refusal names it: a number as the tree printed it, else "a string" and so on. */
  private static String describe(JsonParser json, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return json.getNumberValue().toString();
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      return Double.toString(json.getDoubleValue());
    }
    return "a " + JsonArgs.describe(token);
  }
}
