package io.carotene.runtime.server;

import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.http.HttpRateLimiter;
import io.carotene.runtime.http.RouteHandler;
import io.carotene.runtime.http.RouteTable;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.room.ServerRoom;
import io.carotene.runtime.wire.HttpResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.List;
import java.util.Set;

/**
 * A server of rooms' {@code @Http} routes that take a store or view, under {@code
 * /rooms/{roomId}}: {@code GET /rooms/{roomId}/api/players} runs the route on that room's thread,
 * against that room's stores. An unknown or ended room answers 404 {@code ROOM_NOT_FOUND}.
 */
final class RoomRoutes implements HttpHandler {
  /** The path every room's routes sit under, before the room's id. */
  static final String PREFIX = "/rooms";

  private static final AttachmentKey<ServerRoom> ROOM = AttachmentKey.create(ServerRoom.class);

  private final RoomManager rooms;
  private final HttpHandler routing;

  /** {@code templates}: the store routes as every room has them, in declaration order. */
  RoomRoutes(RoomManager rooms, List<HttpRoute> templates, Tokens tokens, HttpRateLimiter limiter) {
    this.rooms = rooms;
    HttpHandler noRoute = exchange -> HttpResponses.error(exchange, 404, "NOT_FOUND",
        "No route for " + exchange.getRequestMethod() + " " + exchange.getRequestPath());
    this.routing = RouteTable.handler(templates, Set.of(), template -> new RouteHandler(template, exchange -> {
      ServerRoom room = exchange.getAttachment(ROOM);
      return new RouteHandler.Target(sameRoute(room.domainWorld().routes(), template), room.thread());
    }, tokens, limiter), noRoute);
  }

  /** The room's own instance of {@code template}: same method and path (a room also lists its store-free routes). */
  private static HttpRoute sameRoute(List<HttpRoute> routes, HttpRoute template) {
    for (HttpRoute route : routes) {
      if (route.method().equals(template.method()) && route.path().equals(template.path())) {
        return route;
      }
    }
    throw new IllegalStateException("Room has no route " + template.method() + " " + template.path());
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRelativePath(); // "/{roomId}/api/players"
    int end = path.indexOf('/', 1);
    if (end < 0) {
      HttpResponses.error(exchange, 404, "NOT_FOUND",
          "No route for " + exchange.getRequestPath() + "; a room's routes are under /rooms/{roomId}/");
      return;
    }
    String roomId = path.substring(1, end);
    ServerRoom room = rooms.room(roomId);
    if (room == null) {
      HttpResponses.error(exchange, 404, "ROOM_NOT_FOUND", "No room '" + roomId + "': it never existed or has ended");
      return;
    }
    exchange.putAttachment(ROOM, room);
    exchange.setRelativePath(path.substring(end));
    routing.handleRequest(exchange);
  }
}
