package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.test.server.TestClient;
import io.carotene.test.server.TestClient.Reply;
import io.carotene.test.server.TestServer;
import io.carotene.test.server.TestServer.HttpResult;
import io.carotene.test.server.TestServerExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The game served for real on a free port: HTTP to join, a WebSocket to steer. */
class TagServerTest {
  @RegisterExtension
  static final TestServerExtension tag = TestServerExtension.of(TagApplication::new);

  @Test
  void aRunnerJoinsAndSteersOverTheWebSocket(TestServer server) {
    HttpResult joined = server.post("/api/join", Map.of());
    assertThat(joined.status()).isEqualTo(200);
    UUID runnerId = UUID.fromString(joined.body().get("runnerId").asText());

    try (TestClient client = server.connect(joined.body().get("token").asText())) {
      Reply reply = client.call("Steer", Map.of("runnerId", runnerId.toString(), "dx", 2, "dz", 0));

      assertThat(reply.isOk()).as(reply.toString()).isTrue();
    }
    float dx = server.onWorld(world -> world.store(FieldView.class).get(runnerId).dx());
    assertThat(dx).isEqualTo(2f);
  }

  @Test
  void steeringAnotherRunnerIsForbidden(TestServer server) {
    UUID alice = UUID.fromString(server.post("/api/join", Map.of()).body().get("runnerId").asText());
    String bobsToken = server.post("/api/join", Map.of()).body().get("token").asText();

    try (TestClient bob = server.connect(bobsToken)) {
      Reply reply = bob.call("Steer", Map.of("runnerId", alice.toString(), "dx", 2, "dz", 0));

      assertThat(reply.code()).isEqualTo("FORBIDDEN");
    }
  }
}
