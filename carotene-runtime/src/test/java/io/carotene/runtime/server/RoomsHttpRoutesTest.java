package io.carotene.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.wire.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server of rooms' {@code @Http} routes: those that touch no store answer at their path for the
 * whole process; those that take a store answer under {@code /rooms/{roomId}}, for that room.
 */
class RoomsHttpRoutesTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final Tokens tokens = Tokens.withRandomSecret();
  private CaroteneServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private CaroteneServer start(HttpRoute... routes) {
    server = CaroteneServer.builder(new RoutesApplication(List.of(routes)))
        .host("127.0.0.1").port(0).tokens(tokens).worldThreads(1)
        .roomType(RoomType.of("match")).matchmakingRateLimit(null, null)
        .start();
    return server;
  }

  private static CallResult text(String value) {
    return CallResult.ok(value, json -> json.writeString(value));
  }

  private HttpResponse<String> send(String method, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.httpUri() + path))
        .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{\"type\":\"match\"}")
            : HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String createRoom() throws Exception {
    HttpResponse<String> created = send("POST", "/matchmake/create", tokens.issue("alice"));
    assertThat(created.statusCode()).isEqualTo(200);
    return Json.MAPPER.readTree(created.body()).get("roomId").asText();
  }

  private static String code(HttpResponse<String> response) throws Exception {
    JsonNode body = Json.MAPPER.readTree(response.body());
    return body.get("error").get("code").asText();
  }

  @Test
  void aRouteThatTouchesNoStoreIsServedAtItsPathWithoutAnyRoom() throws Exception {
    start(new HttpRoute("GET", "/version", false, call -> text("1.2")));

    HttpResponse<String> version = send("GET", "/version", null);

    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(version.body()).isEqualTo("\"1.2\"");
    assertThat(server.rooms()).isEmpty();
  }

  @Test
  void aStoreRouteRunsOnTheThreadOfTheRoomItsPathNames() throws Exception {
    start(new HttpRoute("GET", "/score", true, call -> text(Thread.currentThread().getName())));
    String roomId = createRoom();

    HttpResponse<String> score = send("GET", "/rooms/" + roomId + "/score", null);

    assertThat(score.statusCode()).isEqualTo(200);
    String roomThread = server.onRoom(roomId, room -> Thread.currentThread().getName()).join();
    assertThat(score.body()).isEqualTo("\"" + roomThread + "\"");
  }

  @Test
  void aStoreRouteAtItsPlainPathIs404SayingWhereItIs() throws Exception {
    start(new HttpRoute("GET", "/score", true, call -> text("never")));

    HttpResponse<String> plain = send("GET", "/score", null);

    assertThat(plain.statusCode()).isEqualTo(404);
    assertThat(code(plain)).isEqualTo("NOT_FOUND");
    assertThat(plain.body()).contains("/rooms/{roomId}/score");
  }

  @Test
  void aStoreRouteOfAnUnknownRoomIs404RoomNotFound() throws Exception {
    start(new HttpRoute("GET", "/score", true, call -> text("never")));
    createRoom();

    HttpResponse<String> unknown = send("GET", "/rooms/nosuchroom/score", null);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(code(unknown)).isEqualTo("ROOM_NOT_FOUND");
    assertThat(send("GET", "/rooms/" + server.rooms().get(0).id() + "/nosuchroute", null).statusCode()).isEqualTo(404);
  }

  @Test
  void theRoomListStaysAtRooms() throws Exception {
    start(new HttpRoute("GET", "/score", true, call -> text("never")));
    String roomId = createRoom();

    HttpResponse<String> list = send("GET", "/rooms", tokens.issue("bob"));

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(list.body()).get("rooms").get(0).get("id").asText()).isEqualTo(roomId);
  }

  @Test
  void aRouteUnderTheRuntimesRoomPathsIsRefusedAtStart() {
    assertThatThrownBy(() -> start(new HttpRoute("GET", "/rooms/mine", false, call -> text("never"))))
        .isInstanceOf(CaroteneConfigurationException.class)
        .hasMessageContaining("GET /rooms/mine")
        .hasMessageContaining("choose another path");
  }
}
