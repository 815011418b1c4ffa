package io.carotene.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@code --calls binary} writes the Arena's HandleInput in its documented layout (PROTOCOL.md,
 * section 3), hard-coded so that sending allocates nothing. Once, at connect, a probe connection
 * reads the server's schema and checks that its {@code operations} list that very layout.
 */
final class SchemaCheck {
  /** The schema's entry for the layout {@link Bot} writes, as the server's JSON writer prints it. */
  static final String HANDLE_INPUT =
      "{\"name\":\"HandleInput\",\"index\":0,\"argsSize\":28,\"args\":["
          + "{\"name\":\"playerId\",\"type\":\"uuid\",\"offset\":0,\"size\":16},"
          + "{\"name\":\"inputVector.x\",\"type\":\"f32\",\"offset\":16,\"size\":4},"
          + "{\"name\":\"inputVector.y\",\"type\":\"f32\",\"offset\":20,\"size\":4},"
          + "{\"name\":\"inputVector.z\",\"type\":\"f32\",\"offset\":24,\"size\":4}]}";

  private SchemaCheck() {}

  /** What is wrong with the server's schema for binary calls, or null when it lists HANDLE_INPUT. */
  static String problem(URI ws, String token) {
    String schema;
    try {
      schema = read(ws, token);
    } catch (Exception e) {
      return "schema probe failed: " + e;
    }
    if (!schema.contains("\"operations\":[")) {
      return "the server's schema has no 'operations': it does not take binary calls; run with --calls json";
    }
    if (!schema.contains(HANDLE_INPUT)) {
      return "the server's schema does not list HandleInput as op 0 with the layout --calls binary writes "
          + HANDLE_INPUT + "; run with --calls json";
    }
    return null;
  }

  private static String read(URI ws, String token) throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    StringBuilder text = new StringBuilder();
    WebSocket.Listener listener = new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          first.complete(text.toString());
        }
        socket.request(1);
        return null;
      }

      @Override
      public void onError(WebSocket socket, Throwable error) {
        first.completeExceptionally(error);
      }
    };
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    WebSocket socket = client.newWebSocketBuilder()
        .header("Authorization", "Bearer " + token)
        .buildAsync(ws, listener)
        .get(30, TimeUnit.SECONDS);
    try {
      return first.get(30, TimeUnit.SECONDS);
    } finally {
      socket.abort();
    }
  }
}
