package io.carotene.runtime.http;

import io.carotene.runtime.wire.HttpResponses;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for what a request asked of the world thread. A world that does not answer in time (a
 * tick stuck in game code) or a server that is stopping answers the request {@code 503} instead
 * of holding its thread: the same rule for every route and operations endpoint.
 */
public final class WorldAnswer {
  private WorldAnswer() {}

  /**
   * {@code answer}'s value, or null once {@code exchange} was answered {@code 503} because the
   * world did not answer within {@code timeoutSeconds} (the task is cancelled) or the thread was
   * interrupted. The world's task must not produce null.
   *
   * @throws ExecutionException when the task failed on the world thread: the caller says how
   */
  public static <T> T await(HttpServerExchange exchange, CompletableFuture<T> answer, long timeoutSeconds)
      throws ExecutionException {
    try {
      return answer.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      answer.cancel(false);
      HttpResponses.error(exchange, 503, "INTERNAL", "The world did not answer in time");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      HttpResponses.error(exchange, 503, "INTERNAL", "The server is stopping");
      return null;
    }
  }
}
