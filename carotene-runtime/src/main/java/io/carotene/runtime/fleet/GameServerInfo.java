package io.carotene.runtime.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Agones {@code GameServer} as the sidecar describes it ({@code GET /gameserver}, each line of
 * {@code GET /watch/gameserver}): its name, its state ({@code Scheduled}, {@code Ready}, {@code
 * Allocated}, {@code Reserved}, {@code Shutdown}...), its labels and annotations (an allocation
 * can set some, e.g. a match id or mode), its address and ports, its Counters and Lists.
 */
public record GameServerInfo(
    String name,
    String namespace,
    String state,
    String address,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, Integer> ports,
    Map<String, CounterStatus> counters,
    Map<String, ListStatus> lists) {

  /** The prefix Agones puts before the keys of labels and annotations set through the SDK. */
  public static final String SDK_KEY_PREFIX = "agones.dev/sdk-";

  /** The state of a server that Agones handed to players ({@code GameServerAllocation}). */
  public static final String ALLOCATED = "Allocated";

  public GameServerInfo {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    ports = Map.copyOf(ports);
    counters = Map.copyOf(counters);
    lists = Map.copyOf(lists);
  }

  /** Whether Agones has allocated this server. */
  public boolean allocated() {
    return ALLOCATED.equals(state);
  }

  /**
   * The label {@code key}: as set by an allocation or the manifest ({@code key}), or through the
   * SDK ({@code agones.dev/sdk-key}), in that order.
   */
  public Optional<String> label(String key) {
    return lookUp(labels, key);
  }

  /** The annotation {@code key}, looked up as {@link #label} is. */
  public Optional<String> annotation(String key) {
    return lookUp(annotations, key);
  }

  private static Optional<String> lookUp(Map<String, String> map, String key) {
    String value = map.get(key);
    return Optional.ofNullable(value != null ? value : map.get(SDK_KEY_PREFIX + key));
  }

  /** Reads the sidecar's {@code sdkGameServer} JSON; absent fields are empty, int64 may be strings. */
  public static GameServerInfo fromJson(JsonNode json) {
    JsonNode meta = json.path("object_meta");
    JsonNode status = json.path("status");
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (JsonNode port : status.path("ports")) {
      ports.put(port.path("name").asText(""), port.path("port").asInt());
    }
    Map<String, CounterStatus> counters = new LinkedHashMap<>();
    status.path("counters").fields().forEachRemaining(e -> counters.put(e.getKey(), CounterStatus.fromJson(e.getKey(), e.getValue())));
    Map<String, ListStatus> lists = new LinkedHashMap<>();
    status.path("lists").fields().forEachRemaining(e -> lists.put(e.getKey(), ListStatus.fromJson(e.getKey(), e.getValue())));
    return new GameServerInfo(
        meta.path("name").asText(""),
        meta.path("namespace").asText(""),
        status.path("state").asText(""),
        status.path("address").asText(""),
        strings(meta.path("labels")),
        strings(meta.path("annotations")),
        ports,
        counters,
        lists);
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  /** An Agones Counter: a count and its capacity. */
  public record CounterStatus(String name, long count, long capacity) {
    static CounterStatus fromJson(String name, JsonNode json) {
      return new CounterStatus(json.path("name").asText(name), json.path("count").asLong(), json.path("capacity").asLong());
    }
  }

  /** An Agones List: values (e.g. player ids) and its capacity. */
  public record ListStatus(String name, long capacity, List<String> values) {
    public ListStatus {
      values = List.copyOf(values);
    }

    static ListStatus fromJson(String name, JsonNode json) {
      List<String> values = new ArrayList<>();
      json.path("values").forEach(v -> values.add(v.asText()));
      return new ListStatus(json.path("name").asText(name), json.path("capacity").asLong(), Collections.unmodifiableList(values));
    }
  }
}
