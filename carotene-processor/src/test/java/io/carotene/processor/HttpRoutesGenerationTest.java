package io.carotene.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.carotene.processor.Sources.ARENA;
import static io.carotene.processor.Sources.ARENA_HTTP;
import static io.carotene.processor.Sources.GAME_SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.function.Function;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @Http} routes and returned values, generated and then run: a probe compiled with the
 * sources calls the generated routes and socket handlers as the server would, and writes their
 * results with the generated writers.
 */
class HttpRoutesGenerationTest {

  private static final JavaFileObject PROBE =
      Sources.source(
          "Probe",
          """
          package test.arena;

          import com.fasterxml.jackson.core.JsonFactory;
          import com.fasterxml.jackson.core.JsonGenerator;
          import com.fasterxml.jackson.databind.ObjectMapper;
          import io.carotene.runtime.*;
          import io.carotene.runtime.internal.*;
          import io.carotene.runtime.auth.Tokens;
          import java.io.StringWriter;
          import java.util.function.Function;

          /** Answers "METHOD /path body" (or "SOCKET Operation") with the result as text. */
          public class Probe implements Function<String, String>, AutoCloseable {
            private final io.carotene.runtime.world.DomainWorld world =
                io.carotene.runtime.world.DomainWorld.create(new ArenaApplication(), () -> 0L, new StoreOptions(16));
            private final Tokens tokens = Tokens.withRandomSecret();
            private final ObjectMapper mapper = new ObjectMapper();
            private Session session = Session.anonymous();

            @Override
            public String apply(String request) {
              try {
                String[] parts = request.split(" ", 3);
                CallResult result;
                if (parts[0].equals("SOCKET")) {
                  result = world.call(session, parts[1]);
                } else if (parts[0].equals("AS")) {
                  session = tokens.session(tokens.issue(parts[1]));
                  return "ok";
                } else {
                  result = route(parts[0], parts[1]).handler()
                      .handle(new HttpCall(session, mapper.readTree(parts[2]), tokens));
                }
                if (!result.isOk()) {
                  return result.error() + ": " + result.message();
                }
                if (result.json() == null) {
                  return "(nothing)";
                }
                StringWriter out = new StringWriter();
                try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
                  result.json().writeJson(json);
                }
                return out.toString();
              } catch (Exception e) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
              }
            }

            private HttpRoute route(String method, String path) {
              for (HttpRoute route : world.routes()) {
                if (route.method().equals(method) && route.path().equals(path)) {
                  return route;
                }
              }
              throw new IllegalArgumentException("no route " + method + " " + path + " in " + world.routes());
            }

            public String routes() {
              StringBuilder all = new StringBuilder();
              for (HttpRoute route : world.routes()) {
                all.append(route.method()).append(' ').append(route.path())
                    .append(route.onWorldThread() ? " world" : " off").append('\\n');
              }
              return all.toString();
            }

            @Override
            public void close() {
              world.close();
            }
          }
          """);

  private static Compilation compilation;

  @BeforeAll
  static void compile() {
    compilation = Sources.compile(ARENA, GAME_SERVER, ARENA_HTTP, PROBE);
    assertThat(compilation).succeededWithoutWarnings();
  }

  @SuppressWarnings("unchecked")
  private static <P extends Function<String, String> & AutoCloseable> P probe() throws Exception {
    return (P)
        new GeneratedCodeRoundTripTest.CompiledClasses(compilation)
            .loadClass("test.arena.Probe")
            .getDeclaredConstructor()
            .newInstance();
  }

  @Test
  void everyRouteIsRegisteredInTheApplicationsWorldWithItsThread() throws Exception {
    var probe = probe();
    try (probe) {
      String routes = (String) probe.getClass().getMethod("routes").invoke(probe);
      assertThat(routes.lines())
          .containsExactly(
              "POST /api/login world",
              "GET /api/players world",
              "GET /api/players/{id} world",
              "GET /api/healthier world",
              "GET /api/me off",
              "DELETE /api/players/{id} world");
    }
  }

  @Test
  void routesDecodeArgumentsByNameAndWriteTheirResultsWithoutReflection() throws Exception {
    var probe = probe();
    try (probe) {
      assertThat(probe.apply("POST /api/login {\"name\":\"alice\"}"))
          .matches("\\{\"token\":\"[^\"]+\",\"playerId\":\"00000000-0000-0001-0000-000000000001\"}");
      assertThat(probe.apply("GET /api/players {}"))
          .isEqualTo(
              "{\"players\":[{\"id\":\"00000000-0000-0001-0000-000000000001\","
                  + "\"position\":{\"x\":1.5,\"y\":0.0,\"z\":-2.0},"
                  + "\"velocity\":{\"x\":0.0,\"y\":0.0,\"z\":0.0},\"isGrounded\":true,\"health\":100}],"
                  + "\"count\":1}");
      assertThat(probe.apply("GET /api/players/{id} {\"id\":\"00000000-0000-0001-0000-000000000001\"}"))
          .startsWith("{\"id\":\"00000000-0000-0001-0000-000000000001\",");
    }
  }

  @Test
  void queryAndPathTextIsReadAsTheNumberTheParameterWants() throws Exception {
    var probe = probe();
    try (probe) {
      probe.apply("POST /api/login {\"name\":\"alice\"}");
      assertThat(probe.apply("GET /api/healthier {\"than\":\"99\"}")).isEqualTo("1");
      assertThat(probe.apply("GET /api/healthier {\"than\":\"lots\"}"))
          .isEqualTo("BadArgumentException: Argument 'than' must be a 32-bit integer, got string");
      assertThat(probe.apply("GET /api/healthier {}"))
          .isEqualTo("BadArgumentException: Missing argument 'than'");
    }
  }

  @Test
  void aMissingValueAnswersNothingAndVoidAnswersNothing() throws Exception {
    var probe = probe();
    try (probe) {
      assertThat(probe.apply("GET /api/players/{id} {\"id\":\"00000000-0000-0000-0000-000000000009\"}"))
          .isEqualTo("(nothing)");
      probe.apply("AS someone");
      assertThat(probe.apply("DELETE /api/players/{id} {\"id\":\"00000000-0000-0000-0000-000000000009\"}"))
          .isEqualTo("(nothing)");
    }
  }

  @Test
  void authenticatedRouteForbidsAnAnonymousCaller() throws Exception {
    var probe = probe();
    try (probe) {
      assertThat(probe.apply("GET /api/me {}"))
          .isEqualTo("FORBIDDEN: GET /api/me requires an authenticated session");
      probe.apply("AS alice");
      assertThat(probe.apply("GET /api/me {}")).isEqualTo("\"alice\"");
    }
  }

  @Test
  void rejectionFromARoutePropagatesForTheServerToAnswer422() throws Exception {
    var probe = probe();
    try (probe) {
      assertThat(probe.apply("POST /api/login {\"name\":\" \"}"))
          .isEqualTo("Rejection: A name must not be blank");
    }
  }

  @Test
  void socketHandlerResultsAreWrittenWithNullsListsAndEnums() throws Exception {
    var probe = probe();
    try (probe) {
      assertThat(probe.apply("SOCKET Summary"))
          .isEqualTo("{\"ids\":[],\"load\":null,\"mood\":\"CALM\",\"grid\":[[1,2],[]]}");
      assertThat(probe.apply("SOCKET Speeds")).isEqualTo("[0.1,2.0]");
    }
  }

  @Test
  void generatedRouteCallsTheBackendDirectly() throws IOException {
    String dispatcher = CaroteneProcessorTest.generatedSource(compilation, "ArenaHttpDispatcher");

    assertThat(dispatcher)
        .contains("new HttpRoute(\"POST\", \"/api/login\", true, this::login)")
        .contains("String name = JsonArgs.toText(JsonArgs.member(call.args(), \"name\", \"name\"), \"name\");")
        .contains("LoginResponse result = backend.login(name, gameWorld, call.tokens());")
        .contains("return CallResult.ok(result, json -> ArenaHttp_LoginResponseJson.toJson(json, result));".replace("ArenaHttp_", ""))
        .doesNotContain("reflect");
  }

  @Test
  void serverMainServesTheApplication() throws IOException {
    String server = CaroteneProcessorTest.generatedSource(compilation, "ArenaServer");

    assertThat(server)
        .contains("public final class ArenaServer")
        .contains("public static void main(String[] args)")
        .contains("ServerMain.run(new ArenaApplication());");
  }
}
