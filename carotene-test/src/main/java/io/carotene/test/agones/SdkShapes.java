package io.carotene.test.agones;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sidecar's endpoints and their request bodies as Agones' {@code sdk.swagger.json} (and {@code
 * beta.swagger.json} for Counters and Lists) describe them: {@code sdkEmpty} is an object with no
 * fields, {@code sdkKeyValue} has string {@code key} and {@code value}, {@code sdkDuration} has an
 * int64 {@code seconds}, a Counter update has int64 {@code count}, {@code capacity} and {@code
 * countDiff}, a List value has a required string {@code value}. int64 travels as a JSON string of
 * digits, as the gateway writes it.
 */
final class SdkShapes {
  private SdkShapes() {}

  enum Operation { READY, HEALTH, ALLOCATE, RESERVE, SHUTDOWN, LABEL, ANNOTATION, GET, WATCH,
    GET_COUNTER, UPDATE_COUNTER, GET_LIST, ADD_LIST_VALUE, REMOVE_LIST_VALUE }

  enum Type { STRING, INT64 }

  /** One endpoint; {@code name} is the Counter's or List's name, if the path has one. */
  record Endpoint(Operation operation, String name, Map<String, Type> fields, Set<String> required, boolean hasBody) {
    /** Why {@code body} does not fit, or null when it does. */
    String check(JsonNode body) {
      if (!hasBody) {
        return body == null ? null : "a " + operation + " request has no body in the SDK's description, got " + body;
      }
      if (body == null || !body.isObject()) {
        return "the body must be a JSON object, got " + body;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        Type type = fields.get(field.getKey());
        if (type == null) {
          return "field '" + field.getKey() + "' is not in the SDK's description (allowed: " + fields.keySet() + ")";
        }
        JsonNode value = field.getValue();
        if (!value.isTextual()) {
          return "field '" + field.getKey() + "' must be a JSON string" + (type == Type.INT64 ? " (int64 travels as a string)" : "") + ", got " + value;
        }
        if (type == Type.INT64 && !value.asText().matches("-?\\d{1,19}")) {
          return "field '" + field.getKey() + "' must be an int64 as a string of digits, got " + value;
        }
      }
      for (String field : required) {
        if (!body.has(field)) {
          return "field '" + field + "' is required";
        }
      }
      return null;
    }
  }

  private static final Map<String, Type> NONE = Map.of();
  private static final Map<String, Type> KEY_VALUE = Map.of("key", Type.STRING, "value", Type.STRING);
  private static final Map<String, Type> DURATION = Map.of("seconds", Type.INT64);
  private static final Map<String, Type> COUNTER_UPDATE =
      Map.of("name", Type.STRING, "count", Type.INT64, "capacity", Type.INT64, "countDiff", Type.INT64);
  private static final Map<String, Type> LIST_VALUE = Map.of("value", Type.STRING);
  private static final Pattern COUNTER = Pattern.compile("/counters/([^/:]+)");
  private static final Pattern LIST = Pattern.compile("/lists/([^/:]+)(:addValue|:removeValue)?");

  /** The endpoint {@code method path} names, or null when the SDK has none there. */
  static Endpoint match(String method, String path, String countersPrefix) {
    switch (method + " " + path) {
      case "POST /ready": return empty(Operation.READY);
      case "POST /health": return empty(Operation.HEALTH);
      case "POST /allocate": return empty(Operation.ALLOCATE);
      case "POST /shutdown": return empty(Operation.SHUTDOWN);
      case "POST /reserve": return new Endpoint(Operation.RESERVE, null, DURATION, Set.of(), true);
      case "PUT /metadata/label": return new Endpoint(Operation.LABEL, null, KEY_VALUE, Set.of("key", "value"), true);
      case "PUT /metadata/annotation": return new Endpoint(Operation.ANNOTATION, null, KEY_VALUE, Set.of("key", "value"), true);
      case "GET /gameserver": return new Endpoint(Operation.GET, null, NONE, Set.of(), false);
      case "GET /watch/gameserver": return new Endpoint(Operation.WATCH, null, NONE, Set.of(), false);
      default: break;
    }
    if (!path.startsWith(countersPrefix + "/")) {
      return null;
    }
    String rest = path.substring(countersPrefix.length());
    Matcher counter = COUNTER.matcher(rest);
    if (counter.matches()) {
      return switch (method) {
        case "GET" -> new Endpoint(Operation.GET_COUNTER, counter.group(1), NONE, Set.of(), false);
        case "PATCH" -> new Endpoint(Operation.UPDATE_COUNTER, counter.group(1), COUNTER_UPDATE, Set.of(), true);
        default -> null;
      };
    }
    Matcher list = LIST.matcher(rest);
    if (list.matches()) {
      String verb = list.group(2);
      if (verb == null) {
        return method.equals("GET") ? new Endpoint(Operation.GET_LIST, list.group(1), NONE, Set.of(), false) : null;
      }
      if (!method.equals("POST")) {
        return null;
      }
      Operation operation = verb.equals(":addValue") ? Operation.ADD_LIST_VALUE : Operation.REMOVE_LIST_VALUE;
      return new Endpoint(operation, list.group(1), LIST_VALUE, Set.of("value"), true);
    }
    return null;
  }

  private static Endpoint empty(Operation operation) {
    return new Endpoint(operation, null, NONE, Set.of(), true);
  }
}
