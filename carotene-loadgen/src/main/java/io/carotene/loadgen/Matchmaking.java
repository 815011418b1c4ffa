package io.carotene.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A seat for a bot on a server of rooms (PROTOCOL.md, section 10): {@code POST
 * /matchmake/joinOrCreate} with the room type, and with {@code --rooms} a group filter, so that bot
 * {@code i} plays in group {@code i % rooms} (one room per group while it has seats), then the
 * WebSocket URI that redeems the reservation. A 429 is retried after its {@code Retry-After}.
 */
final class Matchmaking {
  private static final int MAX_RETRIES = 300;

  private Matchmaking() {}

  /** The WebSocket URI of a seat in group {@code group}'s room, for {@code token}'s user. */
  static CompletableFuture<URI> seat(HttpClient http, Options o, String token, int group) {
    return seat(http, o, token,
        "{\"type\":\"" + o.roomType + "\",\"options\":{\"group\":\"g" + group + "\"},\"filters\":{\"group\":\"g" + group + "\"}}");
  }

  /** The WebSocket URI of a seat in any open room of the type (the server fills one, then the next). */
  static CompletableFuture<URI> seatAnywhere(HttpClient http, Options o, String token) {
    return seat(http, o, token, "{\"type\":\"" + o.roomType + "\"}");
  }

  private static CompletableFuture<URI> seat(HttpClient http, Options o, String token, String body) {
    HttpRequest join = HttpRequest.newBuilder(o.url.resolve("/matchmake/joinOrCreate"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return send(http, join, MAX_RETRIES).thenApply(response -> {
      if (response.statusCode() != 200) {
        throw new LoadGen.LoginFailed("joinOrCreate HTTP " + response.statusCode() + " " + errorCode(response.body()));
      }
      String reservation;
      try {
        reservation = ServerMetrics.JSON.readTree(response.body()).path("reservation").asText(null);
      } catch (Exception e) {
        reservation = null;
      }
      if (reservation == null) {
        throw new LoadGen.LoginFailed("joinOrCreate answered without a reservation");
      }
      return URI.create("ws://" + o.url.getRawAuthority() + "/ws?reservation=" + reservation
          + "&format=" + o.format + "&replies=" + o.replies);
    });
  }

  /** {@code GET /rooms}: the rooms open now, or -1 if the list could not be read. */
  static int roomsOpen(HttpClient http, Options o, String token) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(o.url.resolve("/rooms"))
          .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? ServerMetrics.JSON.readTree(response.body()).path("rooms").size() : -1;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }
  }

  private static String errorCode(String body) {
    try {
      JsonNode error = ServerMetrics.JSON.readTree(body).path("error");
      return error.path("code").asText("") + ": " + error.path("message").asText("");
    } catch (Exception e) {
      return "";
    }
  }

  private static CompletableFuture<HttpResponse<String>> send(HttpClient http, HttpRequest request, int retries) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
      if (response.statusCode() != 429 || retries == 0) {
        return CompletableFuture.completedFuture(response);
      }
      long seconds = Math.max(1, response.headers().firstValueAsLong("Retry-After").orElse(1));
      return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS))
          .thenCompose(unused -> send(http, request, retries - 1));
    });
  }
}
