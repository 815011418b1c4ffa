package io.carotene.example.arena.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.carotene.runtime.fleet.AgonesSettings;
import io.carotene.runtime.fleet.MatchEndPolicy;
import io.carotene.runtime.server.CaroteneServer;
import io.carotene.runtime.server.ServerDrain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The files in {@code deploy/} cannot be applied here (no cluster): this test keeps them from
 * drifting away from the server. Required fields are there; the port, the counter and list names,
 * the environment and the metrics path are the ones the server uses.
 */
class DeployManifestsTest {
  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode read(String file) throws IOException {
    return YAML.readTree(DEPLOY.resolve(file).toFile());
  }

  private static JsonNode gameServerSpec() throws IOException {
    return read("fleet.yaml").path("spec").path("template").path("spec");
  }

  private static Map<String, String> containerEnv() throws IOException {
    Map<String, String> env = new HashMap<>();
    for (JsonNode variable : gameServerSpec().path("template").path("spec").path("containers").get(0).path("env")) {
      env.put(variable.path("name").asText(), variable.has("value") ? variable.path("value").asText() : null);
    }
    return env;
  }

  @Test
  void theFleetServesTheGamePortOverTcpWithHealthChecks() throws IOException {
    JsonNode fleet = read("fleet.yaml");
    JsonNode spec = gameServerSpec();
    JsonNode port = spec.path("ports").get(0);

    assertThat(fleet.path("apiVersion").asText()).isEqualTo("agones.dev/v1");
    assertThat(fleet.path("kind").asText()).isEqualTo("Fleet");
    assertThat(port.path("protocol").asText()).as("WebSockets need TCP; Agones defaults to UDP").isEqualTo("TCP");
    assertThat(port.path("containerPort").asText()).isEqualTo(containerEnv().get("PORT"));
    assertThat(spec.path("health").path("disabled").asBoolean()).isFalse();
    assertThat(spec.path("health").path("periodSeconds").asLong() * 1000)
        .as("the server pings Health well within the period")
        .isGreaterThan(2 * AgonesSettings.onPort(AgonesSettings.DEFAULT_PORT).healthPeriod().toMillis());
    assertThat(spec.path("template").path("spec").path("containers").get(0).path("image").asText()).isNotBlank();
  }

  @Test
  void theFleetDeclaresTheCountersAndTheListTheServerReports() throws IOException {
    JsonNode spec = gameServerSpec();

    assertThat(spec.path("counters").has(AgonesSettings.ROOMS_COUNTER)).isTrue();
    assertThat(spec.path("counters").has(AgonesSettings.PLAYERS_COUNTER)).isTrue();
    assertThat(spec.path("lists").has(AgonesSettings.PLAYERS_LIST)).isTrue();
    assertThat(spec.path("counters").path(AgonesSettings.ROOMS_COUNTER).path("capacity").asLong()).isPositive();
    assertThat(spec.path("lists").path(AgonesSettings.PLAYERS_LIST).path("capacity").asLong()).isPositive();
    assertThat(containerEnv().get("CAROTENE_MAX_ROOMS"))
        .as("the server reports its maxRooms as the rooms Counter's capacity")
        .isEqualTo(spec.path("counters").path(AgonesSettings.ROOMS_COUNTER).path("capacity").asText());
  }

  @Test
  void theEnvironmentIsOneTheServerAccepts() throws IOException {
    Map<String, String> env = new HashMap<>(containerEnv());
    env.values().removeIf(value -> value == null); // from Secrets
    env.put(AgonesSettings.PORT_VARIABLE, String.valueOf(AgonesSettings.DEFAULT_PORT)); // Agones sets it

    AgonesSettings settings = AgonesSettings.fromVariables(env).orElseThrow();

    assertThat(settings.matchEnd()).isEqualTo(MatchEndPolicy.SHUTDOWN);
    assertThat(containerEnv()).containsKey("CAROTENE_SECRET");
  }

  @Test
  void thePodOutlivesTheDrainBySIGTERMWithTimeForTheStopAfterIt() throws IOException {
    long drain = Long.parseLong(containerEnv().get(ServerDrain.DEADLINE_VARIABLE));
    long grace = gameServerSpec().path("template").path("spec").path("terminationGracePeriodSeconds").asLong(-1);

    assertThat(drain).as("SIGTERM drains the rooms in play").isPositive();
    assertThat(grace).as("Kubernetes kills the process when the grace period runs out")
        .isGreaterThanOrEqualTo(drain + ServerDrain.STOP_SECONDS);
  }

  @Test
  void prometheusScrapesTheServersMetricsPathOnTheGamePort() throws IOException {
    JsonNode annotations = gameServerSpec().path("template").path("metadata").path("annotations");

    assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
    assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo(CaroteneServer.METRICS_PATH);
    assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(containerEnv().get("PORT"));
  }

  @Test
  void theAutoscalerAndTheAllocationNameTheFleetAndItsCounters() throws IOException {
    JsonNode fleet = read("fleet.yaml");
    JsonNode autoscaler = read("fleetautoscaler.yaml");
    JsonNode allocation = read("gameserverallocation.yaml");
    JsonNode spec = gameServerSpec();

    assertThat(autoscaler.path("kind").asText()).isEqualTo("FleetAutoscaler");
    assertThat(autoscaler.path("spec").path("fleetName").asText()).isEqualTo(fleet.path("metadata").path("name").asText());
    assertThat(autoscaler.path("spec").path("policy").path("type").asText()).isEqualTo("Counter");
    assertThat(spec.path("counters").has(autoscaler.path("spec").path("policy").path("counter").path("key").asText())).isTrue();
    assertThat(allocation.path("kind").asText()).isEqualTo("GameServerAllocation");
    for (JsonNode selector : allocation.path("spec").path("selectors")) {
      assertThat(selector.path("matchLabels").path("agones.dev/fleet").asText()).isEqualTo(fleet.path("metadata").path("name").asText());
      selector.path("counters").fieldNames().forEachRemaining(name -> assertThat(spec.path("counters").has(name)).as(name).isTrue());
      selector.path("lists").fieldNames().forEachRemaining(name -> assertThat(spec.path("lists").has(name)).as(name).isTrue());
    }
    allocation.path("spec").path("counters").fieldNames()
        .forEachRemaining(name -> assertThat(spec.path("counters").has(name)).as(name).isTrue());
  }

  @Test
  void theImageRunsTheLauncherJarOnAJdk17AsANonRootUserOnTheFleetsPort() throws IOException {
    String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
    List<String> froms = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile).results().map(m -> m.group(1)).toList();
    Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
    Matcher port = Pattern.compile("(?m)^ENV PORT=(\\d+)").matcher(dockerfile);

    assertThat(froms).hasSize(2);
    assertThat(froms.get(0)).contains("maven");
    assertThat(froms.get(1)).isEqualTo("eclipse-temurin:17-jdk");
    assertThat(user.find()).isTrue();
    assertThat(user.group(1)).isNotIn("root", "0");
    assertThat(port.find()).isTrue();
    assertThat(port.group(1)).isEqualTo(containerEnv().get("PORT"));
    assertThat(dockerfile).contains("\"-jar\", \"/app/arena.jar\"").contains("COPY --from=build /src/example-arena/target/lib /app/lib");
  }

  @Test
  void noDeploymentFileNamesADownloadAddress() throws IOException {
    try (Stream<Path> files = Files.list(DEPLOY)) {
      for (Path file : files.toList()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain("http://").doesNotContain("https://");
      }
    }
  }
}
