package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.GameWorldStore;
import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomListener;
import io.carotene.runtime.RoomType;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServer.HttpResult;
import io.carotene.test.server.TestServer.SeatReservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Arena hosted as rooms, played over real HTTP and real WebSockets. */
class RoomsServerTest {
  static final String ARENA = "arena";

  TestServer server;
  final List<String> events = new CopyOnWriteArrayList<>();

  final RoomListener recorder = new RoomListener() {
    @Override
    public void playerJoined(Room room, String userId) {
      events.add("joined " + userId);
    }

    @Override
    public void playerLeft(Room room, String userId, LeaveReason reason) {
      events.add("left " + userId + " " + reason);
    }
  };

  TestServer start(RoomType type) {
    server = TestServer.builder(new ArenaApplication())
        .roomType(type)
        .roomListener(recorder)
        .worldThreads(2)
        .matchmakingRateLimit(null, null)
        .start();
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  String token(String user) {
    return server.tokens().issue(user);
  }

  static String user() {
    return UUID.randomUUID().toString();
  }

  /** Puts {@code userId}'s player in the room, at {@code x}. */
  void spawn(String roomId, String userId, double x) {
    server.server().onRoom(roomId, room -> {
      room.world().store(GameWorldStore.class)
          .put(new Player(UUID.fromString(userId), new Vector3((float) x, 0, 0), Vector3.ZERO, true, 100));
      return null;
    }).join();
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting until " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  Room room(String id) {
    return server.server().rooms().stream().filter(room -> room.id().equals(id)).findFirst().orElse(null);
  }

  static List<String> playerIds(JsonNode snapshot) {
    List<String> ids = new ArrayList<>();
    snapshot.get("GameWorld").forEach(player -> ids.add(player.get("id").asText()));
    return ids;
  }

  @Test
  void racingJoinsNeverGiveMoreSeatsThanTheRoomHas() throws Exception {
    start(RoomType.of(ARENA).withMaxClients(8));
    SeatReservation first = server.create(token(user()), ARENA, Map.of());
    ExecutorService racers = Executors.newFixedThreadPool(16);
    try {
      List<Future<HttpResult>> joins = new ArrayList<>();
      CountDownLatch go = new CountDownLatch(1);
      for (int i = 0; i < 40; i++) {
        String token = token(user());
        joins.add(racers.submit(() -> {
          go.await();
          return server.postAs(token, "/matchmake/join/" + first.roomId(), Map.of());
        }));
      }
      go.countDown();
      int seated = 0;
      int full = 0;
      for (Future<HttpResult> join : joins) {
        HttpResult result = join.get(30, TimeUnit.SECONDS);
        if (result.status() == 200) {
          seated++;
        } else {
          assertThat(result.status()).isEqualTo(409);
          assertThat(result.body().get("error").get("code").asText()).isEqualTo("ROOM_FULL");
          full++;
        }
      }
      assertThat(seated).isEqualTo(7);
      assertThat(full).isEqualTo(33);
      assertThat(room(first.roomId()).clients()).isEqualTo(8);
    } finally {
      racers.shutdownNow();
    }
  }

  @Test
  void aReservationNeverRedeemedExpiresAndFreesItsSeat() {
    start(RoomType.of(ARENA).withMaxClients(1).withReservationTimeout(Duration.ofMillis(300)).withLinger(Duration.ofMinutes(1)));
    String alice = user();
    SeatReservation unused = server.create(token(alice), ARENA, Map.of());
    HttpResult refused = server.postAs(token(user()), "/matchmake/join/" + unused.roomId(), Map.of());
    assertThat(refused.body().get("error").get("code").asText()).isEqualTo("ROOM_FULL");

    await("the reservation expired", () -> room(unused.roomId()).clients() == 0);

    assertThat(server.handshakeStatusWithQuery(token(alice), "reservation=" + unused.reservation())).isEqualTo(410);
    assertThat(server.getAs(token(alice), "/ws?reservation=" + unused.reservation()).body().get("error").get("code").asText())
        .isEqualTo("RESERVATION_EXPIRED");
    assertThat(server.server().seatCredentials()).isZero();
    SeatReservation bob = server.join(token(user()), unused.roomId());
    assertThat(bob.roomId()).isEqualTo(unused.roomId());
    assertThat(events).isEmpty(); // alice never joined, so she never left
  }

  @Test
  void aRoomWaitsOnOneTimerTaskAtMostAndLeavesNoneBehindWhenDisposedWithReservationsUnredeemed() {
    start(RoomType.of(ARENA).withReservationTimeout(Duration.ofMinutes(1)));
    SeatReservation first = server.create(token(user()), ARENA, Map.of());
    server.join(token(user()), first.roomId());
    server.join(token(user()), first.roomId());
    assertThat(server.server().roomWakeups()).isEqualTo(1);

    server.server().onRoom(first.roomId(), room -> {
      room.dispose();
      return null;
    });

    await("the room's memory was freed", () -> server.server().roomsAlive() == 0);
    assertThat(server.server().roomWakeups()).isZero(); // nothing holds the ended room for the minute left
    assertThat(server.server().seatCredentials()).isZero();
  }

  @Test
  void aPlayerWhoReconnectsWithinTheGraceKeepsTheSeatAndTheirSeqAndAckContinue() {
    start(RoomType.of(ARENA).withReconnectGrace(Duration.ofMinutes(1)));
    String alice = user();
    SeatReservation seat = server.joinOrCreate(token(alice), ARENA, Map.of());
    spawn(seat.roomId(), alice, 0);
    TestClient first = server.connect(token(alice), seat);
    for (int i = 0; i < 3; i++) {
      assertThat(first.call("HandleInput", ArenaServerTest.input(UUID.fromString(alice), 1, 0)).isOk()).isTrue();
    }
    first.awaitSnapshot(snapshot -> snapshot.get("ack").asLong() == 3);
    first.drop();
    await("the server saw the drop", () -> server.server().connectionCount() == 0);
    assertThat(room(seat.roomId()).userIds()).containsExactly(alice);

    TestClient again = server.reconnect(token(alice), seat);
    JsonNode resumed = again.nextSnapshot();
    assertThat(resumed.get("ack").asLong()).isEqualTo(3);
    assertThat(playerIds(resumed)).containsExactly(alice);
    again.continueFromSeq(3);
    long seq = again.send("HandleInput", ArenaServerTest.input(UUID.fromString(alice), 0, 1));
    assertThat(seq).isEqualTo(4);
    assertThat(again.awaitReply(seq).isOk()).isTrue();
    again.awaitSnapshot(snapshot -> snapshot.get("ack").asLong() == 4);
    assertThat(events).containsExactly("joined " + alice);
    again.close();
    await("alice left", () -> events.contains("left " + alice + " CLOSED"));
  }

  @Test
  void aPlayerWhoDoesNotReconnectWithinTheGraceLeavesAsDropped() {
    start(RoomType.of(ARENA).withReconnectGrace(Duration.ofMillis(200)));
    String alice = user();
    SeatReservation seat = server.joinOrCreate(token(alice), ARENA, Map.of());
    TestClient client = server.connect(token(alice), seat);
    client.nextSnapshot();
    client.drop();

    await("alice left", () -> events.contains("left " + alice + " DROPPED"));
    assertThat(events).containsExactly("joined " + alice, "left " + alice + " DROPPED");
    assertThat(server.handshakeStatusWithQuery(token(alice), "reconnect=" + seat.reconnectionToken())).isEqualTo(410);
    await("the empty room ended", () -> server.server().roomsAlive() == 0);
    assertThat(server.server().seatCredentials()).isZero();
  }

  @Test
  void everyJoinRouteTellsTheRoomTypesReconnectionGrace() {
    server = TestServer.builder(new ArenaApplication())
        .roomType(RoomType.of(ARENA).withReconnectGrace(Duration.ofSeconds(7)))
        .roomType(RoomType.of("duel"))
        .matchmakingRateLimit(null, null)
        .start();
    HttpResult created = server.postAs(token(user()), "/matchmake/create", Map.of("type", ARENA));
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body().get("reconnectGraceMillis").asLong()).isEqualTo(7_000);
    HttpResult joined = server.postAs(token(user()), "/matchmake/join/" + created.body().get("roomId").asText(), Map.of());
    assertThat(joined.body().get("reconnectGraceMillis").asLong()).isEqualTo(7_000);
    HttpResult matched = server.postAs(token(user()), "/matchmake/joinOrCreate", Map.of("type", ARENA));
    assertThat(matched.body().get("roomId").asText()).isEqualTo(created.body().get("roomId").asText());
    assertThat(matched.body().get("reconnectGraceMillis").asLong()).isEqualTo(7_000);
    HttpResult duel = server.postAs(token(user()), "/matchmake/joinOrCreate", Map.of("type", "duel"));
    assertThat(duel.body().get("reconnectGraceMillis").asLong()).as("the default grace").isEqualTo(20_000);
  }

  @Test
  void anotherPlayersReconnectionTokenIsRefusedAndTheirSeatIsUntouched() {
    start(RoomType.of(ARENA));
    String alice = user();
    String mallory = user();
    SeatReservation aliceSeat = server.joinOrCreate(token(alice), ARENA, Map.of());
    TestClient aliceClient = server.connect(token(alice), aliceSeat);
    aliceClient.nextSnapshot();

    assertThat(server.handshakeStatusWithQuery(token(mallory), "reconnect=" + aliceSeat.reconnectionToken())).isEqualTo(410);
    assertThat(server.handshakeStatusWithQuery(token(mallory), "reservation=" + aliceSeat.reservation())).isEqualTo(410);

    assertThat(room(aliceSeat.roomId()).userIds()).containsExactly(alice);
    assertThat(aliceClient.isClosed()).isFalse();
    aliceClient.clearSnapshots();
    assertThat(aliceClient.nextSnapshot()).isNotNull();
  }

  @Test
  void anotherPlayersReconnectionTokenDuringTheirGraceIsRefusedWithItsCodeAndTheyStillResumeTheirSeat() {
    start(RoomType.of(ARENA).withReconnectGrace(Duration.ofMinutes(1)));
    String alice = user();
    String mallory = user();
    SeatReservation aliceSeat = server.joinOrCreate(token(alice), ARENA, Map.of());
    spawn(aliceSeat.roomId(), alice, 0);
    TestClient aliceClient = server.connect(token(alice), aliceSeat);
    aliceClient.nextSnapshot();
    aliceClient.drop();
    await("the server saw the drop", () -> server.server().connectionCount() == 0);
    int credentials = server.server().seatCredentials();

    HttpResult refused = server.getAs(token(mallory), "/ws?reconnect=" + aliceSeat.reconnectionToken());
    assertThat(refused.status()).isEqualTo(410);
    assertThat(refused.body().get("error").get("code").asText()).isEqualTo("RESERVATION_EXPIRED");
    assertThat(server.handshakeStatusWithQuery(token(mallory), "reconnect=" + aliceSeat.reconnectionToken())).isEqualTo(410);

    assertThat(room(aliceSeat.roomId()).userIds()).containsExactly(alice); // no seat for mallory; alice's kept
    assertThat(server.server().seatCredentials()).isEqualTo(credentials);
    assertThat(server.server().connectionCount()).isZero();
    TestClient resumed = server.reconnect(token(alice), aliceSeat);
    assertThat(playerIds(resumed.awaitSnapshot(s -> s.get("GameWorld").size() > 0))).containsExactly(alice);
    assertThat(events).containsExactly("joined " + alice);
    resumed.close();
    await("alice left", () -> events.contains("left " + alice + " CLOSED"));
    await("the empty room ended", () -> server.server().roomsAlive() == 0);
    assertThat(server.server().seatCredentials()).isZero();
  }

  @Test
  void twoRoomsDoNotSeeEachOthersPlayers() {
    start(RoomType.of(ARENA));
    String alice = user();
    String bob = user();
    SeatReservation aliceSeat = server.create(token(alice), ARENA, Map.of());
    SeatReservation bobSeat = server.create(token(bob), ARENA, Map.of());
    assertThat(aliceSeat.roomId()).isNotEqualTo(bobSeat.roomId());
    spawn(aliceSeat.roomId(), alice, 0);
    spawn(bobSeat.roomId(), bob, 1);

    TestClient aliceClient = server.connect(token(alice), aliceSeat);
    TestClient bobClient = server.connect(token(bob), bobSeat);

    assertThat(playerIds(aliceClient.awaitSnapshot(s -> s.get("GameWorld").size() > 0))).containsExactly(alice);
    assertThat(playerIds(bobClient.awaitSnapshot(s -> s.get("GameWorld").size() > 0))).containsExactly(bob);
  }

  @Test
  void anHttpRouteThatReadsAStoreAnswersForTheRoomItsPathNames() {
    start(RoomType.of(ARENA));
    String alice = user();
    String bob = user();
    SeatReservation aliceRoom = server.create(token(alice), ARENA, Map.of());
    SeatReservation bobRoom = server.create(token(bob), ARENA, Map.of());
    spawn(aliceRoom.roomId(), alice, 1);
    spawn(bobRoom.roomId(), bob, 2);

    HttpResult players = server.get("/rooms/" + aliceRoom.roomId() + "/api/players");

    assertThat(players.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    players.body().get("players").forEach(player -> ids.add(player.get("id").asText()));
    assertThat(ids).containsExactly(alice);
    HttpResult plain = server.get("/api/players");
    assertThat(plain.status()).isEqualTo(404);
    assertThat(plain.body().get("error").get("message").asText()).contains("/rooms/{roomId}/api/players");
  }

  @Test
  void aJoinToARoomBeingDisposedIsRefusedAndLeavesNoTrace() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch disposing = new CountDownLatch(1);
    server = TestServer.builder(new ArenaApplication())
        .roomType(RoomType.of(ARENA))
        .matchmakingRateLimit(null, null)
        .roomListener(new RoomListener() {
          @Override
          public void roomDisposed(Room room) {
            disposing.countDown();
            try {
              release.await(10, TimeUnit.SECONDS); // holds the room between its end and its release
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        })
        .start();
    String alice = user();
    SeatReservation seat = server.create(token(alice), ARENA, Map.of());
    server.server().onRoom(seat.roomId(), room -> {
      room.dispose();
      return null;
    });
    assertThat(disposing.await(10, TimeUnit.SECONDS)).isTrue();

    HttpResult join = server.postAs(token(user()), "/matchmake/join/" + seat.roomId(), Map.of());
    assertThat(join.status()).isEqualTo(404);
    assertThat(join.body().get("error").get("code").asText()).isEqualTo("ROOM_NOT_FOUND");
    assertThat(server.handshakeStatusWithQuery(token(alice), "reservation=" + seat.reservation())).isEqualTo(410);
    release.countDown();

    await("the room's memory was freed", () -> server.server().roomsAlive() == 0);
    assertThat(server.server().seatCredentials()).isZero();
    assertThat(server.server().rooms()).isEmpty();
  }

  @Test
  void aRoomCreatedForAJoinTheGameRefusesEndsInsteadOfStayingOpenWithoutSeats() {
    start(RoomType.of(ARENA));
    String notAPlayer = token("not-a-player-id"); // the Arena's join-attempt hook refuses it

    HttpResult joinOrCreate = server.postAs(notAPlayer, "/matchmake/joinOrCreate", Map.of("type", ARENA));
    HttpResult create = server.postAs(notAPlayer, "/matchmake/create", Map.of("type", ARENA));

    for (HttpResult refused : List.of(joinOrCreate, create)) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body().get("error").get("code").asText()).isEqualTo("JOIN_REFUSED");
    }
    await("the rooms made for the refused joins ended", () -> server.server().roomsAlive() == 0);
    assertThat(server.server().rooms()).isEmpty();
    assertThat(server.server().seatCredentials()).isZero();
    assertThat(server.server().roomWakeups()).isZero();
    assertThat(events).isEmpty();
  }

  @Test
  void aThousandJoinAndDisconnectCyclesLeaveNoSeatNoRoomAndNoConnection() {
    start(RoomType.of(ARENA).withLinger(Duration.ofMillis(200)));
    String alice = user();
    for (int i = 0; i < 1000; i++) {
      SeatReservation seat = server.joinOrCreate(token(alice), ARENA, Map.of());
      TestClient client = server.connect(token(alice), seat);
      if (i % 2 == 0) {
        client.close();
      } else {
        client.drop();
      }
    }
    await("every connection closed", () -> server.server().connectionCount() == 0);
    // Dropped connections keep their seat for the grace (20 s by default): a reconnect would resume
    // it. The last join took the seat over each time, so at most one seat is held.
    assertThat(server.server().rooms()).hasSizeLessThanOrEqualTo(1);
    server.server().rooms().forEach(room -> assertThat(room.clients()).isLessThanOrEqualTo(1));
    server.server().rooms().forEach(room -> room.kick(alice, "test over"));
    await("the last room ended", () -> server.server().roomsAlive() == 0);
    assertThat(server.server().seatCredentials()).isZero();
  }

  @Test
  void lockedRoomsRefuseNewPlayersAndFullProcessesRefuseNewRooms() {
    server = TestServer.builder(new ArenaApplication())
        .roomType(RoomType.of(ARENA)).maxRooms(1).matchmakingRateLimit(null, null).start();
    SeatReservation seat = server.create(token(user()), ARENA, Map.of());
    room(seat.roomId()).lock();

    HttpResult locked = server.postAs(token(user()), "/matchmake/join/" + seat.roomId(), Map.of());
    assertThat(locked.status()).isEqualTo(409);
    assertThat(locked.body().get("error").get("code").asText()).isEqualTo("ROOM_LOCKED");
    HttpResult tooMany = server.postAs(token(user()), "/matchmake/joinOrCreate", Map.of("type", ARENA));
    assertThat(tooMany.status()).isEqualTo(503);
    assertThat(tooMany.body().get("error").get("code").asText()).isEqualTo("TOO_MANY_ROOMS");
    HttpResult unknownType = server.postAs(token(user()), "/matchmake/create", Map.of("type", "nope"));
    assertThat(unknownType.status()).isEqualTo(400);
    HttpResult anonymous = server.post("/matchmake/create", Map.of("type", ARENA));
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(server.handshakeStatus(token(user()))).isEqualTo(400); // a server of rooms needs a reservation
    JsonNode listed = server.getAs(token(user()), "/rooms").body().get("rooms");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("locked").asBoolean()).isTrue();
    assertThat(listed.get(0).get("maxClients").asInt()).isEqualTo(RoomType.DEFAULT_MAX_CLIENTS);
  }

  @Test
  void matchmakingIsRateLimitedPerUserByDefault() {
    server = TestServer.builder(new ArenaApplication()).roomType(RoomType.of(ARENA)).start();
    String token = token(user());
    int limited = 0;
    for (int i = 0; i < 40; i++) {
      if (server.getAs(token, "/rooms").status() == 429) {
        limited++;
      }
    }
    assertThat(limited).isPositive();
  }
}
