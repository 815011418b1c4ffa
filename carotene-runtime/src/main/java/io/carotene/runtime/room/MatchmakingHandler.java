package io.carotene.runtime.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carotene.runtime.Clock;
import io.carotene.runtime.Session;
import io.carotene.runtime.auth.BearerToken;
import io.carotene.runtime.auth.InvalidTokenException;
import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.limit.RateLimit;
import io.carotene.runtime.limit.TokenBucket;
import io.carotene.runtime.wire.HttpResponses;
import io.carotene.runtime.wire.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The runtime's matchmaking routes (PROTOCOL.md, section 9), each behind a valid session token and
 * a rate limit per user and per address: {@code POST /matchmake/create}, {@code POST
 * /matchmake/joinOrCreate}, {@code POST /matchmake/join/{roomId}} answer a {@link Reservation};
 * {@code GET /rooms} lists the rooms.
 */
public final class MatchmakingHandler implements HttpHandler {
  public static final String MATCHMAKE_PREFIX = "/matchmake";
  public static final String ROOMS_PATH = "/rooms";
  /** The largest request body, in bytes. */
  static final int MAX_BODY_BYTES = 16 * 1024;
  /** Past this many users or addresses, the buckets are forgotten (memory stays bounded). */
  static final int MAX_BUCKETS = 10_000;

  private static final Logger LOG = Logger.getLogger(MatchmakingHandler.class.getName());

  private final RoomManager rooms;
  private final Tokens tokens;
  private final RateLimit perUser;
  private final RateLimit perAddress;
  private final Map<Object, TokenBucket> buckets = new ConcurrentHashMap<>();

  /** {@code perUser}/{@code perAddress}: null for no limit. */
  public MatchmakingHandler(RoomManager rooms, Tokens tokens, RateLimit perUser, RateLimit perAddress) {
    this.rooms = rooms;
    this.tokens = tokens;
    this.perUser = perUser;
    this.perAddress = perAddress;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String path = exchange.getRelativePath();
    boolean list = exchange.getResolvedPath().equals(ROOMS_PATH);
    String action = list ? "list" : path.startsWith("/") ? path.substring(1) : path;
    if (list ? !exchange.getRequestMethod().equals(Methods.GET) : !exchange.getRequestMethod().equals(Methods.POST)) {
      exchange.getResponseHeaders().put(io.undertow.util.Headers.ALLOW, list ? "GET" : "POST");
      HttpResponses.error(exchange, 405, "METHOD_NOT_ALLOWED", (list ? "GET " : "POST ") + exchange.getRequestPath());
      return;
    }
    Session session = authenticate(exchange);
    if (session == null) {
      return;
    }
    if (!acquire(perAddress, exchange.getSourceAddress().getAddress())
        || !acquire(perUser, "user:" + session.userId())) {
      RoomHandshake.error(exchange, rooms, RoomError.RATE_LIMITED, "Too many matchmaking requests: slow down");
      return;
    }
    if (list) {
      String type = exchange.getQueryParameters().containsKey("type") ? exchange.getQueryParameters().get("type").getFirst() : null;
      HttpResponses.json(exchange, 200, bytes(RoomListing.describe(rooms, type)));
      return;
    }
    exchange.setMaxEntitySize(MAX_BODY_BYTES);
    exchange.getRequestReceiver().receiveFullBytes(
        (ex, bytes) -> ex.dispatch(() -> answer(ex, session, action, bytes)),
        (ex, failure) -> HttpResponses.error(ex, 413, "BAD_REQUEST", "The body could not be read (at most " + MAX_BODY_BYTES + " bytes)"));
  }

  private void answer(HttpServerExchange exchange, Session session, String action, byte[] bytes) {
    try {
      JsonNode body = bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(bytes);
      if (body == null || !body.isObject()) {
        throw new RoomException(RoomError.BAD_REQUEST, "The body must be a JSON object");
      }
      Reservation seat;
      if (action.equals("create")) {
        seat = rooms.create(session, text(body, "type"), roomId(body), body.get("options"));
      } else if (action.equals("joinOrCreate")) {
        seat = rooms.joinOrCreate(session, text(body, "type"), roomId(body), body.get("options"), body.get("filters"));
      } else if (action.startsWith("join/") && action.length() > 5) {
        seat = rooms.join(session, action.substring(5), body.get("options"));
      } else {
        HttpResponses.error(exchange, 404, "NOT_FOUND",
            "No route " + exchange.getRequestPath() + "; matchmaking has /matchmake/create, /matchmake/joinOrCreate, /matchmake/join/{roomId}");
        return;
      }
      ObjectNode reply = Json.MAPPER.createObjectNode()
          .put("roomId", seat.roomId())
          .put("type", seat.type())
          .put("reservation", seat.reservation())
          .put("reconnectionToken", seat.reconnectionToken())
          .put("expiresInMillis", seat.expiresInMillis())
          .put("reconnectGraceMillis", seat.reconnectGraceMillis());
      HttpResponses.json(exchange, 200, bytes(reply));
    } catch (RoomException refused) {
      RoomHandshake.error(exchange, rooms, refused.error(), refused.getMessage());
    } catch (IOException unreadable) {
      RoomHandshake.error(exchange, rooms, RoomError.BAD_REQUEST, "The body is not JSON: " + unreadable.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Matchmaking " + action + " failed", e);
      HttpResponses.error(exchange, 500, "INTERNAL", "Matchmaking failed on the server");
    }
  }

  private static byte[] bytes(JsonNode json) {
    try {
      return Json.MAPPER.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual()) {
      throw new RoomException(RoomError.BAD_REQUEST, "'" + field + "' must be a string (a room type)");
    }
    return value.asText();
  }

  /** The body's {@code roomId}, which names a persistent room type's room; null when absent. */
  private static String roomId(JsonNode body) {
    JsonNode value = body.get("roomId");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new RoomException(RoomError.BAD_REQUEST, "'roomId' must be a string (a persistent room's name)");
    }
    return value.asText();
  }

  private Session authenticate(HttpServerExchange exchange) {
    String token = BearerToken.of(exchange);
    if (token == null) {
      HttpResponses.unauthorized(exchange, "Missing token: send 'Authorization: Bearer <token>'");
      return null;
    }
    try {
      return tokens.session(token);
    } catch (InvalidTokenException e) {
      HttpResponses.unauthorized(exchange, e.getMessage());
      return null;
    }
  }

  private boolean acquire(RateLimit limit, Object key) {
    if (limit == null) {
      return true;
    }
    TokenBucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= MAX_BUCKETS) {
        buckets.clear();
      }
      bucket = buckets.computeIfAbsent(key, unused -> new TokenBucket(limit, Clock.system()));
    }
    synchronized (bucket) {
      return bucket.tryAcquire();
    }
  }
}
