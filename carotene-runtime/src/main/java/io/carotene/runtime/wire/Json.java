package io.carotene.runtime.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.ErrorCode;
import io.carotene.runtime.JsonWritable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON the server reads and writes outside the snapshot hot path: frames, replies, HTTP bodies.
 * Jackson's tree model parses what clients send; what the server sends is written with a streaming
 * generator, values by their generated writers (never by reflection).
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** Parses one frame or body; a syntax error's message says where, without echoing the input. */
  public static JsonNode parse(String text) throws MalformedJsonException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return parse(utf8, 0, utf8.length);
  }

  /**
   * Parses one frame or body from its UTF-8 bytes (no decoding to a String first); a syntax error's
   * message says where, without echoing the input.
   */
  public static JsonNode parse(byte[] utf8, int offset, int length) throws MalformedJsonException {
    try {
      JsonNode node = MAPPER.readTree(utf8, offset, length);
      if (node == null || node.isMissingNode()) {
        throw new MalformedJsonException("Malformed JSON: the frame is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      String detail = e.getOriginalMessage();
      int newline = detail == null ? -1 : detail.indexOf('\n');
      if (newline >= 0) {
        detail = detail.substring(0, newline);
      }
      String where =
          e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
      throw new MalformedJsonException("Malformed JSON" + where + ": " + detail);
    } catch (IOException e) { // reading a byte array fails only as malformed input
      throw new MalformedJsonException("Malformed JSON: " + e.getClass().getSimpleName());
    }
  }

  /**
   * {@code {"re":7,"ok":true}}, with {@code "result":…} when the handler returned a value, written
   * by the result's generated {@link io.carotene.runtime.JsonWritable}.
   */
  public static String reply(Long seq, CallResult result) {
    if (!result.isOk()) {
      return error(seq, result.error(), result.message());
    }
    if (result.json() == null && seq != null) {
      return "{\"re\":" + seq + ",\"ok\":true}"; // most replies: nothing to encode
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(32);
      try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
        json.writeStartObject();
        writeRe(json, seq);
        json.writeBooleanField("ok", true);
        if (result.json() != null) {
          json.writeFieldName("result");
          result.json().writeJson(json);
        }
        json.writeEndObject();
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return error(seq, ErrorCode.INTERNAL, "The call succeeded but its value could not be encoded");
    }
  }

  /**
   * A route's response body: the value its generated writer writes, as UTF-8 JSON.
   *
   * @throws IllegalStateException when the writer fails: a bug, which the route answers with 500
   */
  public static byte[] body(JsonWritable value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
      value.writeJson(json);
    } catch (IOException e) {
      throw new IllegalStateException("The route's value could not be encoded: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** {@code {"re":7,"error":{"code":"REJECTED","message":"…"}}}; {@code "re":null} when the seq is unknown. */
  public static String error(Long seq, ErrorCode code, String message) {
    return error(seq, code.name(), message);
  }

  public static String error(Long seq, String code, String message) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 + message.length());
      try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
        json.writeStartObject();
        writeRe(json, seq);
        writeError(json, code, message);
        json.writeEndObject();
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTP error body: {@code {"error":{"code":"…","message":"…"}}}. */
  public static byte[] errorBody(String code, String message) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 + message.length());
      try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
        json.writeStartObject();
        writeError(json, code, message);
        json.writeEndObject();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeRe(JsonGenerator json, Long seq) throws IOException {
    json.writeFieldName("re");
    if (seq == null) {
      json.writeNull();
    } else {
      json.writeNumber(seq);
    }
  }

  private static void writeError(JsonGenerator json, String code, String message) throws IOException {
    json.writeObjectFieldStart("error");
    json.writeStringField("code", code);
    json.writeStringField("message", message);
    json.writeEndObject();
  }

  /** A frame or body that is not JSON. */
  public static final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedJsonException(String message) {
      super(message, null, false, false);
    }
  }
}
