package io.carotene.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import org.HdrHistogram.Histogram;

/**
 * The server's {@code GET /metrics.json}, as the server gives it (PROTOCOL.md section 8), and the
 * differences between two readings for the counters that allow it (ticks, skipped, overruns, and
 * the mean duration when the server gives it in nanoseconds).
 */
final class ServerMetrics {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The whole body, or null if the fetch failed (then {@link #error} says why). */
  final JsonNode body;
  final String error;
  final long atNanos;

  private ServerMetrics(JsonNode body, String error, long atNanos) {
    this.body = body;
    this.error = error;
    this.atNanos = atNanos;
  }

  /** A reading of {@code body} taken at {@code atNanos}: for tests. */
  static ServerMetrics of(JsonNode body, long atNanos) {
    return new ServerMetrics(body, null, atNanos);
  }

  static ServerMetrics fetch(HttpClient http, URI base) {
    long at = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(base.resolve("/metrics.json")).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return new ServerMetrics(null, "HTTP " + response.statusCode() + " " + response.body(), at);
      }
      return new ServerMetrics(JSON.readTree(response.body()), null, at);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return new ServerMetrics(null, e.toString(), at);
    }
  }

  /** The first loop (the one whose ticks are published as snapshots), or null. */
  JsonNode firstLoop() {
    if (body == null || !body.path("loops").isArray() || body.path("loops").isEmpty()) {
      return null;
    }
    return body.path("loops").get(0);
  }

  /**
   * The start-to-start tick intervals (ns) recorded between two readings of one loop: the server
   * gives its whole interval histogram (HdrHistogram's compressed form, base64, {@code
   * intervalHistogram}); the later minus the earlier is the window's. Null when either lacks it.
   */
  static Histogram intervalsBetween(JsonNode earlier, JsonNode later) {
    return between(earlier, later, "intervalHistogram");
  }

  /** Every start-to-start tick interval (ns) {@code loop} recorded, or null when it lacks them. */
  static Histogram intervals(JsonNode loop) {
    return histogram(loop, "intervalHistogram");
  }

  /**
   * The times (ns) the world thread's work after each tick took (snapshots, {@code
   * afterTickHistogram}) between two readings of one loop; null when either lacks them.
   */
  static Histogram afterTicksBetween(JsonNode earlier, JsonNode later) {
    return between(earlier, later, "afterTickHistogram");
  }

  /** Every after-tick time (ns) {@code loop} recorded, or null when it lacks them. */
  static Histogram afterTicks(JsonNode loop) {
    return histogram(loop, "afterTickHistogram");
  }

  private static Histogram between(JsonNode earlier, JsonNode later, String field) {
    Histogram start = histogram(earlier, field);
    Histogram end = histogram(later, field);
    if (start == null || end == null) {
      return null;
    }
    try {
      end.subtract(start);
      return end;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Histogram histogram(JsonNode loop, String field) {
    if (loop == null || !loop.hasNonNull(field)) {
      return null;
    }
    try {
      return decode(loop.get(field).asText());
    } catch (java.util.zip.DataFormatException | RuntimeException e) {
      return null;
    }
  }

  private static Histogram decode(String base64) throws java.util.zip.DataFormatException {
    return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
  }

  /**
   * The rooms open ({@code rooms[]}), the seats taken in them (their {@code clients}: connected,
   * reserved or within a reconnection grace) and the WebSocket connections, as this reading gives
   * them; all -1 when the fetch failed.
   */
  Occupancy occupancy() {
    if (body == null) {
      return new Occupancy(-1, -1, -1);
    }
    long seats = 0;
    for (JsonNode room : body.path("rooms")) {
      seats += room.path("clients").asLong();
    }
    return new Occupancy(body.path("rooms").size(), seats, body.path("connections").asLong(-1));
  }

  /** What a server holds at one moment: rooms open, seats taken, connections. */
  record Occupancy(int rooms, long seats, long connections) {}

  static long longOf(JsonNode node, String field) {
    return node == null || !node.hasNonNull(field) ? -1 : node.get(field).asLong();
  }
}
