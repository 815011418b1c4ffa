package io.carotene.test.agones;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Consumer;

/** The stand-in's GameServer ({@code sdkGameServer}), changed by the requests; each change is published. */
final class GameServerState {
  /** Ends a watch stream. */
  static final String END = new String("end of stream");

  record Answer(int status, JsonNode body) {}

  private static final String SDK_PREFIX = "agones.dev/sdk-";

  private final ObjectMapper json;
  private final Consumer<JsonNode> published;
  private final ObjectNode gameServer;

  GameServerState(ObjectMapper json, Consumer<JsonNode> published) {
    this.json = json;
    this.published = published;
    this.gameServer = json.createObjectNode();
    ObjectNode meta = gameServer.putObject("object_meta");
    meta.put("name", "arena-stand-in").put("namespace", "default").put("generation", "1");
    meta.putObject("labels");
    meta.putObject("annotations");
    ObjectNode status = gameServer.putObject("status");
    status.put("state", "Scheduled").put("address", "127.0.0.1");
    status.putArray("ports").addObject().put("name", "default").put("port", 7654);
    status.putObject("counters");
    status.putObject("lists");
  }

  synchronized JsonNode snapshot() {
    return gameServer.deepCopy();
  }

  synchronized void declareCounter(String name, long capacity) {
    counters().putObject(name).put("count", "0").put("capacity", String.valueOf(capacity));
  }

  synchronized void declareList(String name, long capacity) {
    lists().putObject(name).put("capacity", String.valueOf(capacity)).putArray("values");
  }

  void allocate(Map<String, String> labels, Map<String, String> annotations) {
    synchronized (this) {
      labels.forEach(meta().withObjectProperty("labels")::put);
      annotations.forEach(meta().withObjectProperty("annotations")::put);
      status().put("state", "Allocated");
    }
    publish();
  }

  Answer apply(SdkShapes.Endpoint endpoint, JsonNode body) {
    Answer answer;
    synchronized (this) {
      answer = switch (endpoint.operation()) {
        case READY -> state("Ready");
        case ALLOCATE -> state("Allocated");
        case RESERVE -> state("Reserved");
        case SHUTDOWN -> state("Shutdown");
        case HEALTH -> new Answer(200, json.createObjectNode());
        case LABEL -> metadata("labels", body);
        case ANNOTATION -> metadata("annotations", body);
        case GET -> new Answer(200, gameServer.deepCopy());
        case GET_COUNTER -> counter(endpoint.name(), null);
        case UPDATE_COUNTER -> counter(endpoint.name(), body);
        case GET_LIST -> list(endpoint.name());
        case ADD_LIST_VALUE -> addValue(endpoint.name(), body.path("value").asText());
        case REMOVE_LIST_VALUE -> removeValue(endpoint.name(), body.path("value").asText());
        case WATCH -> throw new IllegalStateException("the watch is served by the stand-in");
      };
    }
    if (answer.status() == 200 && endpoint.operation() != SdkShapes.Operation.HEALTH
        && endpoint.operation() != SdkShapes.Operation.GET && endpoint.operation() != SdkShapes.Operation.GET_COUNTER
        && endpoint.operation() != SdkShapes.Operation.GET_LIST) {
      publish();
    }
    return answer;
  }

  private Answer state(String state) {
    status().put("state", state);
    return new Answer(200, json.createObjectNode());
  }

  private Answer metadata(String kind, JsonNode body) {
    meta().withObjectProperty(kind).put(SDK_PREFIX + body.path("key").asText(), body.path("value").asText());
    return new Answer(200, json.createObjectNode());
  }

  private Answer counter(String name, JsonNode update) {
    ObjectNode counter = (ObjectNode) counters().get(name);
    if (counter == null) {
      return error(404, 5, "counter not found: " + name);
    }
    long count = counter.path("count").asLong();
    long capacity = counter.path("capacity").asLong();
    if (update != null) {
      if (update.has("capacity")) {
        capacity = update.path("capacity").asLong();
      }
      if (update.has("count")) {
        count = update.path("count").asLong();
      }
      if (update.has("countDiff")) {
        count += update.path("countDiff").asLong();
      }
      if (count < 0 || count > capacity || capacity < 0) {
        return error(400, 11, "count " + count + " out of range [0," + capacity + "]");
      }
      counter.put("count", String.valueOf(count)).put("capacity", String.valueOf(capacity));
    }
    return new Answer(200, json.createObjectNode().put("name", name).put("count", String.valueOf(count))
        .put("capacity", String.valueOf(capacity)));
  }

  private Answer list(String name) {
    ObjectNode list = (ObjectNode) lists().get(name);
    return list == null ? error(404, 5, "list not found: " + name) : new Answer(200, listBody(name, list));
  }

  private Answer addValue(String name, String value) {
    ObjectNode list = (ObjectNode) lists().get(name);
    if (list == null) {
      return error(404, 5, "list not found: " + name);
    }
    ArrayNode values = (ArrayNode) list.get("values");
    for (JsonNode existing : values) {
      if (existing.asText().equals(value)) {
        return error(409, 6, "already exists: " + value);
      }
    }
    if (values.size() >= list.path("capacity").asLong()) {
      return error(400, 11, "list " + name + " is at capacity");
    }
    values.add(value);
    return new Answer(200, listBody(name, list));
  }

  private Answer removeValue(String name, String value) {
    ObjectNode list = (ObjectNode) lists().get(name);
    if (list == null) {
      return error(404, 5, "list not found: " + name);
    }
    ArrayNode values = (ArrayNode) list.get("values");
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).asText().equals(value)) {
        values.remove(i);
        return new Answer(200, listBody(name, list));
      }
    }
    return error(404, 5, "not found: " + value);
  }

  private ObjectNode listBody(String name, ObjectNode list) {
    ObjectNode body = json.createObjectNode().put("name", name).put("capacity", list.path("capacity").asText());
    body.set("values", list.get("values").deepCopy());
    return body;
  }

  private Answer error(int status, int grpcCode, String message) {
    return new Answer(status, json.createObjectNode().put("code", grpcCode).put("message", message));
  }

  /** Publishes under the lock, so watchers get the changes in the order they were made. */
  private synchronized void publish() {
    published.accept(gameServer.deepCopy());
  }

  /** Runs {@code action} while no change can happen (a new watcher's first line and its registration). */
  synchronized void whileUnchanged(Runnable action) {
    action.run();
  }

  private ObjectNode meta() {
    return (ObjectNode) gameServer.get("object_meta");
  }

  private ObjectNode status() {
    return (ObjectNode) gameServer.get("status");
  }

  private ObjectNode counters() {
    return (ObjectNode) status().get("counters");
  }

  private ObjectNode lists() {
    return (ObjectNode) status().get("lists");
  }
}
