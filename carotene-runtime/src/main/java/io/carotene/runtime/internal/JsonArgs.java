package io.carotene.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.util.UUID;

/**
 * Strict readers of call arguments from JSON, used by generated dispatchers and codecs. Each names
 * the argument by its path in its error, so a client author can see at once what to fix.
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
        return new BigIntegerNode(new java.math.BigInteger(text));
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
    String text = toText(node, path);
    if (text.length() != 1) {
      throw new BadArgumentException("Argument '" + path + "' must be a one-character string");
    }
    return text.charAt(0);
  }

  public static String toText(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw new BadArgumentException("Argument '" + path + "' must be a string, got " + describe(node));
    }
    return node.textValue();
  }

  public static UUID toUuid(JsonNode node, String path) {
    String text = toText(node, path);
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new BadArgumentException(
          "Argument '" + path + "' must be a UUID like 123e4567-e89b-12d3-a456-426614174000");
    }
  }

  public static <E extends Enum<E>> E toEnum(JsonNode node, String path, E[] constants) {
    String text = toText(node, path);
    for (E constant : constants) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E constant : constants) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name());
    }
    throw new BadArgumentException("Argument '" + path + "' must be one of " + allowed);
  }

  private static String describe(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
