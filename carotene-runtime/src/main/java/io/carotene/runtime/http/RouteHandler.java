package io.carotene.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.ErrorCode;
import io.carotene.runtime.Rejection;
import io.carotene.runtime.Session;
import io.carotene.runtime.auth.BearerToken;
import io.carotene.runtime.auth.InvalidTokenException;
import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.internal.BadArgumentException;
import io.carotene.runtime.internal.HttpCall;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.limit.RateLimit;
import io.carotene.runtime.wire.HttpResponses;
import io.carotene.runtime.wire.Json;
import io.carotene.runtime.world.WorldThread;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves one {@link HttpRoute}. A request body is read without blocking, on the IO thread (a
 * client that sends its body slowly, or never finishes it, holds no thread); then the request moves
 * to a worker, and a route that touches a store runs on the world thread, between ticks, while the
 * worker waits for its result.
 */
public final class RouteHandler implements HttpHandler {
  /** The largest request body a route reads. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final long WORLD_TIMEOUT_SECONDS = 5;
  private static final Logger LOG = Logger.getLogger(RouteHandler.class.getName());

  private final HttpRoute route;
  private final Function<HttpServerExchange, Target> targets;
  private final Tokens tokens;
  private final HttpRateLimiter limiter;

  /** Which instance of a route answers a request, and the world thread a store route runs on. */
  public record Target(HttpRoute route, WorldThread thread) {}

  /** Serves {@code route}; a store route runs on {@code worldThread} (null for a route without store). */
  public RouteHandler(HttpRoute route, WorldThread worldThread, Tokens tokens, HttpRateLimiter limiter) {
    Target fixed = new Target(route, worldThread);
    this.route = route;
    this.targets = exchange -> fixed;
    this.tokens = tokens;
    this.limiter = limiter;
  }

  /**
   * Serves {@code route} as a template: each request runs the instance {@code targets} picks for
   * it, on that instance's world thread (a room's, named by the request's path).
   */
  public RouteHandler(HttpRoute route, Function<HttpServerExchange, Target> targets, Tokens tokens, HttpRateLimiter limiter) {
    this.route = route;
    this.targets = targets;
    this.tokens = tokens;
    this.limiter = limiter;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (limiter != null && exchange.getSourceAddress() != null
        && !limiter.tryAcquire(exchange.getSourceAddress().getAddress())) {
      RateLimit limit = limiter.limit();
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, (long) Math.ceil(1 / limit.perSecond()));
      HttpResponses.error(exchange, 429, "RATE_LIMITED", "Too many requests from your address: at most "
          + limit.perSecond() + " per second, bursts of " + limit.burst());
      return;
    }
    if (!route.hasBody()) {
      exchange.dispatch(() -> serveOnWorker(exchange, null));
      return;
    }
    if (exchange.getRequestContentLength() > MAX_BODY_BYTES) {
      bodyTooLarge(exchange);
      return;
    }
    exchange.setMaxEntitySize(MAX_BODY_BYTES); // a chunked body beyond it fails the read
    Receiver receiver = exchange.getRequestReceiver();
    receiver.setMaxBufferSize(MAX_BODY_BYTES);
    receiver.receiveFullBytes(
        (ex, body) -> ex.dispatch(() -> serveOnWorker(ex, body)),
        (ex, error) -> {
          // Undertow's receiver refuses a body beyond its buffer, the channel one beyond the
          // exchange's entity size: either is a body over the limit.
          if (error instanceof Receiver.RequestToLargeException || error instanceof RequestTooBigException) {
            bodyTooLarge(ex);
          } else {
            // The client went away mid-body; there is no one to answer.
            LOG.log(Level.FINE, "route body read failure", error);
            ex.endExchange();
          }
        });
  }

  private static void bodyTooLarge(HttpServerExchange exchange) {
    HttpResponses.error(exchange, 413, "BAD_REQUEST", "The request body is larger than " + MAX_BODY_BYTES + " bytes");
  }

  /** On a worker thread, with the whole body (null for a route without one). */
  private void serveOnWorker(HttpServerExchange exchange, byte[] body) {
    try {
      serve(exchange, body);
    } catch (IOException e) {
      // The client went away before the answer; there is no one to answer.
      LOG.log(Level.FINE, "route IO failure", e);
      exchange.endExchange();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> route.method() + " " + route.path() + " could not be answered: " + e);
      if (!exchange.isResponseStarted()) {
        HttpResponses.error(exchange, 500, "INTERNAL", route.method() + " " + route.path() + " failed on the server");
      } else {
        exchange.endExchange();
      }
    }
  }

  private void serve(HttpServerExchange exchange, byte[] body) throws IOException {
    Session session = Session.anonymous();
    String token = BearerToken.of(exchange);
    if (token != null) {
      try {
        session = tokens.session(token);
      } catch (InvalidTokenException e) {
        HttpResponses.unauthorized(exchange, e.getMessage());
        return;
      }
    }
    ObjectNode args;
    try {
      args = arguments(exchange, body);
    } catch (BadArgumentException e) {
      HttpResponses.error(exchange, 400, "BAD_REQUEST", e.getMessage());
      return;
    }
    HttpCall call = new HttpCall(session, args, tokens);
    Target target = targets.apply(exchange);
    CallResult result;
    if (route.onWorldThread()) {
      try {
        result = WorldAnswer.await(exchange, target.thread().submit(() -> invokeOnWorld(target, call)), WORLD_TIMEOUT_SECONDS);
        if (result == null) {
          return; // answered 503
        }
      } catch (ExecutionException e) {
        result = CallResult.error(ErrorCode.INTERNAL, route.path() + " failed on the server");
      }
    } else {
      result = invoke(target.route(), call);
    }
    HttpResponses.result(exchange, session, result);
  }

  /** On the world thread: the route, then its record in the world's recording, if any. */
  private CallResult invokeOnWorld(Target target, HttpCall call) {
    CallResult result = invoke(target.route(), call);
    target.thread().world().routed(target.route(), call, result);
    return result;
  }

  private CallResult invoke(HttpRoute route, HttpCall call) {
    try {
      return route.handler().handle(call);
    } catch (BadArgumentException e) {
      return CallResult.badRequest(e.getMessage());
    } catch (Rejection e) {
      return CallResult.rejected(e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> route.method() + " " + route.path() + " failed, answering 500: " + e);
      LOG.log(Level.FINE, "route failure", e);
      return CallResult.error(ErrorCode.INTERNAL, route.method() + " " + route.path() + " failed on the server");
    }
  }

  /** The path template's values, then the JSON body's members or the query string's values. */
  private ObjectNode arguments(HttpServerExchange exchange, byte[] body) {
    ObjectNode args = Json.MAPPER.createObjectNode();
    if (route.hasBody()) {
      String text = new String(body, StandardCharsets.UTF_8);
      if (!text.isBlank()) {
        JsonNode parsed;
        try {
          parsed = Json.parse(text);
        } catch (Json.MalformedJsonException e) {
          throw new BadArgumentException(e.getMessage());
        }
        if (!parsed.isObject()) {
          throw new BadArgumentException("The request body must be a JSON object");
        }
        args.setAll((ObjectNode) parsed);
      }
    } else {
      for (Map.Entry<String, Deque<String>> parameter : exchange.getQueryParameters().entrySet()) {
        if (!parameter.getKey().equals(BearerToken.QUERY_PARAMETER) && !parameter.getValue().isEmpty()) {
          args.put(parameter.getKey(), parameter.getValue().getFirst());
        }
      }
    }
    PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
    if (match != null) {
      match.getParameters().forEach(args::put);
    }
    return args;
  }
}
