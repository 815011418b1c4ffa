package io.carotene.test.agones;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stand-in for the Agones SDK sidecar, for tests without a cluster: an in-process HTTP server on
 * localhost that serves the sidecar's HTTP API with the request and response shapes of Agones'
 * {@code sdk.swagger.json} (Counters and Lists as in {@code beta.swagger.json}, under a prefix of
 * choice). Every request is checked against its shape ({@link SdkShapes}); one that does not fit
 * is answered 400 and kept in {@link #violations()}. The GameServer's state follows the requests
 * ({@code /ready} makes it {@code Ready}...), and every change goes out on each open {@code GET
 * /watch/gameserver} stream as a {@code {"result": GameServer}} line. A test can allocate the
 * server as a {@code GameServerAllocation} would, and stop and restart the stand-in to play an
 * outage.
 */
public final class AgonesSidecarStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the stand-in received it; {@code body} is null for a GET. */
  public record Request(String method, String path, JsonNode body) {}

  private final String countersPrefix;
  private final GameServerState state;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<BlockingQueue<String>> watchers = new CopyOnWriteArrayList<>();
  private int port;
  private HttpServer server;
  private ExecutorService executor;

  private AgonesSidecarStandIn(String countersPrefix) {
    this.countersPrefix = countersPrefix;
    this.state = new GameServerState(JSON, this::broadcast);
  }

  /** A stand-in on a free port, with Counters and Lists at the current paths ({@code /counters/...}). */
  public static AgonesSidecarStandIn start() {
    return start("");
  }

  /** A stand-in on a free port, with Counters and Lists under {@code countersPrefix} (e.g. {@code /v1beta1}). */
  public static AgonesSidecarStandIn start(String countersPrefix) {
    AgonesSidecarStandIn standIn = new AgonesSidecarStandIn(countersPrefix);
    standIn.listen(0);
    return standIn;
  }

  /** A stand-in that is not listening yet (a sidecar that starts after the game server): {@link #restart()} starts it. */
  public static AgonesSidecarStandIn reserved(int port) {
    AgonesSidecarStandIn standIn = new AgonesSidecarStandIn("");
    standIn.port = port;
    return standIn;
  }

  public int port() {
    return port;
  }

  /** Declares the Counter {@code name} with its capacity (as a Fleet's {@code spec.counters} would). */
  public AgonesSidecarStandIn counter(String name, long capacity) {
    state.declareCounter(name, capacity);
    return this;
  }

  /** Declares the List {@code name} with its capacity. */
  public AgonesSidecarStandIn list(String name, long capacity) {
    state.declareList(name, capacity);
    return this;
  }

  /** Allocates the GameServer as a {@code GameServerAllocation} with this metadata would. */
  public void allocate(Map<String, String> labels, Map<String, String> annotations) {
    state.allocate(labels, annotations);
  }

  /** The GameServer as the stand-in holds it now ({@code sdkGameServer}). */
  public JsonNode gameServer() {
    return state.snapshot();
  }

  /** The GameServer's state ({@code Scheduled} until {@code /ready}). */
  public String stateName() {
    return state.snapshot().path("status").path("state").asText();
  }

  /** Every request received, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** How many requests matched {@code method} and {@code path}. */
  public long count(String method, String path) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
  }

  /** The requests that did not fit their shape in the SDK's description, each with why. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /**
   * Waits until a request received so far or later matches {@code filter}; throws {@link
   * AssertionError} after {@code timeout}.
   */
  public Request await(Predicate<Request> filter, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Request request : requests) {
        if (filter.test(request)) {
          return request;
        }
      }
      pause();
    }
    throw new AssertionError("The sidecar stand-in did not receive " + what + " within " + timeout + "; it received " + summary());
  }

  /** Waits until {@code count(method, path)} reaches {@code atLeast}. */
  public void awaitCount(String method, String path, long atLeast, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count(method, path) < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Expected " + atLeast + " × " + method + " " + path + " within " + timeout
            + ", got " + count(method, path));
      }
      pause();
    }
  }

  /** Stops listening and ends the watch streams: the sidecar is gone until {@link #restart()}. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    for (BlockingQueue<String> watcher : watchers) {
      watcher.add(GameServerState.END);
    }
    server.stop(0);
    executor.shutdownNow();
    server = null;
  }

  /** Listens again on the same port, with the same GameServer. */
  public synchronized void restart() {
    if (server == null) {
      listen(port);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void listen(int onPort) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 16);
    } catch (IOException e) {
      throw new IllegalStateException("The sidecar stand-in cannot listen on port " + onPort + ": " + e, e);
    }
    executor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "agones-sidecar-stand-in");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      JsonNode body = null;
      if (!text.isEmpty()) {
        try {
          body = JSON.readTree(text);
        } catch (IOException e) {
          body = JSON.getNodeFactory().textNode(text);
        }
      }
      // Recorded once handled, so a test that saw a request also sees its effect on the GameServer.
      Request request = new Request(method, path, body);
      SdkShapes.Endpoint endpoint = SdkShapes.match(method, path, countersPrefix);
      if (endpoint == null) {
        violation(method + " " + path + ": no such endpoint in the SDK's description");
        requests.add(request);
        answer(exchange, 404, error(5, "Not Found"));
        return;
      }
      String wrong = endpoint.check(body);
      if (wrong != null) {
        violation(method + " " + path + ": " + wrong);
        requests.add(request);
        answer(exchange, 400, error(3, wrong));
        return;
      }
      if (endpoint.operation() == SdkShapes.Operation.WATCH) {
        requests.add(request);
        watch(exchange);
        return;
      }
      GameServerState.Answer answer = state.apply(endpoint, body);
      requests.add(request);
      answer(exchange, answer.status(), answer.body());
    }
  }

  private void watch(HttpExchange exchange) throws IOException {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    state.whileUnchanged(() -> {
      lines.add(line(state.snapshot()));
      watchers.add(lines);
    });
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      while (true) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line == GameServerState.END || Thread.currentThread().isInterrupted()) {
          return;
        }
        if (line != null) {
          out.write(line.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away
    } finally {
      watchers.remove(lines);
    }
  }

  private void broadcast(JsonNode gameServer) {
    String line = line(gameServer);
    for (BlockingQueue<String> watcher : watchers) {
      watcher.add(line);
    }
  }

  private static String line(JsonNode gameServer) {
    ObjectNode result = JSON.createObjectNode();
    result.set("result", gameServer);
    return result + "\n";
  }

  private void violation(String why) {
    violations.add(why);
  }

  private static JsonNode error(int grpcCode, String message) {
    return JSON.createObjectNode().put("code", grpcCode).put("message", message);
  }

  private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private String summary() {
    List<String> seen = new ArrayList<>();
    for (Request request : requests) {
      seen.add(request.method() + " " + request.path() + (request.body() == null ? "" : " " + request.body()));
    }
    return seen.size() > 30 ? seen.subList(seen.size() - 30, seen.size()) + " (last 30)" : seen.toString();
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
