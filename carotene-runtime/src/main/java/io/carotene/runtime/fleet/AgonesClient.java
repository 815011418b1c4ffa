package io.carotene.runtime.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carotene.runtime.fleet.GameServerInfo.CounterStatus;
import io.carotene.runtime.fleet.GameServerInfo.ListStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The Agones SDK over the sidecar's HTTP/JSON API ({@code sdk.swagger.json} of Agones; Counters
 * and Lists as in its {@code beta.swagger.json}, under {@link AgonesSettings#countersPrefix()}).
 * Each method makes one request and returns when the sidecar answered 2xx, or throws {@link
 * AgonesException}; retrying is the caller's choice ({@link AgonesFleet} retries). int64 fields
 * travel as JSON strings, as the sidecar's gateway writes them. Thread-safe.
 */
public final class AgonesClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EMPTY = "{}";

  private final HttpClient http;
  private final URI base;
  private final String countersPrefix;
  private final Duration timeout;

  public AgonesClient(AgonesSettings settings) {
    this.base = URI.create("http://" + settings.host() + ":" + settings.port());
    this.countersPrefix = settings.countersPrefix();
    this.timeout = settings.requestTimeout();
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  /** {@code POST /ready}: the server takes players; Agones may allocate it. */
  public void ready() {
    send("POST", "/ready", EMPTY);
  }

  /** {@code POST /health}: one ping; Agones marks the server unhealthy when they stop. */
  public void health() {
    send("POST", "/health", EMPTY);
  }

  /** {@code POST /allocate}: marks the server {@code Allocated} itself. */
  public void allocate() {
    send("POST", "/allocate", EMPTY);
  }

  /** {@code POST /reserve}: {@code Reserved} for {@code duration} (whole seconds), then back to {@code Ready}. */
  public void reserve(Duration duration) {
    ObjectNode body = JSON.createObjectNode().put("seconds", String.valueOf(duration.toSeconds()));
    send("POST", "/reserve", body.toString());
  }

  /** {@code POST /shutdown}: Agones deletes the server's pod. */
  public void shutdown() {
    send("POST", "/shutdown", EMPTY);
  }

  /** {@code PUT /metadata/label}: the label {@code agones.dev/sdk-<key>} on the GameServer. */
  public void setLabel(String key, String value) {
    send("PUT", "/metadata/label", keyValue(key, value));
  }

  /** {@code PUT /metadata/annotation}: the annotation {@code agones.dev/sdk-<key>} on the GameServer. */
  public void setAnnotation(String key, String value) {
    send("PUT", "/metadata/annotation", keyValue(key, value));
  }

  /** {@code GET /gameserver}. */
  public GameServerInfo gameServer() {
    return GameServerInfo.fromJson(read(send("GET", "/gameserver", null), "/gameserver"));
  }

  /**
   * {@code GET /watch/gameserver}: calls {@code onChange} with the GameServer on each line of the
   * stream ({@code {"result": GameServer}}), on the calling thread, until the stream ends (returns)
   * or fails (throws). Interrupting the thread ends it.
   */
  public void watchGameServer(Consumer<GameServerInfo> onChange) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/watch/gameserver")).GET().build();
    HttpResponse<Stream<String>> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw new AgonesException("GET /watch/gameserver failed: " + e, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgonesException("GET /watch/gameserver interrupted", 0, e);
    }
    try (Stream<String> lines = response.body()) {
      if (response.statusCode() / 100 != 2) {
        throw new AgonesException("GET /watch/gameserver answered " + response.statusCode(), response.statusCode(), null);
      }
      Iterator<String> each = lines.iterator();
      while (each.hasNext()) {
        String line = each.next();
        if (line.isBlank()) {
          continue;
        }
        JsonNode result = read(line, "/watch/gameserver").path("result");
        if (result.isObject()) {
          onChange.accept(GameServerInfo.fromJson(result));
        }
      }
    } catch (UncheckedIOException e) {
      throw new AgonesException("GET /watch/gameserver broke off: " + e.getCause(), 0, e);
    }
  }

  /** {@code GET /counters/{name}}. */
  public CounterStatus counter(String name) {
    String path = countersPrefix + "/counters/" + segment(name);
    return CounterStatus.fromJson(name, read(send("GET", path, null), path));
  }

  /**
   * {@code PATCH /counters/{name}}: sets the count and/or the capacity (null leaves either as it
   * is). Absolute values, so a retried request has the same effect as one.
   */
  public CounterStatus setCounter(String name, Long count, Long capacity) {
    ObjectNode body = JSON.createObjectNode();
    if (count != null) {
      body.put("count", String.valueOf(count));
    }
    if (capacity != null) {
      body.put("capacity", String.valueOf(capacity));
    }
    return patchCounter(name, body);
  }

  /** {@code PATCH /counters/{name}} with {@code countDiff}: adds {@code diff} (negative to subtract). */
  public CounterStatus addToCounter(String name, long diff) {
    return patchCounter(name, JSON.createObjectNode().put("countDiff", String.valueOf(diff)));
  }

  /** {@code GET /lists/{name}}. */
  public ListStatus list(String name) {
    String path = countersPrefix + "/lists/" + segment(name);
    return ListStatus.fromJson(name, read(send("GET", path, null), path));
  }

  /** {@code POST /lists/{name}:addValue}; 409 (already there) and 400 (full) throw. */
  public ListStatus addListValue(String name, String value) {
    return listValue(name, ":addValue", value);
  }

  /** {@code POST /lists/{name}:removeValue}; 404 (not there) throws. */
  public ListStatus removeListValue(String name, String value) {
    return listValue(name, ":removeValue", value);
  }

  private CounterStatus patchCounter(String name, ObjectNode body) {
    String path = countersPrefix + "/counters/" + segment(name);
    return CounterStatus.fromJson(name, read(send("PATCH", path, body.toString()), path));
  }

  private ListStatus listValue(String name, String verb, String value) {
    String path = countersPrefix + "/lists/" + segment(name) + verb;
    String body = JSON.createObjectNode().put("value", Objects.requireNonNull(value, "value")).toString();
    return ListStatus.fromJson(name, read(send("POST", path, body), path));
  }

  private static String keyValue(String key, String value) {
    return JSON.createObjectNode()
        .put("key", Objects.requireNonNull(key, "key"))
        .put("value", Objects.requireNonNull(value, "value"))
        .toString();
  }

  private static String segment(String name) {
    return URLEncoder.encode(Objects.requireNonNull(name, "name"), StandardCharsets.UTF_8).replace("+", "%20");
  }

  private String send(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AgonesException(method + " " + path + " failed: " + e, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgonesException(method + " " + path + " interrupted", 0, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new AgonesException(method + " " + path + " answered " + response.statusCode() + ": " + abbreviate(response.body()),
          response.statusCode(), null);
    }
    return response.body();
  }

  private static JsonNode read(String text, String path) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AgonesException(path + " answered something that is not JSON: " + abbreviate(text), 0, e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
