package io.carotene.example.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.example.ledger.Ledger.Entry;
import io.carotene.example.ledger.Ledger.Note;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.room.RoomError;
import io.carotene.runtime.room.RoomException;
import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServer.HttpResult;
import io.carotene.test.server.TestServer.SeatReservation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Persistent rooms on a real server, with real WebSocket clients: a guild hall named by the game
 * keeps its persisted stores in {@code <data>/rooms/hall/<roomId>/}, and the room opened again
 * under its name, after it ended or after a restart, resumes them.
 */
class PersistentRoomsTest {
  static final RoomType HALL = RoomType.of("hall").persistent();
  static final RoomType VAULT = RoomType.of("vault").persistent();

  @TempDir Path data;

  private TestServer start() {
    return TestServer.builder(new LedgerApplication()).roomType(HALL).roomType(VAULT).dataDirectory(data).start();
  }

  @Test
  void aPersistentRoomsStoresSurviveItsEndAndComeBackWhenItIsOpenedAgainByName() {
    try (TestServer server = start()) {
      String alice = server.tokens().issue("alice");
      SeatReservation seat = seat(server.postAs(alice, "/matchmake/create", Map.of("type", "hall", "roomId", "guild-42")));
      assertThat(seat.roomId()).isEqualTo("guild-42");
      try (TestClient client = server.connect(alice, seat)) {
        assertThat(client.call("Deposit", Map.of("account", 1, "amount", 5)).isOk()).isTrue();
        assertThat(client.call("Deposit", Map.of("account", 2, "amount", 3)).isOk()).isTrue();
        assertThat(client.call("Note", Map.of("account", 1, "text", "dues paid")).isOk()).isTrue();
        client.awaitSnapshot(s -> settled(s, 1, 5) && settled(s, 2, 3));
      } // closed: the last seat is free, the hall (no linger) ends and closes its files
      await("the hall ended", () -> server.server().roomsAlive() == 0);

      JsonNode listed = server.getAs(alice, "/rooms").body();
      assertThat(listed.get("rooms")).isEmpty();
      assertThat(listed.get("stored").toString()).isEqualTo("[{\"id\":\"guild-42\",\"type\":\"hall\"}]");
      assertThat(data.resolve("rooms/hall/guild-42/Entries/slab.dat")).exists();
      assertThat(data.resolve("rooms/hall/guild-42/Notes/entries.cm3")).exists();

      SeatReservation again = seat(server.postAs(alice, "/matchmake/joinOrCreate", Map.of("type", "hall", "roomId", "guild-42")));
      assertThat(again.roomId()).isEqualTo("guild-42");
      try (TestClient client = server.connect(alice, again)) {
        JsonNode first = client.awaitSnapshot(s -> s.path("Entries").size() > 0);
        assertThat(settled(first, 1, 5) && settled(first, 2, 3)).as("first snapshot %s", first).isTrue();
        Note note = onRoom(server, "guild-42", room -> room.world().store(NotesStore.class).get(1L));
        assertThat(note).isEqualTo(new Note(1, "dues paid"));
        JsonNode relisted = server.getAs(alice, "/rooms").body();
        assertThat(relisted.get("stored")).isEmpty();
        assertThat(relisted.get("rooms").get(0).get("persistent").asBoolean()).isTrue();
      }
    }
  }

  @Test
  void aRoomEndedInTheMiddleOfSettlingComesBackWithEveryUnitOnceAndSettlesTheRest() {
    try (TestServer server = start()) {
      String alice = server.tokens().issue("alice");
      SeatReservation seat = seat(server.postAs(alice, "/matchmake/create", Map.of("type", "hall", "roomId", "mint")));
      try (TestClient client = server.connect(alice, seat)) {
        assertThat(client.call("Deposit", Map.of("account", 7, "amount", 100_000)).isOk()).isTrue();
        client.awaitSnapshot(s -> entry(s, 7) != null && entry(s, 7).get("amount").asInt() > 10);
      } // ends while the loop is settling: the files hold some tick's end
      await("the room ended", () -> server.server().roomsAlive() == 0);

      Room reopened = server.server().persistentRooms().open("hall", "mint");
      Entry resumed = onRoom(server, reopened.id(), room -> room.world().store(EntriesStore.class).get(7L));
      assertThat(resumed.amount()).as("settled before the end").isGreaterThan(10);
      assertThat(resumed.amount() + resumed.pending()).as("no unit lost or counted twice").isEqualTo(100_000);
      await("the loop settles on after the reopening", () ->
          onRoom(server, "mint", room -> room.world().store(EntriesStore.class).get(7L)).amount() > resumed.amount());
    }
  }

  @Test
  void aRestartedServerResumesItsPersistentRoomsOpeningThemAtStartWhenAskedElseWhenJoined() {
    try (TestServer server = start()) {
      fill(server, "guild-a", 1, 11);
      fill(server, "guild-b", 2, 22);
    } // an in-process stop: every room ends, every file is closed cleanly

    try (TestServer server = TestServer.builder(new LedgerApplication()).roomType(HALL).roomType(VAULT)
        .dataDirectory(data).reopenPersistentRooms(true).start()) {
      assertThat(server.server().rooms()).extracting(Room::id).containsExactlyInAnyOrder("guild-a", "guild-b");
      assertThat(server.server().persistentRooms().stored("hall")).containsExactly("guild-a", "guild-b");
      assertThat(entries(server, "guild-a")).containsExactly(new Entry(1, 11, 0));
      assertThat(entries(server, "guild-b")).containsExactly(new Entry(2, 22, 0));
    }

    try (TestServer server = start()) {
      assertThat(server.server().rooms()).as("not reopened unless asked").isEmpty();
      String bob = server.tokens().issue("bob");
      SeatReservation seat = seat(server.postAs(bob, "/matchmake/joinOrCreate", Map.of("type", "hall", "roomId", "guild-b")));
      try (TestClient client = server.connect(bob, seat)) {
        JsonNode first = client.awaitSnapshot(s -> s.path("Entries").size() > 0);
        assertThat(settled(first, 2, 22)).as("first snapshot %s", first).isTrue();
        assertThat(first.get("Entries")).hasSize(1);
      }
    }
  }

  @Test
  void twoPersistentRoomsKeepSeparateDirectoriesAndNeverSeeEachOthersEntries() {
    try (TestServer server = start()) {
      fill(server, "guild-a", 1, 11);
      fill(server, "guild-b", 2, 22);
      fill(server, "guild-a", 3, 33);
      server.server().persistentRooms().open("vault", "guild-c");
      onRoom(server, "guild-c", room -> {
        room.world().store(EntriesStore.class).put(new Entry(4, 44, 0));
        return null;
      });
      assertThat(entries(server, "guild-c")).containsExactly(new Entry(4, 44, 0));
      server.server().rooms().forEach(Room::dispose);
      await("every room ended", () -> server.server().roomsAlive() == 0);

      server.server().persistentRooms().open("hall", "guild-a");
      server.server().persistentRooms().open("hall", "guild-b");
      server.server().persistentRooms().open("vault", "guild-c");
      assertThat(entries(server, "guild-a")).containsExactlyInAnyOrder(new Entry(1, 11, 0), new Entry(3, 33, 0));
      assertThat(entries(server, "guild-b")).containsExactly(new Entry(2, 22, 0));
      assertThat(entries(server, "guild-c")).containsExactly(new Entry(4, 44, 0));
      assertThat(data.resolve("rooms/hall/guild-a/Entries")).isDirectory();
      assertThat(data.resolve("rooms/hall/guild-b/Entries")).isDirectory();
      assertThat(data.resolve("rooms/vault/guild-c/Entries")).isDirectory();
      assertThat(data.resolve("Entries")).as("no room store at the top").doesNotExist();
    }
  }

  @Test
  void aKeptRoomIsDeletedForGoodOnlyOnceItHasEndedAndOpensEmptyAfterwards() {
    try (TestServer server = start()) {
      fill(server, "campaign-1", 1, 11);
      fill(server, "campaign-2", 2, 22);
      await("both ended", () -> server.server().roomsAlive() == 0);
      var rooms = server.server().persistentRooms();

      rooms.open("hall", "campaign-1");
      assertThatThrownBy(() -> rooms.delete("hall", "campaign-1"))
          .isInstanceOfSatisfying(RoomException.class, e -> {
            assertThat(e.error()).isEqualTo(RoomError.ROOM_EXISTS);
            assertThat(e.getMessage()).contains("'campaign-1' (hall) is open").contains("once it has ended");
          });
      assertThat(entries(server, "campaign-1")).as("an open room's data untouched").containsExactly(new Entry(1, 11, 0));
      onRoom(server, "campaign-1", room -> {
        room.dispose();
        return null;
      });
      await("the room ended", () -> server.server().roomsAlive() == 0);

      assertThat(rooms.delete("hall", "campaign-1")).isTrue();
      assertThat(data.resolve("rooms/hall/campaign-1")).doesNotExist();
      assertThat(rooms.stored("hall")).containsExactly("campaign-2");
      String alice = server.tokens().issue("alice");
      assertThat(server.getAs(alice, "/rooms").body().get("stored").toString())
          .isEqualTo("[{\"id\":\"campaign-2\",\"type\":\"hall\"}]");
      assertThat(rooms.delete("hall", "campaign-1")).as("nothing kept any more").isFalse();
      assertThat(rooms.delete("vault", "campaign-2")).as("another type's room of that id").isFalse();
      for (String[] bad : List.of(new String[] {"hall", "../vault"}, new String[] {"hall", "Campaign-2"},
          new String[] {"arena", "campaign-2"})) {
        assertThatThrownBy(() -> rooms.delete(bad[0], bad[1])).as(String.join("/", bad))
            .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.BAD_REQUEST));
      }

      rooms.open("hall", "campaign-1");
      assertThat(entries(server, "campaign-1")).as("a deleted room opens empty").isEmpty();
      assertThat(rooms.stored("hall")).containsExactly("campaign-1", "campaign-2");
    }
  }

  @Test
  void aDeleteThatACrashInterruptedIsFinishedByTheNextStart() throws IOException {
    Path leftOver = data.resolve("rooms/hall/.deleting-old-zone/Entries");
    Files.createDirectories(leftOver);
    Files.writeString(leftOver.resolve("slab.dat"), "half deleted");
    try (TestServer server = start()) {
      assertThat(data.resolve("rooms/hall/.deleting-old-zone")).doesNotExist();
      assertThat(server.server().persistentRooms().stored("hall")).isEmpty();
    }
  }

  @Test
  void aSecondOpenRoomWithTheSameIdIsRefusedWithRoomExistsWhileJoinOrCreateJoinsIt() {
    try (TestServer server = start()) {
      String alice = server.tokens().issue("alice");
      String bob = server.tokens().issue("bob");
      SeatReservation first = seat(server.postAs(alice, "/matchmake/create", Map.of("type", "hall", "roomId", "guild-42")));

      HttpResult twice = server.postAs(bob, "/matchmake/create", Map.of("type", "hall", "roomId", "guild-42"));
      assertThat(twice.status()).isEqualTo(409);
      assertThat(twice.body().get("error").get("code").asText()).isEqualTo("ROOM_EXISTS");
      assertThat(twice.body().get("error").get("message").asText()).contains("guild-42").contains("join it");
      HttpResult otherType = server.postAs(bob, "/matchmake/create", Map.of("type", "vault", "roomId", "guild-42"));
      assertThat(otherType.body().get("error").get("code").asText()).isEqualTo("ROOM_EXISTS");
      assertThatThrownBy(() -> server.server().persistentRooms().open("hall", "guild-42"))
          .isInstanceOfSatisfying(RoomException.class, e -> assertThat(e.error()).isEqualTo(RoomError.ROOM_EXISTS));

      SeatReservation joined = seat(server.postAs(bob, "/matchmake/joinOrCreate", Map.of("type", "hall", "roomId", "guild-42")));
      assertThat(joined.roomId()).isEqualTo(first.roomId());
      assertThat(server.server().rooms()).hasSize(1);
      assertThat(server.server().rooms().get(0).userIds()).containsExactlyInAnyOrder("alice", "bob");
    }
  }

  @Test
  void aBadOrMissingRoomIdIsABadRequestThatSaysWhatANameIs() {
    try (TestServer server = start()) {
      String alice = server.tokens().issue("alice");
      for (String bad : List.of("Guild", "../etc", "", ".hidden", "a/b", "x".repeat(65))) {
        HttpResult refused = server.postAs(alice, "/matchmake/create", Map.of("type", "hall", "roomId", bad));
        assertThat(refused.status()).as(bad).isEqualTo(400);
        assertThat(refused.body().get("error").get("message").asText()).as(bad).contains("lowercase letters");
      }
      HttpResult unnamed = server.postAs(alice, "/matchmake/joinOrCreate", Map.of("type", "hall"));
      assertThat(unnamed.status()).isEqualTo(400);
      assertThat(unnamed.body().get("error").get("message").asText()).contains("send a roomId");
      assertThat(server.server().roomsAlive()).isZero();
      try (Stream<Path> files = Files.list(data.resolve("rooms"))) {
        assertThat(files.map(path -> path.getFileName().toString())).containsExactly("rooms.lock");
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void disposingARoomClosesItsFilesSoManyOpeningsLeakNoMappingAndNoDescriptor() throws IOException {
    assumeTrue(Files.exists(Path.of("/proc/self/maps")), "Linux's /proc shows what the process maps and holds");
    try (TestServer server = start()) {
      for (int cycle = 0; cycle < 40; cycle++) {
        server.server().persistentRooms().open("hall", "cycle");
        onRoom(server, "cycle", room -> {
          var entries = room.world().store(EntriesStore.class);
          if (!entries.update(1L, entry -> entry.amount(entry.amount() + 1))) {
            entries.put(new Entry(1, 1, 0));
          }
          room.world().store(NotesStore.class).put(new Note(1, "cycle"));
          return null;
        });
        onRoom(server, "cycle", room -> {
          room.dispose();
          return null;
        });
        await("the room ended", () -> server.server().roomsAlive() == 0);
      }
      String directory = data.resolve("rooms").toRealPath().toString();
      assertThat(mappingsUnder(directory)).as("files of the data directory still mapped").isEmpty();
      assertThat(descriptorsUnder(directory)).as("files of the data directory still open").containsExactly(
          directory + "/rooms.lock");

      server.server().persistentRooms().open("hall", "cycle");
      assertThat(entries(server, "cycle")).containsExactly(new Entry(1, 40, 0));
    }
  }

  @Test
  void aPersistentRoomTypeWithoutADataDirectoryOrOnADirectoryInUseRefusesToStart() {
    assertThatThrownBy(() -> TestServer.builder(new LedgerApplication()).roomType(HALL).start())
        .isInstanceOf(CaroteneConfigurationException.class)
        .hasMessageContaining("[hall] is persistent")
        .hasMessageContaining("CAROTENE_DATA_DIR");
    try (TestServer first = start()) {
      assertThatThrownBy(this::start)
          .isInstanceOf(CaroteneConfigurationException.class)
          .hasMessageContaining("in use by another server");
      assertThat(first.server().persistentRooms().open("hall", "still-fine").id()).isEqualTo("still-fine");
    }
  }

  // ---- helpers ----

  /** A player joins hall {@code id} (opened if it is not), deposits, waits until settled and leaves: it ends. */
  private static void fill(TestServer server, String id, long account, int amount) {
    String token = server.tokens().issue("filler-" + id);
    SeatReservation seat = seat(server.postAs(token, "/matchmake/joinOrCreate", Map.of("type", "hall", "roomId", id)));
    try (TestClient client = server.connect(token, seat)) {
      assertThat(client.call("Deposit", Map.of("account", account, "amount", amount)).isOk()).isTrue();
      client.awaitSnapshot(s -> settled(s, account, amount));
    }
  }

  private static List<Entry> entries(TestServer server, String roomId) {
    return onRoom(server, roomId, room -> room.world().store(EntriesStore.class).all());
  }

  private static <T> T onRoom(TestServer server, String roomId, Function<Room, T> action) {
    try {
      return server.server().onRoom(roomId, action).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("Room " + roomId + " did not answer", e);
    }
  }

  private static SeatReservation seat(HttpResult result) {
    assertThat(result.status()).as(result.text()).isEqualTo(200);
    JsonNode body = result.body();
    return new SeatReservation(body.get("roomId").asText(), body.get("reservation").asText(),
        body.get("reconnectionToken").asText(), body.get("expiresInMillis").asLong());
  }

  private static JsonNode entry(JsonNode snapshot, long account) {
    for (JsonNode entry : snapshot.path("Entries")) {
      if (entry.get("id").asLong() == account) {
        return entry;
      }
    }
    return null;
  }

  private static boolean settled(JsonNode snapshot, long account, int amount) {
    JsonNode entry = entry(snapshot, account);
    return entry != null && entry.get("amount").asInt() == amount && entry.get("pending").asInt() == 0;
  }

  /** The files under {@code directory} this process has mapped ({@code /proc/self/maps}). */
  private static List<String> mappingsUnder(String directory) throws IOException {
    return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(line -> line.contains(directory)).toList();
  }

  /** The files under {@code directory} this process holds open ({@code /proc/self/fd}). */
  private static List<String> descriptorsUnder(String directory) throws IOException {
    Map<String, String> open = new HashMap<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith(directory)) {
            open.put(fd.toString(), target);
          }
        } catch (IOException closedMeanwhile) {
          // the listing's own descriptor, or one closed since
        }
      }
    }
    return List.copyOf(open.values());
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
}
