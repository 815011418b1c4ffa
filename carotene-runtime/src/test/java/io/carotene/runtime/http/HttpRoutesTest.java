package io.carotene.runtime.http;

import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.limit.RateLimit;
import io.carotene.runtime.server.CaroteneServer;
import io.carotene.runtime.server.RoutesApplication;
import io.carotene.runtime.wire.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.Rejection;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.internal.JsonArgs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runtime's side of the {@code @Http} contract, with routes written as the processor would generate them. */
class HttpRoutesTest {
  private static final List<LogRecord> LOGGED = new ArrayList<>();
  private static final Logger RUNTIME_LOG = Logger.getLogger("io.carotene.runtime");
  private static final Handler CAPTURE = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (LOGGED) {
        LOGGED.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private static CaroteneServer server;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    RUNTIME_LOG.addHandler(CAPTURE);
    server = CaroteneServer.builder(new RoutesApplication(
            new HttpRoute("POST", "/echo", false, call ->
                object(Map.of("name", JsonArgs.toText(JsonArgs.member(call.args(), "name", "name"), "name")))),
            new HttpRoute("GET", "/items/{id}", false, call ->
                object(Map.of("id", call.args().get("id").asText(), "sort", call.args().path("sort").asText("none")))),
            new HttpRoute("GET", "/me", false, call -> call.session().isAuthenticated()
                ? object(Map.of("user", call.session().userId()))
                : CallResult.forbidden("GET /me requires an authenticated session")),
            new HttpRoute("GET", "/admin", false, call -> CallResult.forbidden("Admins only")),
            new HttpRoute("POST", "/refuse", true, call -> {
              throw new Rejection("Not today");
            }),
            new HttpRoute("DELETE", "/nothing", true, call -> CallResult.ok()),
            new HttpRoute("GET", "/broken", false, call -> {
              throw new IllegalStateException("a bug in the game");
            })))
        .host("127.0.0.1")
        .port(0)
        .tokens(Tokens.withRandomSecret())
        .start();
  }

  /** A result whose JSON form is an object of string members, written as generated code would. */
  private static CallResult object(Map<String, String> members) {
    return CallResult.ok(members, json -> {
      json.writeStartObject();
      for (Map.Entry<String, String> member : members.entrySet()) {
        json.writeStringField(member.getKey(), member.getValue());
      }
      json.writeEndObject();
    });
  }

  @AfterAll
  static void stop() {
    server.close();
    RUNTIME_LOG.removeHandler(CAPTURE);
  }

  record Response(int status, JsonNode body) {}

  private static Response send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body()));
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.httpUri() + path));
  }

  private static String code(Response response) {
    return response.body().get("error").get("code").asText();
  }

  @Test
  void aBodysMembersAreTheArguments() throws Exception {
    Response response = send(request("/echo").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"alice\"}")));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().get("name").asText()).isEqualTo("alice");
  }

  @Test
  void pathAndQueryValuesAreArguments() throws Exception {
    Response response = send(request("/items/42?sort=asc").GET());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().get("id").asText()).isEqualTo("42");
    assertThat(response.body().get("sort").asText()).isEqualTo("asc");
  }

  @Test
  void aMissingOrMistypedArgumentIs400() throws Exception {
    Response missing = send(request("/echo").POST(HttpRequest.BodyPublishers.ofString("{}")));
    Response mistyped = send(request("/echo").POST(HttpRequest.BodyPublishers.ofString("{\"name\":3}")));
    Response malformed = send(request("/echo").POST(HttpRequest.BodyPublishers.ofString("{\"name\":")));
    Response notAnObject = send(request("/echo").POST(HttpRequest.BodyPublishers.ofString("[1]")));

    assertThat(List.of(missing.status(), mistyped.status(), malformed.status(), notAnObject.status())).containsOnly(400);
    assertThat(code(missing)).isEqualTo("BAD_REQUEST");
    assertThat(missing.body().get("error").get("message").asText()).contains("name");
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    String big = "{\"name\":\"" + "x".repeat(RouteHandler.MAX_BODY_BYTES) + "\"}";

    assertThat(send(request("/echo").POST(HttpRequest.BodyPublishers.ofString(big))).status()).isEqualTo(413);
  }

  @Test
  void aChunkedBodyIsReadWholeAndOverTheLimitIs413() throws Exception {
    String small = "{\"name\":\"chunked\"}";
    String big = "{\"name\":\"" + "x".repeat(RouteHandler.MAX_BODY_BYTES) + "\"}";

    // ofInputStream has no length: the client sends the body chunked.
    Response ok = send(request("/echo").POST(HttpRequest.BodyPublishers.ofInputStream(
        () -> new java.io.ByteArrayInputStream(small.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    Response tooBig = send(request("/echo").POST(HttpRequest.BodyPublishers.ofInputStream(
        () -> new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().toString()).contains("chunked");
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.body().get("error").get("code").asText()).isEqualTo("BAD_REQUEST");
  }

  @Test
  void requestsBeyondTheAddressLimitAre429AndNeverReachTheRoute() throws Exception {
    try (CaroteneServer limited = CaroteneServer.builder(
                new RoutesApplication(new HttpRoute("GET", "/count", false, call -> object(Map.of("n", "1")))))
            .host("127.0.0.1")
            .port(0)
            .tokens(Tokens.withRandomSecret())
            .httpRateLimit(new RateLimit(0.001, 3)) // three, then practically never again
            .start()) {
      URI count = URI.create("http://127.0.0.1:" + limited.port() + "/count");
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        statuses.add(http.send(HttpRequest.newBuilder(count).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      }
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(count).GET().build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> health = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + limited.port() + "/health")).GET().build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
      assertThat(Json.MAPPER.readTree(refused.body()).get("error").get("code").asText()).isEqualTo("RATE_LIMITED");
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(health.statusCode()).as("/health is not limited").isEqualTo(200);
    }
  }

  @Test
  void aGuardIs401WithoutATokenAnd403WithOne() throws Exception {
    String token = server.tokens().issue("user-7");

    assertThat(send(request("/me").GET()).status()).isEqualTo(401);
    Response me = send(request("/me").header("Authorization", "Bearer " + token).GET());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().get("user").asText()).isEqualTo("user-7");
    Response admin = send(request("/admin").header("Authorization", "Bearer " + token).GET());
    assertThat(admin.status()).isEqualTo(403);
    assertThat(code(admin)).isEqualTo("FORBIDDEN");
  }

  @Test
  void aBadTokenIs401EvenOnAnOpenRoute() throws Exception {
    assertThat(send(request("/items/1").header("Authorization", "Bearer nope").GET()).status()).isEqualTo(401);
  }

  @Test
  void aRejectionIs422() throws Exception {
    Response response = send(request("/refuse").POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.status()).isEqualTo(422);
    assertThat(code(response)).isEqualTo("REJECTED");
    assertThat(response.body().get("error").get("message").asText()).isEqualTo("Not today");
  }

  @Test
  void nothingReturnedIs204() throws Exception {
    assertThat(send(request("/nothing").DELETE()).status()).isEqualTo(204);
  }

  @Test
  void aFailingRouteIs500AndLogsOneLineWithoutAStackTrace() throws Exception {
    synchronized (LOGGED) {
      LOGGED.clear();
    }

    Response response = send(request("/broken").GET());

    assertThat(response.status()).isEqualTo(500);
    assertThat(code(response)).isEqualTo("INTERNAL");
    assertThat(response.body().toString()).doesNotContain("a bug in the game");
    synchronized (LOGGED) {
      assertThat(LOGGED).filteredOn(r -> r.getLevel().intValue() >= java.util.logging.Level.INFO.intValue())
          .hasSize(1)
          .allSatisfy(r -> {
            assertThat(r.getThrown()).isNull();
            assertThat(r.getMessage()).contains("/broken").contains("a bug in the game");
          });
    }
  }

  @Test
  void unknownPathsAre404AndWrongMethods405() throws Exception {
    assertThat(send(request("/nowhere").GET()).status()).isEqualTo(404);
    assertThat(send(request("/nowhere").POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(404);
    assertThat(send(request("/echo").PUT(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(405);
  }

  @Test
  void aWorldWithoutLoopsIsHealthy() throws Exception {
    assertThat(send(request("/health").GET()).status()).isEqualTo(200);
  }
}
