package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.ArenaApplication;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServerExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path answers 405 with Allow for a method it does not serve, and HEAD where it serves GET. */
class HttpMethodsTest {
  @RegisterExtension
  static final TestServerExtension arena = TestServerExtension.of(ArenaApplication::new);

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> UNSERVED = List.of("PUT", "DELETE", "TRACE", "BREW");

  private static HttpResponse<String> send(TestServer server, String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.httpUri().resolve(path))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(TestServer server, String method, String path, String allow) throws Exception {
    HttpResponse<String> response = send(server, method, path);
    assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).as(method + " " + path).hasValue(allow);
    if (!method.equals("HEAD")) { // a HEAD answer never has a body
      assertThat(response.body()).contains("METHOD_NOT_ALLOWED");
    }
  }

  private static void assertHeadLikeGet(TestServer server, String path) throws Exception {
    HttpResponse<String> head = send(server, "HEAD", path);
    assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(200);
    assertThat(head.body()).as("HEAD " + path + " has no body").isEmpty();
    assertThat(head.headers().firstValue("Content-Type"))
        .isEqualTo(send(server, "GET", path).headers().firstValue("Content-Type"));
  }

  @Test
  void healthAndMetricsServeGetAndHeadAndRefuseEveryOtherMethodWith405(TestServer server) throws Exception {
    for (String path : List.of("/health", "/metrics", "/metrics.json")) {
      for (String method : UNSERVED) {
        assertRefused(server, method, path, "GET, HEAD");
      }
      assertRefused(server, "POST", path, "GET, HEAD");
      assertHeadLikeGet(server, path);
    }
  }

  @Test
  void generatedRoutesAnswer405WithTheirMethodsAndHeadWhereTheyServeGet(TestServer server) throws Exception {
    for (String method : UNSERVED) {
      assertRefused(server, method, "/api/rules", "GET, HEAD");
      assertRefused(server, method, "/api/login", "POST");
    }
    assertRefused(server, "GET", "/api/login", "POST");
    assertRefused(server, "HEAD", "/api/login", "POST");
    assertHeadLikeGet(server, "/api/rules");
  }

  @Test
  void staticFilesServeGetAndHeadAndRefuseEveryOtherMethodWith405(TestServer server) throws Exception {
    for (String method : List.of("PUT", "DELETE", "TRACE", "BREW", "POST")) {
      assertRefused(server, method, "/", "GET, HEAD");
      assertRefused(server, method, "/index.html", "GET, HEAD");
    }
    assertHeadLikeGet(server, "/index.html");
    assertThat(send(server, "PUT", "/no-such-file").statusCode()).isEqualTo(404);
  }

  @Test
  void theWebSocketEndpointAllowsOnlyItsHandshake(TestServer server) throws Exception {
    assertRefused(server, "POST", "/ws", "GET");
    assertRefused(server, "TRACE", "/ws", "GET");
  }
}
