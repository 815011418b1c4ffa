package io.carotene.runtime.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.UUID;

/**
 * Strict readers of call arguments from JSON, used by generated dispatchers and codecs. Each names
 * the argument by its path in its error, so a client author can see at once what to fix.
 *
 * <p>Socket calls are read from a streaming {@link JsonParser} (no tree per call): the token readers
 * take the parser on the value's token and the value's path as its parent's path and its own name,
 * joined only when an error is reported. HTTP routes read from a {@link JsonNode}.
 */
public final class JsonArgs {
  private JsonArgs() {}

  /** The object at {@code path}; a missing or non-object node is a bad argument. */
  public static JsonNode object(JsonNode node, String path) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new BadArgumentException("Missing argument '" + path + "': expected an object");
    }
    if (!node.isObject()) {
      throw new BadArgumentException(
          "Argument '" + path + "' must be an object, got " + describe(node));
    }
    return node;
  }

  /** The member {@code name} of {@code parent}, which must be present and not null. */
  public static JsonNode member(JsonNode parent, String name, String path) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      throw new BadArgumentException("Missing argument '" + path + "'");
    }
    return value;
  }

  /**
   * A path segment's or query parameter's value, which is always text, as the number or boolean it
   * spells ({@code "42"} as 42, {@code "true"} as true), for an argument of that type; any other
   * node is returned as it is, so the reader that follows names the argument in its error.
   */
  public static JsonNode fromText(JsonNode node) {
    if (!node.isTextual()) {
      return node;
    }
    String text = node.textValue().trim();
    if (text.equals("true") || text.equals("false")) {
      return BooleanNode.valueOf(text.equals("true"));
    }
    if (text.isEmpty() || text.length() > 64) {
      return node;
    }
    try {
      if (text.matches("-?[0-9]+")) {
        return new BigIntegerNode(new BigInteger(text));
      }
      if (text.matches("-?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
        return DoubleNode.valueOf(Double.parseDouble(text));
      }
    } catch (NumberFormatException e) {
      return node;
    }
    return node;
  }

  public static float toFloat(JsonNode node, String path) {
    double value = toDouble(node, path);
    if (Math.abs(value) > Float.MAX_VALUE) {
      throw new BadArgumentException("Argument '" + path + "' is out of range for a float: " + value);
    }
    return (float) value;
  }

  public static double toDouble(JsonNode node, String path) {
    if (!node.isNumber()) {
      throw new BadArgumentException("Argument '" + path + "' must be a number, got " + describe(node));
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw new BadArgumentException("Argument '" + path + "' must be a finite number");
    }
    return value;
  }

  public static int toInt(JsonNode node, String path) {
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new BadArgumentException(
          "Argument '" + path + "' must be a 32-bit integer, got " + describe(node));
    }
    return node.intValue();
  }

  public static long toLong(JsonNode node, String path) {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new BadArgumentException(
          "Argument '" + path + "' must be a 64-bit integer, got " + describe(node));
    }
    return node.longValue();
  }

  public static short toShort(JsonNode node, String path) {
    int value = toInt(node, path);
    if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
      throw new BadArgumentException("Argument '" + path + "' is out of range for a short: " + value);
    }
    return (short) value;
  }

  public static byte toByte(JsonNode node, String path) {
    int value = toInt(node, path);
    if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
      throw new BadArgumentException("Argument '" + path + "' is out of range for a byte: " + value);
    }
    return (byte) value;
  }

  public static boolean toBoolean(JsonNode node, String path) {
    if (!node.isBoolean()) {
      throw new BadArgumentException("Argument '" + path + "' must be true or false, got " + describe(node));
    }
    return node.booleanValue();
  }

  public static char toChar(JsonNode node, String path) {
    return charOf(toText(node, path), null, path);
  }

  public static String toText(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw new BadArgumentException("Argument '" + path + "' must be a string, got " + describe(node));
    }
    return node.textValue();
  }

  public static UUID toUuid(JsonNode node, String path) {
    return uuidOf(toText(node, path), null, path);
  }

  public static <E extends Enum<E>> E toEnum(JsonNode node, String path, E[] constants) {
    return enumOf(toText(node, path), constants, null, path);
  }

  private static String describe(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  // ---- Streaming: the parser is on the value's (first) token; nothing is read past the value. ----

  /** {@code parent.name}, or {@code name} at the top ({@code parent} null): built only for errors. */
  public static String path(String parent, String name) {
    return parent == null ? name : parent + "." + name;
  }

  /** A parser over {@code node} on its first token; a missing node reads as JSON null. */
  public static JsonParser traverse(JsonNode node) throws IOException {
    JsonParser json = (node == null || node.isMissingNode() ? NullNode.getInstance() : node).traverse();
    json.nextToken();
    return json;
  }

  /**
   * Checks that the parser is on the start of an object at {@code path}, as {@link #object(JsonNode,
   * String)} does for a node; {@code json} null means the value is absent.
   */
  public static void object(JsonParser json, String path) {
    JsonToken token = json == null ? null : json.currentToken();
    if (token == null || token == JsonToken.VALUE_NULL) {
      throw new BadArgumentException("Missing argument '" + path + "': expected an object");
    }
    if (token != JsonToken.START_OBJECT) {
      throw new BadArgumentException(
          "Argument '" + path + "' must be an object, got " + describe(token));
    }
  }

  /** The error for a required member that is absent or null, as {@link #member} reports it. */
  public static BadArgumentException missing(String parent, String name) {
    return new BadArgumentException("Missing argument '" + path(parent, name) + "'");
  }

  public static float toFloat(JsonParser json, String parent, String name) throws IOException {
    double value = toDouble(json, parent, name);
    if (Math.abs(value) > Float.MAX_VALUE) {
      throw new BadArgumentException(
          "Argument '" + path(parent, name) + "' is out of range for a float: " + value);
    }
    return (float) value;
  }

  public static double toDouble(JsonParser json, String parent, String name) throws IOException {
    JsonToken token = json.currentToken();
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      throw new BadArgumentException(
          "Argument '" + path(parent, name) + "' must be a number, got " + describe(token));
    }
    double value = json.getDoubleValue();
    if (!Double.isFinite(value)) {
      throw new BadArgumentException("Argument '" + path(parent, name) + "' must be a finite number");
    }
    return value;
  }

  public static int toInt(JsonParser json, String parent, String name) throws IOException {
    JsonToken token = json.currentToken();
    if (token != JsonToken.VALUE_NUMBER_INT || json.getNumberType() != JsonParser.NumberType.INT) {
      throw new BadArgumentException(
          "Argument '" + path(parent, name) + "' must be a 32-bit integer, got " + describe(token));
    }
    return json.getIntValue();
  }

  public static long toLong(JsonParser json, String parent, String name) throws IOException {
    JsonToken token = json.currentToken();
    if (token != JsonToken.VALUE_NUMBER_INT
        || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw new BadArgumentException(
          "Argument '" + path(parent, name) + "' must be a 64-bit integer, got " + describe(token));
    }
    return json.getLongValue();
  }

  public static short toShort(JsonParser json, String parent, String name) throws IOException {
    int value = toInt(json, parent, name);
    if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
      throw new BadArgumentException(
          "Argument '" + path(parent, name) + "' is out of range for a short: " + value);
    }
    return (short) value;
  }

  public static byte toByte(JsonParser json, String parent, String name) throws IOException {
    int value = toInt(json, parent, name);
    if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
      throw new BadArgumentException(
          "Argument '" + path(parent, name) + "' is out of range for a byte: " + value);
    }
    return (byte) value;
  }

  public static boolean toBoolean(JsonParser json, String parent, String name) {
    JsonToken token = json.currentToken();
    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
      throw new BadArgumentException(
          "Argument '" + path(parent, name) + "' must be true or false, got " + describe(token));
    }
    return token == JsonToken.VALUE_TRUE;
  }

  public static char toChar(JsonParser json, String parent, String name) throws IOException {
    return charOf(toText(json, parent, name), parent, name);
  }

  public static String toText(JsonParser json, String parent, String name) throws IOException {
    JsonToken token = json.currentToken();
    if (token != JsonToken.VALUE_STRING) {
      throw new BadArgumentException(
          "Argument '" + path(parent, name) + "' must be a string, got " + describe(token));
    }
    return json.getText();
  }

  public static UUID toUuid(JsonParser json, String parent, String name) throws IOException {
    return uuidOf(toText(json, parent, name), parent, name);
  }

  public static <E extends Enum<E>> E toEnum(JsonParser json, String parent, String name, E[] constants)
      throws IOException {
    return enumOf(toText(json, parent, name), constants, parent, name);
  }

  private static char charOf(String text, String parent, String name) {
    if (text.length() != 1) {
      throw new BadArgumentException("Argument '" + path(parent, name) + "' must be a one-character string");
    }
    return text.charAt(0);
  }

  private static UUID uuidOf(String text, String parent, String name) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new BadArgumentException(
          "Argument '" + path(parent, name) + "' must be a UUID like 123e4567-e89b-12d3-a456-426614174000");
    }
  }

  private static <E extends Enum<E>> E enumOf(String text, E[] constants, String parent, String name) {
    for (E constant : constants) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E constant : constants) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name());
    }
    throw new BadArgumentException("Argument '" + path(parent, name) + "' must be one of " + allowed);
  }

  /** A token named as {@link #describe(JsonNode)} names the node it would make. */
  public static String describe(JsonToken token) {
    if (token == null) {
      return "missing";
    }
    return switch (token) {
      case START_OBJECT, END_OBJECT -> "object";
      case START_ARRAY, END_ARRAY -> "array";
      case VALUE_STRING, FIELD_NAME -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      case VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE -> "pojo";
    };
  }
}
