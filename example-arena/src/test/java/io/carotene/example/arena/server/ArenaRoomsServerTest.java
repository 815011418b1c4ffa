package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.ArenaRooms;
import io.carotene.example.arena.GameWorldView;
import io.carotene.example.arena.ProfilesView;
import io.carotene.runtime.Room;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServer.HttpResult;
import io.carotene.test.server.TestServer.SeatReservation;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shipped Arena flow against a real server: login, joinOrCreate, play, drop, reconnect, leave. */
class ArenaRoomsServerTest {
  TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  void start(int maxClients) {
    server = TestServer.builder(new ArenaApplication())
        .roomType(ArenaRooms.TYPE.withMaxClients(maxClients).withReconnectGrace(Duration.ofMinutes(1)))
        .matchmakingRateLimit(null, null)
        .start();
  }

  record Login(String token, String playerId) {}

  Login login(String name) {
    HttpResult result = server.post("/api/login", Map.of("name", name));
    assertThat(result.status()).as(result.text()).isEqualTo(200);
    return new Login(result.body().get("token").asText(), result.body().get("playerId").asText());
  }

  static JsonNode player(JsonNode snapshot, String id) {
    for (JsonNode player : snapshot.get("GameWorld")) {
      if (player.get("id").asText().equals(id)) {
        return player;
      }
    }
    return null;
  }

  boolean inRoom(String roomId, String playerId) {
    return server.server().onRoom(roomId, room -> room.world().store(GameWorldView.class).contains(UUID.fromString(playerId))).join();
  }

  Room room(String id) {
    return server.server().rooms().stream().filter(room -> room.id().equals(id)).findFirst().orElse(null);
  }

  @Test
  void aLoggedInPlayerJoinsAnArenaPlaysDropsReconnectsWhereItWasAndIsGoneAfterLeaving() {
    start(32);
    Login alice = login("alice");
    Login bob = login("bob");
    assertThat(server.getAs(alice.token(), "/rooms").body().get("rooms")).as("login puts no one anywhere").isEmpty();

    SeatReservation seat = server.joinOrCreate(alice.token(), "arena", Map.of());
    TestClient bobClient = server.connect(bob.token(), server.joinOrCreate(bob.token(), "arena", Map.of()));
    bobClient.awaitSnapshot(snapshot -> player(snapshot, bob.playerId()) != null);
    TestClient client = server.connect(alice.token(), seat);
    JsonNode first = client.awaitSnapshot(snapshot -> player(snapshot, alice.playerId()) != null);
    assertThat(player(first, alice.playerId()).get("health").asInt()).isEqualTo(100);
    assertThat(client.call("HandleInput", ArenaServerTest.input(UUID.fromString(alice.playerId()), 3, 0)).isOk()).isTrue();
    client.awaitSnapshot(snapshot -> snapshot.get("ack").asLong() == 1
        && player(snapshot, alice.playerId()).get("velocity").get("x").asDouble() == 3.0);

    client.drop();
    RoomsServerTest.await("the server saw the drop", () -> server.server().connectionCount() == 1);
    assertThat(inRoom(seat.roomId(), alice.playerId())).as("kept within the grace").isTrue();

    TestClient again = server.reconnect(alice.token(), seat);
    JsonNode resumed = again.awaitSnapshot(snapshot -> player(snapshot, alice.playerId()) != null);
    assertThat(player(resumed, alice.playerId()).get("velocity").get("x").asDouble()).isEqualTo(3.0);
    assertThat(resumed.get("ack").asLong()).isEqualTo(1);

    again.close();
    RoomsServerTest.await("alice is gone from her arena", () -> !inRoom(seat.roomId(), alice.playerId()));
    assertThat(inRoom(seat.roomId(), bob.playerId())).isTrue();
    assertThat(room(seat.roomId()).userIds()).containsExactly(bob.playerId());
  }

  @Test
  void aFullArenaSendsTheNextPlayerToANewOneAndRefusesAJoinByIdWithRoomFull() {
    start(2);
    Login alice = login("alice");
    Login bob = login("bob");
    Login carol = login("carol");
    SeatReservation first = server.joinOrCreate(alice.token(), "arena", Map.of());
    assertThat(server.joinOrCreate(bob.token(), "arena", Map.of()).roomId()).isEqualTo(first.roomId());

    HttpResult refused = server.postAs(carol.token(), "/matchmake/join/" + first.roomId(), Map.of());
    SeatReservation elsewhere = server.joinOrCreate(carol.token(), "arena", Map.of());

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().get("error").get("code").asText()).isEqualTo("ROOM_FULL");
    assertThat(refused.body().get("error").get("message").asText()).isEqualTo("Room " + first.roomId() + " is full: 2 seats");
    assertThat(elsewhere.roomId()).isNotEqualTo(first.roomId());
  }

  @Test
  void twoArenasDoNotSeeEachOthersPlayers() {
    start(1);
    Login alice = login("alice");
    Login bob = login("bob");
    SeatReservation aliceSeat = server.joinOrCreate(alice.token(), "arena", Map.of());
    SeatReservation bobSeat = server.joinOrCreate(bob.token(), "arena", Map.of());
    TestClient aliceClient = server.connect(alice.token(), aliceSeat);
    TestClient bobClient = server.connect(bob.token(), bobSeat);

    JsonNode aliceView = aliceClient.awaitSnapshot(snapshot -> player(snapshot, alice.playerId()) != null);
    JsonNode bobView = bobClient.awaitSnapshot(snapshot -> player(snapshot, bob.playerId()) != null);

    assertThat(aliceSeat.roomId()).isNotEqualTo(bobSeat.roomId());
    assertThat(RoomsServerTest.playerIds(aliceView)).containsExactly(alice.playerId());
    assertThat(RoomsServerTest.playerIds(bobView)).containsExactly(bob.playerId());
  }

  @Test
  void aTokenThatIsNoPlayerIsRefusedWithTheArenasMessage() {
    start(32);

    HttpResult refused = server.postAs(server.tokens().issue("not-a-player"), "/matchmake/joinOrCreate", Map.of("type", "arena"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().get("error").get("code").asText()).isEqualTo("JOIN_REFUSED");
    assertThat(refused.body().get("error").get("message").asText())
        .isEqualTo("Log in first (POST /api/login): only a player may join an arena");
  }

  @Test
  void loginsCountInOneProcessWideProfileWhateverArenaThePlayerJoinsAndNoArenaHoldsTheProfiles() {
    start(1);
    Login first = login("ada");
    SeatReservation firstSeat = server.joinOrCreate(first.token(), "arena", Map.of());
    Login second = login("ada");
    SeatReservation secondSeat = server.joinOrCreate(second.token(), "arena", Map.of());

    HttpResult profile = server.post("/api/profile", Map.of("name", "ada"));

    assertThat(firstSeat.roomId()).isNotEqualTo(secondSeat.roomId());
    assertThat(profile.status()).as(profile.text()).isEqualTo(200);
    assertThat(profile.body().get("gamesPlayed").asInt()).isEqualTo(2);
    assertThat(profile.body().get("seenAs").asInt()).isEqualTo(1);
    assertThat(server.server().onRoom(firstSeat.roomId(), room -> {
      try {
        room.world().store(ProfilesView.class);
        return "a room holds the profiles";
      } catch (RuntimeException absent) {
        return "absent";
      }
    }).join()).isEqualTo("absent");
  }

  @Test
  void anArenasPlayerListIsServedUnderItsRoomAndNamesByPlayerIdProcessWide() {
    start(32);
    Login alice = login("alice");
    SeatReservation seat = server.joinOrCreate(alice.token(), "arena", Map.of());
    TestClient client = server.connect(alice.token(), seat);
    client.awaitSnapshot(snapshot -> player(snapshot, alice.playerId()) != null);

    HttpResult players = server.get("/rooms/" + seat.roomId() + "/api/players");
    HttpResult names = server.get("/api/names");

    assertThat(players.status()).as(players.text()).isEqualTo(200);
    assertThat(players.body().get("players").get(0).get("id").asText()).isEqualTo(alice.playerId());
    assertThat(server.get("/api/players").status()).isEqualTo(404);
    assertThat(names.body().get("names").get(0).get("id").asText()).isEqualTo(alice.playerId());
    assertThat(names.body().get("names").get(0).get("name").asText()).isEqualTo("alice");
  }
}
