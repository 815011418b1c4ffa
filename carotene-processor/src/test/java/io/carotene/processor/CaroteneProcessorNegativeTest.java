package io.carotene.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.carotene.processor.Sources.ARENA;
import static io.carotene.processor.Sources.GAME_SERVER;
import static io.carotene.processor.Sources.backend;
import static io.carotene.processor.Sources.compile;
import static io.carotene.processor.Sources.domain;
import static io.carotene.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.carotene.processor.diagnostics.Message;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per check: the error carries the check's id, and points at the file and line a user
 * must fix. Each compiles the sound Arena domain plus the one broken piece.
 */
class CaroteneProcessorNegativeTest {

  // ---- Room lifecycle hooks

  /** A domain with one store per process ({@code Ranks}) and one per room ({@code Units}). */
  private static final JavaFileObject LADDER =
      domain(
          "Ladder",
          """
            record Rank(@Id String name, int wins) {}
            @Store(model = Rank.class, engine = Engine.PERSISTED, scope = Scope.SERVER) interface Ranks {}
            record Unit(@Id long id, int hp) {}
            @Store(model = Unit.class) interface Units {}
          """);

  @Test
  void serverScopedStoreTakenByALoopAHandlerOrAHookIsAnErrorOnEachParameter() {
    JavaFileObject rooms =
        backend(
            "Rooms",
            """
              @Loop(every = "16ms") void tick(Tick tick,
                  RanksStore loopRanks) {}
              @Socket void win(Session session,
                  RanksStore socketRanks) {}
              @OnJoin void joined(Session session,
                  RanksView hookRanks) {}
            """);

    Compilation compilation = compile(LADDER, rooms);

    for (String parameter : List.of("loopRanks", "socketRanks", "hookRanks")) {
      assertThat(compilation)
          .hadErrorContaining(Message.SERVER_STORE_IN_ROOM.tag())
          .inFile(rooms)
          .onLineContaining(parameter);
    }
    assertThat(compilation).hadErrorContaining("store Ranks is scope = Scope.SERVER");
    assertThat(compilation).hadErrorCount(3);
  }

  @Test
  void serverScopedStoreVisibleToClientsIsAnErrorOnTheStore() {
    JavaFileObject ladder =
        domain(
            "Ladder",
            """
              record Rank(@Id String name, int wins) {}
              @Visible
              @Store(model = Rank.class, scope = Scope.SERVER) interface Ranks {}
            """);

    assertThat(compile(ladder))
        .hadErrorContaining(Message.SERVER_STORE_VISIBLE.tag() + " Store Ranks is scope = Scope.SERVER and visible")
        .inFile(ladder)
        .onLineContaining("interface Ranks");
  }

  @Test
  void routeTakingAServerScopedStoreAndARoomStoreIsAnErrorOnTheRoute() {
    JavaFileObject ladder =
        backend(
            "LadderHttp",
            """
              @Http(method = Http.Method.GET, path = "/api/ranks")
              int ranks(RanksView ranks, UnitsView units) { return ranks.count() + units.count(); }
            """);

    assertThat(compile(LADDER, ladder))
        .hadErrorContaining(
            Message.ROUTE_MIXES_SCOPES.tag() + " Route GET /api/ranks takes server-scoped store Ranks and room store Units")
        .inFile(ladder)
        .onLineContaining("int ranks(");
  }

  @Test
  void routeTakingOnlyServerScopedStoresIsServedProcessWideAndHooksTakeTheWorldsRngAndIds() throws Exception {
    JavaFileObject ladder =
        backend(
            "LadderHttp",
            """
              @Http(method = Http.Method.GET, path = "/api/ranks")
              int ranks(RanksView ranks) { return ranks.count(); }
              @Http(method = Http.Method.GET, path = "/api/units")
              int units(UnitsView units) { return units.count(); }
              @OnJoin void joined(Session session, Rng rng, Ids ids, UnitsStore units) {
                units.put(new Ladder.Unit(ids.nextLong(), 1 + rng.nextInt(10)));
              }
            """);

    Compilation compilation = compile(LADDER, ladder);

    assertThat(compilation).succeededWithoutWarnings();
    String dispatcher =
        compilation.generatedSourceFile("test.arena.LadderHttpDispatcher").orElseThrow().getCharContent(true).toString();
    assertThat(dispatcher).contains("new HttpRoute(\"GET\", \"/api/ranks\", true, true, this::");
    assertThat(dispatcher).contains("new HttpRoute(\"GET\", \"/api/units\", true, this::");
    String application =
        compilation.generatedSourceFile("test.arena.LadderApplication").orElseThrow().getCharContent(true).toString();
    assertThat(application).contains("if (options.opensServerStores())");
    assertThat(application).contains("if (options.opensRoomStores())");
    String hooks =
        compilation.generatedSourceFile("test.arena.LadderHttpRoomHooks").orElseThrow().getCharContent(true).toString();
    assertThat(hooks).contains("this.services.random(), this.services.ids()");
  }

  @Test
  void hookParameterOfAnotherKindIsAnErrorOnTheParameter() {
    JavaFileObject rooms =
        backend(
            "Rooms",
            """
              @OnDispose
              void disposed(Room room,
                  Session session) {}
            """);

    Compilation compilation = compile(ARENA, rooms);

    assertThat(compilation)
        .hadErrorContaining(Message.HOOK_PARAMETER.tag())
        .inFile(rooms)
        .onLineContaining("Session session");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void leaveReasonOutsideALeaveHookIsAnError() {
    JavaFileObject rooms =
        backend("Rooms", "  @OnJoin void joined(Session session,\n      LeaveReason reason) {}");

    assertThat(compile(ARENA, rooms))
        .hadErrorContaining(Message.HOOK_PARAMETER.tag())
        .inFile(rooms)
        .onLineContaining("LeaveReason reason");
  }

  @Test
  void hookOptionsThatAreNotARecordAreAnError() {
    JavaFileObject rooms =
        backend("Rooms", "  @OnCreate void created(Room room,\n      String mode) {}");

    assertThat(compile(ARENA, rooms))
        .hadErrorContaining(Message.HOOK_OPTIONS_NOT_RECORD.tag())
        .inFile(rooms)
        .onLineContaining("String mode");
  }

  @Test
  void twoOptionsRecordsInOneHookAreAnError() {
    JavaFileObject rooms =
        backend(
            "Rooms",
            """
              public record Mode(String name) {}
              public record Map(String name) {}

              @OnCreate
              void created(Mode mode, Map map) {}
            """);

    assertThat(compile(ARENA, rooms))
        .hadErrorContaining(Message.HOOK_OPTIONS_TWICE.tag())
        .inFile(rooms)
        .onLineContaining("@OnCreate");
  }

  @Test
  void optionsOnAJoinHookAreAnError() {
    JavaFileObject rooms =
        backend(
            "Rooms",
            """
              public record Team(String name) {}

              @OnJoin
              void joined(Session session,
                  Team team) {}
            """);

    assertThat(compile(ARENA, rooms))
        .hadErrorContaining(Message.HOOK_PARAMETER.tag())
        .inFile(rooms)
        .onLineContaining("Team team");
  }

  @Test
  void hookThatReturnsAValueIsAnError() {
    JavaFileObject rooms =
        backend(
            "Rooms",
            """
              @OnJoinAttempt
              boolean mayJoin(Session session) { return true; }
            """);

    assertThat(compile(ARENA, rooms))
        .hadErrorContaining(Message.HOOK_RESULT.tag())
        .inFile(rooms)
        .onLineContaining("@OnJoinAttempt");
  }

  @Test
  void twoHooksOfOneKindInABackendAreAnError() {
    JavaFileObject rooms =
        backend(
            "Rooms",
            """
              @OnLeave void first(Session session) {}

              @OnLeave /* again */
              void second(Session session) {}
            """);

    assertThat(compile(ARENA, rooms))
        .hadErrorContaining(Message.DUPLICATE_HOOK.tag())
        .inFile(rooms)
        .onLineContaining("@OnLeave /* again */");
  }

  @Test
  void hookThatIsAlsoALoopIsAnError() {
    JavaFileObject rooms =
        backend(
            "Rooms",
            """
              @OnCreate @Loop(every = "16ms")
              void both(Room room) {}
            """);

    assertThat(compile(ARENA, rooms))
        .hadErrorContaining(Message.HOOK_WITH_OTHER.tag())
        .inFile(rooms)
        .onLineContaining("@OnCreate");
  }

  @Test
  void privateHookIsAnError() {
    JavaFileObject rooms = backend("Rooms", "  @OnDispose\n  private void disposed(Room room) {}");

    assertThat(compile(ARENA, rooms))
        .hadErrorContaining(Message.PRIVATE_METHOD.tag())
        .inFile(rooms)
        .onLineContaining("@OnDispose");
  }

  @Test
  void hookOutsideABackendIsAnError() {
    JavaFileObject helper =
        source(
            "Helper",
            """
            package test.arena;

            import io.carotene.annotations.OnJoin;

            class Helper {
              @OnJoin
              void joined() {}
            }
            """);

    assertThat(compile(ARENA, helper))
        .hadErrorContaining(Message.OUTSIDE_BACKEND.tag())
        .inFile(helper)
        .onLineContaining("@OnJoin");
  }

  // ---- Loops

  @Test
  void loopPeriodThatIsNotANumberAndUnitIsAnErrorOnTheEveryAttribute() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Loop(
                  every = "16 parsecs")
              void physicsTick(Tick tick, GameWorldStore world) {}
            """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation)
        .hadErrorContaining(Message.LOOP_PERIOD.tag())
        .inFile(server)
        .onLineContaining("every = \"16 parsecs\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void loopPeriodOfZeroIsAnError() {
    JavaFileObject server = backend("Server", "  @Loop(every = \"0ms\") void tick(Tick tick) {}");

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.LOOP_PERIOD_ZERO.tag())
        .inFile(server)
        .onLineContaining("0ms");
  }

  @Test
  void loopPeriodUnderOneMillisecondIsAnError() {
    JavaFileObject server = backend("Server", "  @Loop(every = \"500us\") void tick(Tick tick) {}");

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.LOOP_PERIOD_TOO_SHORT.tag())
        .inFile(server)
        .onLineContaining("500us");
  }

  @Test
  void loopParameterTheRuntimeCannotSupplyIsAnErrorOnTheParameter() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Loop(every = "16ms")
              void physicsTick(Tick tick,
                  Session session) {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.LOOP_PARAMETER.tag())
        .inFile(server)
        .onLineContaining("Session session");
  }

  @Test
  void loopOutsideABackendIsAnError() {
    JavaFileObject notBackend =
        source(
            "Helper",
            """
            package test.arena;

            import io.carotene.annotations.Loop;

            class Helper {
              @Loop(every = "16ms")
              void tick() {}
            }
            """);

    assertThat(compile(ARENA, notBackend))
        .hadErrorContaining(Message.OUTSIDE_BACKEND.tag())
        .inFile(notBackend)
        .onLineContaining("@Loop");
  }

  @Test
  void socketOutsideABackendIsAnError() {
    JavaFileObject notBackend =
        source(
            "Helper",
            """
            package test.arena;

            import io.carotene.annotations.Socket;

            class Helper {
              @Socket
              void hello() {}
            }
            """);

    assertThat(compile(ARENA, notBackend))
        .hadErrorContaining(Message.OUTSIDE_BACKEND.tag())
        .inFile(notBackend)
        .onLineContaining("@Socket");
  }

  @Test
  void privateLoopIsAnError() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Loop(every = "16ms")
              private void physicsTick(Tick tick) {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.PRIVATE_METHOD.tag())
        .inFile(server)
        .onLineContaining("@Loop");
  }

  @Test
  void privateHandlerIsAnError() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Socket
              private void hello() {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.PRIVATE_METHOD.tag())
        .inFile(server)
        .onLineContaining("@Socket");
  }

  @Test
  void methodThatIsBothLoopAndSocketIsAnError() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Loop(every = "16ms")
              @Socket
              void both() {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.LOOP_AND_SOCKET.tag())
        .inFile(server)
        .onLineContaining("@Socket");
  }

  @Test
  void checkedExceptionOnAHandlerIsAnError() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Socket
              void save() throws java.io.IOException {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.CHECKED_EXCEPTION.tag())
        .inFile(server)
        .onLineContaining("void save()");
  }

  // ---- Socket handlers and guards

  @Test
  void twoHandlersWithTheSameOperationNameIsAnErrorOnTheSecond() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Socket
              void move() {}

              @Socket("Move")
              void moveAgain() {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.DUPLICATE_OPERATION.tag())
        .inFile(server)
        .onLineContaining("@Socket(\"Move\")");
  }

  @Test
  void sessionUserMatchesNamingAMissingParameterIsAnErrorOnItsValue() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Socket
              @SessionUserMatches("playrId")
              void move(UUID playerId, GameWorldStore world) {}
            """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation)
        .hadErrorContaining(Message.SESSION_USER_MATCHES_PARAMETER.tag())
        .inFile(server)
        .onLineContaining("\"playrId\"");
    assertThat(compilation).hadErrorContaining("the arguments a client sends it are [playerId]");
  }

  @Test
  void sessionUserMatchesCandidatesAreOnlyTheClientsArguments() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Socket
              @SessionUserMatches("id")
              void move(Session session, UUID playerId, GameWorldView view, int speed, GameWorldStore world) {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(
            Message.SESSION_USER_MATCHES_PARAMETER.tag()
                + " @SessionUserMatches(\"id\") names no argument of move; the arguments a client sends it are"
                + " [playerId, speed]");
  }

  @Test
  void sessionUserMatchesNamingASuppliedParameterIsAnError() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Socket
              @SessionUserMatches("session")
              void move(Session session) {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.SESSION_USER_MATCHES_NOT_ARGUMENT.tag())
        .inFile(server)
        .onLineContaining("@SessionUserMatches");
  }

  @Test
  void guardWithoutSocketIsAnError() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Authenticated
              void notAHandler() {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.GUARD_WITHOUT_SOCKET.tag())
        .inFile(server)
        .onLineContaining("@Authenticated");
  }

  @Test
  void handlerArgumentOfAnUnsupportedTypeIsAnErrorOnTheParameter() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Socket
              void tag(UUID playerId,
                  List<String> tags) {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.UNSUPPORTED_ARGUMENT_TYPE.tag())
        .inFile(server)
        .onLineContaining("List<String> tags");
  }

  // ---- Results

  @Test
  void socketHandlerReturningAValueTheProtocolCannotCarryIsAnErrorOnTheMethod() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Socket
              Map<String, Integer>
                  scores() { return Map.of(); }
            """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation)
        .hadErrorContaining(Message.UNSUPPORTED_RETURN_TYPE.tag())
        .inFile(server)
        .onLineContaining("scores()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void routeReturningARecordWithAnUnsupportedComponentNamesTheComponent() {
    JavaFileObject server =
        backend(
            "Server",
            """
              record Page(List<String> names, Object cursor) {}

              @Http(path = "/api/page")
              Page page() { return null; }
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining("component cursor of Page is a java.lang.Object")
        .inFile(server)
        .onLineContaining("Page page()");
  }

  // ---- HTTP routes

  @Test
  void routePathThatDoesNotStartWithASlashIsAnErrorOnThePath() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Http(
                  path = "api/players")
              void players() {}
            """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation)
        .hadErrorContaining(Message.HTTP_PATH.tag())
        .inFile(server)
        .onLineContaining("path = \"api/players\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void routePathWithAParameterThatIsNotAWholeSegmentIsAnError() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Http(path = "/api/players/id-{id}")
              void player(UUID id) {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.HTTP_PATH.tag())
        .inFile(server)
        .onLineContaining("id-{id}");
  }

  @Test
  void routePathParameterThatNamesNoArgumentIsAnErrorOnThePath() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Http(path = "/api/players/{playerId}")
              void player(UUID id) {}
            """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation)
        .hadErrorContaining(Message.HTTP_PATH_PARAMETER.tag())
        .inFile(server)
        .onLineContaining("{playerId}");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void routePathParameterThatNamesARuntimeSuppliedParameterIsAnError() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Http(path = "/api/sessions/{session}")
              void drop(Session session) {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.HTTP_PATH_PARAMETER.tag())
        .inFile(server)
        .onLineContaining("{session}");
  }

  @Test
  void twoRoutesWithTheSameMethodAndPathInOneBackendAreAnErrorOnTheSecond() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Http(path = "/api/players/{id}")
              void player(UUID id) {}

              @Http(path = "/api/players/{name}")
              void byName(String name) {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.DUPLICATE_ROUTE.tag())
        .inFile(server)
        .onLineContaining("{name}");
  }

  @Test
  void twoBackendsOfOneDomainServingTheSameRouteAreAnError() {
    JavaFileObject first = backend("First", "  @Http(path = \"/api/hello\") String hello() { return \"1\"; }");
    JavaFileObject second = backend("Second", "  @Http(path = \"/api/hello\") String hi() { return \"2\"; }");

    Compilation compilation = compile(ARENA, first, second);

    assertThat(compilation)
        .hadErrorContaining(Message.DUPLICATE_ROUTE.tag())
        .inFile(second)
        .onLineContaining("String hi()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void routeParameterOfAnUnsupportedTypeIsAnErrorOnTheParameter() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Http(method = Http.Method.POST, path = "/api/tags")
              void tag(UUID playerId,
                  Set<String> tags) {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.UNSUPPORTED_ARGUMENT_TYPE.tag())
        .inFile(server)
        .onLineContaining("Set<String> tags");
  }

  @Test
  void recordArgumentOfAGetRouteIsAnErrorSinceAQueryStringIsText() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Http(path = "/api/near")
              void near(
                  Arena.Vector3 where) {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.HTTP_ARGUMENT_NOT_TEXT.tag())
        .inFile(server)
        .onLineContaining("Arena.Vector3 where");
  }

  @Test
  void methodThatIsBothARouteAndASocketHandlerIsAnError() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Socket
              @Http(path = "/api/hello")
              void hello() {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.HTTP_WITH_LOOP_OR_SOCKET.tag())
        .inFile(server)
        .onLineContaining("@Http");
  }

  @Test
  void userClassNamedAsTheGeneratedServerMainIsAnErrorOnTheDomain() {
    JavaFileObject mine =
        source("ArenaServer", "package test.arena;\n\npublic class ArenaServer {}\n");

    assertThat(compile(ARENA, GAME_SERVER, mine))
        .hadErrorContaining(Message.GENERATED_NAME_CLASH.tag())
        .inFile(ARENA)
        .onLineContaining("interface Arena");
  }

  // ---- Backends

  @Test
  void backendWithoutANoArgumentConstructorIsAnError() {
    JavaFileObject server =
        source(
            "Server",
            """
            package test.arena;

            import io.carotene.annotations.Backend;
            import io.carotene.annotations.Socket;

            @Backend
            public class Server {
              Server(String name) {}

              @Socket
              void hello() {}
            }
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.BACKEND_NOT_INSTANTIABLE.tag())
        .inFile(server)
        .onLineContaining("@Backend");
  }

  @Test
  void packagePrivateBackendOutsideItsDomainsPackageIsAnError() {
    JavaFileObject server =
        com.google.testing.compile.JavaFileObjects.forSourceString(
            "test.server.Server",
            """
            package test.server;

            import io.carotene.annotations.*;
            import test.arena.GameWorldStore;

            @Backend
            class Server {
              @Loop(every = "50ms")
              void census(GameWorldStore world) {}
            }
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.BACKEND_NOT_INSTANTIABLE.tag())
        .inFile(server)
        .onLineContaining("@Backend");
  }

  @Test
  void backendWithoutStoresIsAnErrorWhenThereAreTwoDomains() {
    JavaFileObject other =
        domain(
            "Other",
            """
              record Thing(@Id long id) {}

              @Store(model = Thing.class)
              interface Things {}
            """);
    JavaFileObject server = backend("Server", "  @Socket void hello() {}");

    assertThat(compile(ARENA, other, server))
        .hadErrorContaining(Message.BACKEND_WITHOUT_DOMAIN.tag())
        .inFile(server)
        .onLineContaining("@Backend");
  }

  @Test
  void backendUsingStoresOfTwoDomainsIsAnError() {
    JavaFileObject other =
        domain(
            "Other",
            """
              record Thing(@Id long id) {}

              @Store(model = Thing.class)
              interface Things {}
            """);
    JavaFileObject server =
        backend("Server", "  @Loop(every = \"1s\") void tick(GameWorldStore a, ThingsView b) {}");

    assertThat(compile(ARENA, other, server))
        .hadErrorContaining(Message.BACKEND_SPANS_DOMAINS.tag())
        .inFile(server)
        .onLineContaining("@Backend");
  }

  @Test
  void parameterOfATypeThatNeverExistsIsAnErrorInTheLastRound() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Loop(every = "16ms")
              void tick(Tick tick,
                  GameWorldStoore world) {}
            """);

    assertThat(compile(ARENA, server))
        .hadErrorContaining(Message.UNRESOLVED_TYPE.tag())
        .inFile(server)
        .onLineContaining("GameWorldStoore world");
  }

  // ---- Domains, stores and models

  @Test
  void storeModelWithoutIdIsAnErrorOnTheModelAttribute() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(UUID id, int health) {}

              @Store(
                  model = Player.class)
              interface GameWorld {}
            """);

    RecordingProcessor processor = new RecordingProcessor();
    Compilation compilation = Compiler.javac().withProcessors(processor).compile(arena);

    assertThat(compilation)
        .hadErrorContaining(Message.MISSING_ID.tag())
        .inFile(arena)
        .onLineContaining("model = Player.class");
    assertThat(processor.sourceFiles()).isEmpty();
  }

  @Test
  void storeModelWithTwoIdsIsAnErrorOnTheSecond() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id,
                  @Id String name) {}

              @Store(model = Player.class)
              interface GameWorld {}
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.DUPLICATE_ID.tag())
        .inFile(arena)
        .onLineContaining("@Id String name");
  }

  @Test
  void storeIdOfAnUnsupportedTypeIsAnError() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id double id) {}

              @Store(model = Player.class)
              interface GameWorld {}
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.UNSUPPORTED_ID_TYPE.tag())
        .inFile(arena)
        .onLineContaining("@Id double id");
  }

  @Test
  void componentOfAnUnsupportedTypeIsAnErrorThatListsWhatIsSupported() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id,
                  List<String> tags) {}

              @Store(model = Player.class)
              interface GameWorld {}
            """);

    RecordingProcessor processor = new RecordingProcessor();
    Compilation compilation = Compiler.javac().withProcessors(processor).compile(arena);

    assertThat(compilation)
        .hadErrorContaining(Message.UNSUPPORTED_COMPONENT_TYPE.tag())
        .inFile(arena)
        .onLineContaining("List<String> tags");
    assertThat(compilation).hadErrorContaining("supported: boolean, byte, short, char, int, long");
    assertThat(processor.sourceFiles()).isEmpty();
  }

  @Test
  void modelThatContainsItselfIsAnError() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Node(@Id long id,
                  Node next) {}

              @Store(model = Node.class)
              interface Nodes {}
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.RECURSIVE_MODEL.tag())
        .inFile(arena)
        .onLineContaining("Node next");
  }

  // ---- Quantization

  @Test
  void quantizedOnAnIntIsAnErrorOnTheAnnotation() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id,
                  @Quantized(min = 0, max = 100, precision = 1)
                  int health) {}

              @Store(model = Player.class)
              interface GameWorld {}
            """);

    RecordingProcessor processor = new RecordingProcessor();
    Compilation compilation = Compiler.javac().withProcessors(processor).compile(arena);

    assertThat(compilation)
        .hadErrorContaining(Message.QUANTIZED_TYPE.tag())
        .inFile(arena)
        .onLineContaining("@Quantized(min = 0, max = 100, precision = 1)");
    assertThat(compilation).hadErrorContaining("Player.health, of type int");
    assertThat(compilation).hadErrorCount(1);
    assertThat(processor.sourceFiles()).isEmpty();
  }

  @Test
  void quantizedOnAUuidOrARecordWithoutFloatsIsAnError() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Team(int number, String name) {}

              record Player(@Id UUID id,
                  @Quantized(min = 0, max = 1, precision = 0.5) UUID owner,
                  @Quantized(min = 0, max = 2, precision = 0.5) Team team) {}

              @Store(model = Player.class)
              interface GameWorld {}
            """);

    Compilation compilation = compile(arena);

    assertThat(compilation)
        .hadErrorContaining(Message.QUANTIZED_TYPE.tag())
        .inFile(arena)
        .onLineContaining("UUID owner");
    assertThat(compilation)
        .hadErrorContaining(Message.QUANTIZED_TYPE.tag())
        .inFile(arena)
        .onLineContaining("Team team");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void quantizedRangeWhoseMinIsNotBelowItsMaxIsAnErrorOnMax() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id,
                  @Quantized(min = 10,
                      max = -10, precision = 0.5) float x) {}

              @Store(model = Player.class)
              interface GameWorld {}
            """);

    Compilation compilation = compile(arena);

    assertThat(compilation)
        .hadErrorContaining(Message.QUANTIZED_RANGE.tag())
        .inFile(arena)
        .onLineContaining("max = -10");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void quantizedRangeThatIsNotFiniteIsAnErrorOnTheInfiniteEnd() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id,
                  @Quantized(
                      min = Double.NEGATIVE_INFINITY, max = 0, precision = 0.5) double depth) {}

              @Store(model = Player.class)
              interface GameWorld {}
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.QUANTIZED_RANGE.tag())
        .inFile(arena)
        .onLineContaining("min = Double.NEGATIVE_INFINITY");
  }

  @Test
  void quantizedPrecisionOfZeroIsAnErrorThatPointsOutIntegerDivision() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id,
                  @Quantized(min = -10, max = 10,
                      precision = 1 / 32) float x) {}

              @Store(model = Player.class)
              interface GameWorld {}
            """);

    Compilation compilation = compile(arena);

    assertThat(compilation)
        .hadErrorContaining(Message.QUANTIZED_PRECISION.tag())
        .inFile(arena)
        .onLineContaining("precision = 1 / 32");
    assertThat(compilation).hadErrorContaining("write 1.0 / 32");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void quantizedPrecisionThatIsNegativeOrNotANumberIsAnError() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id,
                  @Quantized(min = -10, max = 10, precision = -0.5) float x,
                  @Quantized(min = -10, max = 10, precision = Double.NaN) float y) {}

              @Store(model = Player.class)
              interface GameWorld {}
            """);

    Compilation compilation = compile(arena);

    assertThat(compilation)
        .hadErrorContaining(Message.QUANTIZED_PRECISION.tag())
        .inFile(arena)
        .onLineContaining("precision = -0.5");
    assertThat(compilation)
        .hadErrorContaining(Message.QUANTIZED_PRECISION.tag())
        .inFile(arena)
        .onLineContaining("precision = Double.NaN");
  }

  @Test
  void quantizationWithMoreStepsThanFourBytesHoldIsAnErrorOnThePrecision() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id,
                  @Quantized(min = -1e6, max = 1e6,
                      precision = 1e-4) double x) {}

              @Store(model = Player.class)
              interface GameWorld {}
            """);

    Compilation compilation = compile(arena);

    assertThat(compilation)
        .hadErrorContaining(Message.QUANTIZED_TOO_MANY_STEPS.tag())
        .inFile(arena)
        .onLineContaining("precision = 1e-4");
    assertThat(compilation).hadErrorContaining("20,000,000,000 steps");
    assertThat(compilation).hadErrorContaining("at least 0.00047");
  }

  @Test
  void quantizationOfARecordThatQuantizesItsOwnFieldIsAnError() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Vector3(@Quantized(min = -10, max = 10, precision = 0.1) float x, float y) {}

              record Player(@Id UUID id,
                  @Quantized(min = -100, max = 100, precision = 0.5)
                  Vector3 position) {}

              @Store(model = Player.class)
              interface GameWorld {}
            """);

    Compilation compilation = compile(arena);

    assertThat(compilation)
        .hadErrorContaining(Message.QUANTIZED_TWICE.tag())
        .inFile(arena)
        .onLineContaining("@Quantized(min = -100, max = 100, precision = 0.5)");
    assertThat(compilation).hadErrorContaining("covers Vector3.x");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void persistedEngineCompilesAndItsStoreRecordsTheModelsLayout() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Spot(float x, float y) {}
              record Player(@Id UUID id, String name, Spot spot, int score) {}

              @Store(model = Player.class,
                  engine = Engine.PERSISTED)
              interface GameWorld {}
            """);

    var compilation = compile(arena);
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedSourceFile("test.arena.GameWorldStore")
        .contentsAsUtf8String()
        .contains(
            "LAYOUT = List.of(\"id UUID\", \"name String\", \"spot.x float\", \"spot.y float\","
                + " \"score int\")");
    assertThat(compilation)
        .generatedSourceFile("test.arena.GameWorldStore")
        .contentsAsUtf8String()
        .contains("options, LAYOUT)");
  }

  @Test
  void capacityThatIsNotPositiveIsAnError() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id) {}

              @Store(model = Player.class,
                  capacity = 0)
              interface GameWorld {}
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.STORE_CAPACITY.tag())
        .inFile(arena)
        .onLineContaining("capacity = 0");
  }

  @Test
  void aDomainNameThatIsNotAJavaIdentifierIsAnErrorOnTheValue() {
    JavaFileObject tag =
        source(
            "TagGame",
            """
            package test.arena;

            import io.carotene.annotations.Domain;

            @Domain(
                "Tag Game")
            public interface TagGame {}
            """);

    assertThat(compile(tag))
        .hadErrorContaining(Message.DOMAIN_NAME.tag())
        .inFile(tag)
        .onLineContaining("\"Tag Game\"");
  }

  @Test
  void aVisibleRadiusThatIsNotPositiveIsAnErrorOnTheRadius() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id, float x, float z) {}

              @Store(model = Player.class)
              @Visible(x = "x", z = "z",
                  radius = -5)
              interface GameWorld {}
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.VISIBLE_RADIUS.tag())
        .inFile(arena)
        .onLineContaining("radius = -5");
  }

  @Test
  void aVisibleCoordinateNamingNoFloatComponentIsAnErrorOnThatAttribute() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Vector(float x, int y, double z) {}
              record Player(@Id UUID id, Vector position) {}

              @Store(model = Player.class)
              @Visible(radius = 50, x = "position.x",
                  z = "position.y")
              interface GameWorld {}
            """);

    Compilation compilation = compile(arena);

    assertThat(compilation)
        .hadErrorContaining(Message.VISIBLE_COORDINATE.tag())
        .inFile(arena)
        .onLineContaining("z = \"position.y\"");
    assertThat(compilation).hadErrorContaining("names 'y', a int, not a float or double");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aVisibleCoordinateThroughAMissingComponentIsAnErrorOnThatAttribute() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id, float x, float z) {}

              @Store(model = Player.class)
              @Visible(radius = 50, z = "z",
                  x = "position.x")
              interface GameWorld {}
            """);

    Compilation compilation = compile(arena);

    assertThat(compilation)
        .hadErrorContaining(Message.VISIBLE_COORDINATE.tag())
        .inFile(arena)
        .onLineContaining("x = \"position.x\"");
    assertThat(compilation).hadErrorContaining("names no component 'position' of Player");
  }

  @Test
  void aVisibleRadiusWithoutBothCoordinatesIsAnError() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id, float x, float z) {}

              @Store(model = Player.class)
              @Visible(radius = 50, x = "x")
              interface GameWorld {}
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.VISIBLE_COORDINATE.tag() + " @Visible(z = \"\") is missing")
        .inFile(arena)
        .onLineContaining("@Visible(radius = 50");
  }

  @Test
  void aVisibleIfMethodOfTheWrongShapeIsAnErrorOnItsAnnotation() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id, int team) {}

              @Store(model = Player.class)
              interface GameWorld {
                @VisibleIf
                static boolean sees(UUID viewer, Player entry) {
                  return true;
                }
              }
            """);

    assertThat(compile(arena))
        .hadErrorContaining(
            Message.VISIBLE_IF_SIGNATURE.tag()
                + " @VisibleIf method sees must be declared static boolean sees(String viewerUserId,"
                + " MutablePlayer entry)")
        .inFile(arena)
        .onLineContaining("@VisibleIf");
  }

  @Test
  void aFilterOnAVariableSizeStoreIsAnErrorSinceSuchAStoreGoesWhole() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Badge(@Id UUID id, String name) {}

              @Store(model = Badge.class)
              interface Badges {
                @VisibleIf
                static boolean sees(String viewer, Badge entry) {
                  return entry.name().equals(viewer);
                }
              }
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.VISIBLE_VARIABLE_SIZE.tag() + " Store Badges declares a @VisibleIf filter")
        .inFile(arena)
        .onLineContaining("@VisibleIf");
  }

  @Test
  void aStoreDeclaringVisibleAndAVisibleIfMethodIsAnError() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id UUID id, int team) {}

              @Store(model = Player.class)
              @Visible
              interface GameWorld {
                @VisibleIf
                static boolean sees(String viewer, Player entry) {
                  return true;
                }
              }
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.VISIBLE_TWICE.tag() + " Store GameWorld declares what clients see twice")
        .inFile(arena)
        .onLineContaining("@VisibleIf");
  }

  @Test
  void storeOutsideADomainIsAnError() {
    JavaFileObject loose =
        source(
            "Loose",
            """
            package test.arena;

            import io.carotene.annotations.Store;

            interface Loose {
              @Store(model = Arena.Player.class)
              interface Players {}
            }
            """);

    assertThat(compile(ARENA, loose))
        .hadErrorContaining(Message.STORE_OUTSIDE_DOMAIN.tag())
        .inFile(loose)
        .onLineContaining("@Store");
  }

  @Test
  void twoRecordsThatWouldGenerateTheSameNameIsAnError() {
    JavaFileObject other =
        domain(
            "Other",
            """
              record Vector3(double x) {}

              record Thing(@Id long id, Vector3 at) {}

              @Store(model = Thing.class)
              interface Things {}
            """);

    assertThat(compile(ARENA, other))
        .hadErrorContaining(Message.GENERATED_NAME_CLASH.tag())
        .inFile(other)
        .onLineContaining("record Vector3");
  }

  // ---- Isolation

  @Test
  void oneBrokenDomainDoesNotStopAnotherFromBeingGenerated() {
    JavaFileObject broken =
        domain(
            "Broken",
            """
              record Thing(long id) {}

              @Store(model = Thing.class)
              interface Things {}
            """);

    RecordingProcessor processor = new RecordingProcessor();
    Compilation compilation = Compiler.javac().withProcessors(processor).compile(broken, ARENA);

    assertThat(compilation).hadErrorContaining(Message.MISSING_ID.tag()).inFile(broken);
    assertThat(compilation).hadErrorCount(1);
    assertThat(processor.sourceFiles())
        .contains("test.arena.GameWorldStore", "test.arena.PlayerCodec")
        .doesNotContain("test.arena.ThingsStore", "test.arena.ThingCodec");
  }

  @Test
  void brokenBackendGetsNoDispatcherWhileASoundOneDoesAndNoApplicationIsWritten() {
    JavaFileObject server =
        backend("Server", "  @Loop(every = \"16 parsecs\") void tick(GameWorldStore world) {}");

    RecordingProcessor processor = new RecordingProcessor();
    Compilation compilation =
        Compiler.javac().withProcessors(processor).compile(ARENA, GAME_SERVER, server);

    assertThat(compilation).hadErrorContaining(Message.LOOP_PERIOD.tag());
    assertThat(processor.sourceFiles())
        .contains("test.arena.GameWorldStore", "test.arena.GameServerDispatcher")
        .doesNotContain("test.arena.ServerDispatcher", "test.arena.ArenaApplication");
  }

  // ---- More model checks

  @Test
  void privateModelIsAnError() {
    JavaFileObject arena =
        source(
            "Arena",
            """
            package test.arena;

            import io.carotene.annotations.*;

            @Domain
            public class Arena {
              private record Player(@Id long id) {}

              @Store(model = Player.class)
              interface GameWorld {}
            }
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.PRIVATE_TYPE.tag())
        .inFile(arena)
        .onLineContaining("private record Player");
  }

  @Test
  void genericModelIsAnError() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Box<T>(@Id long id) {}

              @Store(model = Box.class)
              interface Boxes {}
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.GENERIC_MODEL.tag())
        .inFile(arena)
        .onLineContaining("record Box<T>");
  }

  @Test
  void componentNamedLikeAFlyweightMethodIsAnError() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id long id,
                  int toRecord) {}

              @Store(model = Player.class)
              interface GameWorld {}
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.RESERVED_COMPONENT_NAME.tag())
        .inFile(arena)
        .onLineContaining("int toRecord");
  }

  @Test
  void storeModelThatIsNotARecordIsAnErrorOnTheModelAttribute() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              @Store(
                  model = Record.class)
              interface GameWorld {}
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.STORE_MODEL_NOT_RECORD.tag())
        .inFile(arena)
        .onLineContaining("model = Record.class");
  }

  @Test
  void storeThatIsNotAnInterfaceIsAnError() {
    JavaFileObject arena =
        domain(
            "Arena",
            """
              record Player(@Id long id) {}

              @Store(model = Player.class)
              class GameWorld {}
            """);

    assertThat(compile(arena))
        .hadErrorContaining(Message.STORE_NOT_INTERFACE.tag())
        .inFile(arena)
        .onLineContaining("@Store");
  }

  // ---- Warnings

  @Test
  void loopThatReturnsAValueIsAWarning() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Loop(every = "16ms")
              int count(GameWorldView world) { return world.count(); }
            """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(Message.LOOP_RESULT_IGNORED.tag())
        .inFile(server)
        .onLineContaining("int count");
  }

  @Test
  void sessionUserMatchesOnARecordIsAWarning() {
    JavaFileObject server =
        backend(
            "Server",
            """
              @Socket
              @SessionUserMatches("where")
              void teleport(Arena.Vector3 where) {}
            """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(Message.SESSION_USER_MATCHES_TYPE.tag())
        .inFile(server)
        .onLineContaining("\"where\"");
  }

  // ---- Determinism (warnings: the code compiles, but a replay of it would diverge)

  @Test
  void loopReadingTheMachinesTimeIsWarnedAboutWithTheTickAsTheAlternative() {
    JavaFileObject server = backend("Server", """
          @Loop(every = "16ms")
          void physicsTick(Tick tick, GameWorldStore world) {
            long now = System.nanoTime();
          }
        """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(Message.NONDETERMINISTIC_TIME.tag() + " Loop physicsTick calls System.nanoTime()")
        .inFile(server)
        .onLineContaining("System.nanoTime()");
    assertThat(compilation).hadWarningContaining("Tick's scheduledNanos()");
  }

  @Test
  void handlerStoringTheMachinesTimeInAStoreIsWarnedAboutOnThatLine() {
    // The replay side of this mistake: example-arena's NondeterministicGameTest.
    JavaFileObject server = backend("Server", """
          @Socket
          void stamp(Session session, UUID id, GameWorldStore world) {
            world.put(new Arena.Player(id, new Arena.Vector3(System.currentTimeMillis(), 0, 0),
                new Arena.Vector3(0, 0, 0), true, 100));
          }
        """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(Message.NONDETERMINISTIC_TIME.tag() + " Handler stamp calls System.currentTimeMillis()")
        .inFile(server)
        .onLineContaining("System.currentTimeMillis()");
    assertThat(compilation).hadWarningCount(1);
  }

  @Test
  void handlerDrawingFromMathRandomOrANewRandomIsWarnedAboutWithRngAsTheAlternative() {
    JavaFileObject server = backend("Server", """
          @Socket
          void roll(Session session, GameWorldStore world) {
            double a = Math.random();
            int b = new Random().nextInt(6);
          }
        """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation)
        .hadWarningContaining(Message.NONDETERMINISTIC_RANDOM.tag() + " Handler roll uses Math.random()")
        .inFile(server)
        .onLineContaining("Math.random()");
    assertThat(compilation)
        .hadWarningContaining(Message.NONDETERMINISTIC_RANDOM.tag() + " Handler roll uses new Random()")
        .inFile(server)
        .onLineContaining("new Random()");
    assertThat(compilation).hadWarningContaining("io.carotene.runtime.Rng");
  }

  @Test
  void seededRandomIsNotWarnedAbout() {
    JavaFileObject server = backend("Server", """
          @Socket
          void roll(Session session, long seed, GameWorldStore world) {
            int b = new Random(seed).nextInt(6);
          }
        """);

    assertThat(compile(ARENA, server)).succeededWithoutWarnings();
  }

  @Test
  void handlerCreatingARandomUuidIsWarnedAboutWithIdsAsTheAlternative() {
    JavaFileObject server = backend("Server", """
          @Socket
          void spawn(Session session, GameWorldStore world) {
            UUID id = UUID.randomUUID();
          }
        """);

    assertThat(compile(ARENA, server))
        .hadWarningContaining(Message.NONDETERMINISTIC_ID.tag() + " Handler spawn calls UUID.randomUUID()")
        .inFile(server)
        .onLineContaining("UUID.randomUUID()");
  }

  @Test
  void loopCallingATranscendentalMathFunctionIsWarnedAboutWithStrictMathAsTheAlternative() {
    JavaFileObject server = backend("Server", """
          @Loop(every = "16ms")
          void orbit(Tick tick) {
            double x = Math.cos(tick.number()) + Math.sqrt(2.0);
          }
        """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation)
        .hadWarningContaining(Message.PLATFORM_MATH.tag() + " Loop orbit calls Math.cos()")
        .inFile(server)
        .onLineContaining("Math.cos(");
    assertThat(compilation).hadWarningContaining("call StrictMath.cos");
    assertThat(compilation).hadWarningCount(1); // sqrt is exact everywhere
  }

  @Test
  void loopRunningAParallelStreamIsWarnedAbout() {
    JavaFileObject server = backend("Server", """
          @Loop(every = "16ms")
          void tick(Tick tick) {
            List<Integer> numbers = List.of(1, 2, 3);
            numbers.parallelStream().forEach(n -> {});
          }
        """);

    assertThat(compile(ARENA, server))
        .hadWarningContaining(Message.PARALLEL_STREAM.tag() + " Loop tick calls Collection.parallelStream()")
        .inFile(server)
        .onLineContaining("parallelStream()");
  }

  @Test
  void handlerWalkingAHashMapOrHashSetIsWarnedAboutButALinkedHashMapIsNot() {
    JavaFileObject server = backend("Server", """
          private final HashMap<String, Integer> scores = new HashMap<>();
          private final LinkedHashMap<String, Integer> ordered = new LinkedHashMap<>();

          @Socket
          void tally(Session session) {
            for (String name : scores.keySet()) {}
            for (String name : ordered.keySet()) {}
            new HashSet<String>().forEach(name -> {});
          }
        """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation)
        .hadWarningContaining(Message.HASH_ITERATION_ORDER.tag() + " Handler tally walks scores.keySet()")
        .inFile(server)
        .onLineContaining("scores.keySet()");
    assertThat(compilation)
        .hadWarningContaining(Message.HASH_ITERATION_ORDER.tag() + " Handler tally walks new HashSet<String>()")
        .inFile(server)
        .onLineContaining("new HashSet<String>().forEach");
    assertThat(compilation).hadWarningCount(2);
  }

  @Test
  void loopsAndHandlersTakeTheWorldsRngAndIds() throws java.io.IOException {
    JavaFileObject server = backend("Server", """
          @Loop(every = "16ms")
          void tick(Tick tick, Rng random, GameWorldStore world) {}

          @Socket
          void spawn(Session session, Ids ids, Rng random, GameWorldStore world) {}
        """);

    Compilation compilation = compile(ARENA, server);

    assertThat(compilation).succeededWithoutWarnings();
    String dispatcher =
        compilation.generatedSourceFile("test.arena.ServerDispatcher").orElseThrow().getCharContent(true).toString();
    assertThat(dispatcher)
        .contains("backend.tick(tick, services.random(), gameWorld)")
        .contains("backend.spawn(session, services.ids(), services.random(), gameWorld)");
  }
}
