package io.carotene.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.carotene.processor.Sources.ARENA;
import static io.carotene.processor.Sources.GAME_SERVER;
import static io.carotene.processor.Sources.backend;
import static io.carotene.processor.Sources.compile;
import static io.carotene.processor.Sources.domain;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.carotene.processor.writing.ServiceFileWriter;
import java.io.IOException;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** What the processor generates from sound sources, and that the result compiles. */
class CaroteneProcessorTest {

  @Test
  void lifecycleHooksBecomeTheBackendsRoomHooksAndTheApplicationHandsThemToTheRuntime()
      throws IOException {
    JavaFileObject rooms =
        backend(
            "Rooms",
            """
              public record Options(String mode, int size) {}

              @OnCreate
              void created(Room room, Options options, GameWorldStore world) {}

              @OnJoinAttempt
              void attempt(Session session, Room room, Options options) {
                throw new Rejection("no");
              }

              @OnJoin
              void joined(GameWorldStore world, Session session) {}

              @OnLeave
              static void left(Session session, LeaveReason reason, GameWorldView world) {}

              @OnDispose
              void disposed(Room room) {}

              @Socket
              void leaveArena(Session session, Room room) {
                room.kick(session.userId(), "asked to leave");
              }
            """);

    Compilation compilation = compile(ARENA, rooms);

    assertThat(compilation).succeededWithoutWarnings();
    String hooks =
        compilation.generatedSourceFile("test.arena.RoomsRoomHooks").orElseThrow().getCharContent(true).toString();
    assertThat(hooks)
        .contains("this.backend.created(room, decodedOptions, this.gameWorld)")
        .contains("decodedOptions = OptionsCodec.fromJson(options, \"options\")")
        .contains("catch (Rejection refusal)")
        .contains("Rooms.left(session, reason, this.gameWorld)");
    assertThat(compilation.generatedSourceFile("test.arena.RoomsDispatcher").orElseThrow().getCharContent(true).toString())
        .contains("public RoomHooks roomHooks()")
        .contains("public void room(Room room)")
        .contains("backend.leaveArena(session, room)");
    assertThat(compilation.generatedSourceFile("test.arena.ArenaApplication").orElseThrow().getCharContent(true).toString())
        .contains("return RoomHooks.of(parts.dispatchers())");
  }

  @Test
  void theDomainsNameNamesItsApplicationAndServerAndTheServerMainIsPrintedAsANote() {
    JavaFileObject tag =
        Sources.source(
            "TagGame",
            """
            package test.arena;

            import io.carotene.annotations.*;
            import java.util.UUID;

            @Domain("Tag")
            public interface TagGame {
              record Runner(@Id UUID id, float x) {}

              @Store(model = Runner.class)
              interface Runners {}
            }
            """);

    Compilation compilation = compile(tag);

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("test.arena.TagApplication");
    assertThat(compilation).generatedSourceFile("test.arena.TagServer");
    assertThat(compilation).hadNoteContaining("Carotene: generated server main test.arena.TagServer").inFile(tag);
  }

  @Test
  void aNestedDomainsApplicationAndServerAreNamedAlike() {
    JavaFileObject outer =
        Sources.source(
            "Games",
            """
            package test.arena;

            import io.carotene.annotations.*;
            import java.util.UUID;

            public final class Games {
              @Domain
              public interface Chess {
                record Piece(@Id UUID id, int square) {}

                @Store(model = Piece.class)
                interface Board {}
              }
            }
            """);

    Compilation compilation = compile(outer);

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("test.arena.ChessApplication");
    assertThat(compilation).generatedSourceFile("test.arena.ChessServer");
  }

  @Test
  void arenaCompilesAndGeneratesEveryType() {
    Compilation compilation = compile(ARENA, GAME_SERVER);

    assertThat(compilation).succeededWithoutWarnings();
    for (String generated :
        List.of(
            "MutableVector3",
            "Vector3Codec",
            "MutablePlayer",
            "PlayerCodec",
            "GameWorldView",
            "GameWorldStore",
            "GameServerDispatcher",
            "ArenaApplication")) {
      assertThat(compilation).generatedSourceFile("test.arena." + generated);
    }
  }

  @Test
  void arenaApplicationIsRegisteredAsAService() throws IOException {
    Compilation compilation = compile(ARENA, GAME_SERVER);

    JavaFileObject services =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, "", ServiceFileWriter.PATH)
            .orElseThrow();
    assertThat(services.getCharContent(true).toString().lines())
        .filteredOn(line -> !line.startsWith("#"))
        .containsExactly("test.arena.ArenaApplication");
  }

  @Test
  void dispatcherRunsGuardsBeforeTheHandlerAndTurnsRejectionIntoAResult() throws IOException {
    String dispatcher = generatedSource(compile(ARENA, GAME_SERVER), "GameServerDispatcher");

    assertThat(dispatcher)
        .contains("new LoopRegistration(\"PhysicsTick\", 16000000L,")
        .contains("public GameServerDispatcher(GameServer backend, GameWorldStore gameWorld,\n      WorldServices services)")
        .contains("if (!(args[0] instanceof UUID playerId))")
        .contains("\"HandleInput: argument 'playerId' must be a UUID\"")
        .contains("CallResult.forbidden(\"HandleInput requires an authenticated session\")")
        .contains("if (!session.isUser(playerId))")
        .contains("catch (Rejection rejection)");
    assertThat(dispatcher.indexOf("session.isUser(playerId)"))
        .isLessThan(dispatcher.indexOf("backend.handleInput(playerId, inputVector, gameWorld)"));
  }

  @Test
  void storeModelCodecIsAMarshallerAndNestedRecordCodecIsNot() throws IOException {
    Compilation compilation = compile(ARENA, GAME_SERVER);

    assertThat(generatedSource(compilation, "PlayerCodec"))
        .contains("public final class PlayerCodec extends FlyweightMarshaller<MutablePlayer>")
        .contains("public static final int SIZE = 45;")
        .contains("public static final PlayerCodec INSTANCE");
    assertThat(generatedSource(compilation, "Vector3Codec"))
        .contains("public final class Vector3Codec {")
        .contains("public static final int SIZE = 12;")
        .doesNotContain("INSTANCE");
  }

  @Test
  void flyweightIdIsReadOnly() throws IOException {
    String flyweight = generatedSource(compile(ARENA, GAME_SERVER), "MutablePlayer");

    assertThat(flyweight)
        .contains("public UUID id()")
        .doesNotContain("public MutablePlayer id(")
        .contains("public MutablePlayer health(int health)")
        .contains("final MutableVector3 position = new MutableVector3();");
  }

  @Test
  void everySupportedComponentAndArgumentTypeCompiles() {
    JavaFileObject inventory =
        domain(
            "Inventory",
            """
              enum Rarity { COMMON, RARE, EPIC }

              record Stats(byte level, short armor, char grade, double weight, Rarity rarity) {}

              record Item(@Id long id, String name, UUID owner, Stats stats, boolean equipped, float wear) {}

              record Tag(@Id String name, int uses) {}

              record Slot(@Id int index, Rarity rarity) {}

              @Store(model = Item.class, capacity = 1_000)
              interface Items {}

              @Store(model = Tag.class)
              interface Tags {}

              @Store(model = Slot.class)
              interface Slots {}
            """);
    JavaFileObject shop =
        backend(
            "Shop",
            """
              @Loop(every = "1s")
              static void restock(ItemsStore items, TagsView tags, Tick tick) {}

              @Loop(every = "2m")
              void audit(SlotsView slots) {}

              @Socket("Buy")
              String buy(Session session, long itemId, Long quantity, String note, Inventory.Rarity rarity,
                  Inventory.Stats stats, boolean gift, byte b, short s, char c, int i, float f, double d,
                  Integer boxed, UUID buyer, ItemsStore items) {
                return items.find(itemId).map(Inventory.Item::name).orElse("none");
              }

              @Socket
              void ping() {}
            """);

    Compilation compilation = compile(inventory, shop);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.arena.InventoryApplication");
    assertThat(compilation).generatedSourceFile("test.arena.ItemCodec");
    assertThat(compilation).generatedSourceFile("test.arena.StatsCodec");
    assertThat(compilation).generatedSourceFile("test.arena.SlotsStore");
  }

  @Test
  void variableSizeModelCodecReportsNoFixedSize() throws IOException {
    JavaFileObject chat =
        domain(
            "Chat",
            """
              record Message(@Id long id, String text) {}

              @Store(model = Message.class)
              interface Messages {}
            """);

    String codec = generatedSource(compile(chat), "MessageCodec");

    assertThat(codec)
        .contains("public static final int AVERAGE_SIZE = 25;")
        .contains("return -1;")
        .doesNotContain(" SIZE = ");
  }

  @Test
  void backendWithoutStoresBelongsToTheOnlyDomain() throws IOException {
    JavaFileObject lobby = backend("Lobby", "  @Socket void hello(Session session) {}");

    Compilation compilation = compile(ARENA, lobby);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(generatedSource(compilation, "ArenaApplication"))
        .contains("new LobbyDispatcher(new Lobby(), services)");
  }

  @Test
  void domainWithoutBackendsStillGetsAnApplication() throws IOException {
    Compilation compilation = compile(ARENA);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(generatedSource(compilation, "ArenaApplication"))
        .contains("opened.add(gameWorld);")
        .contains("return new WorldParts(created, opened, List.of());");
  }

  static String generatedSource(Compilation compilation, String simpleName) throws IOException {
    return compilation
        .generatedSourceFile(Sources.PACKAGE + "." + simpleName)
        .orElseThrow(() -> new AssertionError(simpleName + " was not generated"))
        .getCharContent(true)
        .toString();
  }

  @Test
  void publicBackendInAnotherPackageIsWiredIntoItsDomainsApplication() throws IOException {
    JavaFileObject server =
        com.google.testing.compile.JavaFileObjects.forSourceString(
            "test.server.Server",
            """
            package test.server;

            import io.carotene.annotations.*;
            import io.carotene.runtime.Tick;
            import test.arena.GameWorldView;

            @Backend
            public class Server {
              @Loop(every = "50ms")
              void census(Tick tick, GameWorldView world) {}
            }
            """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.server.ServerDispatcher");
    assertThat(generatedSource(compilation, "ArenaApplication"))
        .contains("new ServerDispatcher(new Server(), gameWorld, services)");
  }
}
