package io.carotene.example.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.server.CaroteneServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persisted store of scope ROOM: a single world keeps it; a server of rooms whose room types are
 * not persistent refuses to start (see {@link PersistentRoomsTest} for persistent ones).
 */
class PersistedRoomStoreTest {
  private static final Tokens TOKENS = Tokens.withSecret("0123456789abcdef0123456789abcdef-ledger");

  @TempDir Path data;

  private CaroteneServer.Builder server() {
    return CaroteneServer.builder(new LedgerApplication()).host("127.0.0.1").port(0).tokens(TOKENS).dataDirectory(data);
  }

  @Test
  void aServerOfRoomsRefusesAPersistedRoomStoreAtStartNamingTheStoreAndTheFix() throws Exception {
    assertThatThrownBy(() -> server().roomType(RoomType.of("ledger")).start())
        .isInstanceOf(CaroteneConfigurationException.class)
        .hasMessageContaining("Store Entries, Notes is @Store(engine = PERSISTED) in every room")
        .hasMessageContaining("room type [ledger] does not keep")
        .hasMessageContaining("RoomType.of(\"ledger\").persistent()")
        .hasMessageContaining("scope = Scope.SERVER")
        .hasMessageContaining("serve Ledger as a single world");
    try (var files = Files.list(data)) {
      assertThat(files).as("nothing was opened in the data directory").isEmpty();
    }
  }

  @Test
  void oneTypeThatIsNotPersistentBesideAPersistentOneStillRefusesNamingIt() {
    assertThatThrownBy(() -> server().roomType(RoomType.of("hall").persistent()).roomType(RoomType.of("match")).start())
        .isInstanceOf(CaroteneConfigurationException.class)
        .hasMessageContaining("room type [match] does not keep");
  }

  @Test
  void aSingleWorldServerKeepsAPersistedRoomStore() {
    try (CaroteneServer server = server().start()) {
      assertThat(server.rooms()).hasSize(1);
    }
  }
}
