package io.carotene.runtime.server;

import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.http.AllowedMethods;
import io.carotene.runtime.http.HttpRateLimiter;
import io.carotene.runtime.http.RouteHandler;
import io.carotene.runtime.http.RouteTable;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.metrics.HealthHandler;
import io.carotene.runtime.metrics.MetricsHandler;
import io.carotene.runtime.room.MatchmakingHandler;
import io.carotene.runtime.room.RoomHandshake;
import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.room.ServerRoom;
import io.carotene.runtime.socket.GameSocket;
import io.carotene.runtime.socket.HandshakeAuthHandler;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import java.util.List;
import java.util.Set;

/**
 * Which handler answers which path: the domain's {@code @Http} routes and the static files, the
 * WebSocket behind its token check and room handshake, matchmaking, health and metrics.
 */
final class ServerRoutes {
  private ServerRoutes() {}

  static HttpHandler assemble(ServerSettings settings, RoomManager rooms, Tokens tokens, HttpRateLimiter httpLimiter) {
    ServerRoom single = rooms.defaultRoom();
    // A single-world server serves its domain's @Http routes against its one room; a server of
    // rooms serves none yet (which room a route means is the next step of rooms).
    List<HttpRoute> routes = single == null ? List.of() : single.domainWorld().routes();
    MatchmakingHandler matchmaking =
        new MatchmakingHandler(rooms, tokens, settings.matchmakingPerUser, settings.matchmakingPerAddress);
    Set<String> reserved = Set.of(CaroteneServer.WEBSOCKET_PATH, CaroteneServer.HEALTH_PATH,
        CaroteneServer.METRICS_PATH, MatchmakingHandler.ROOMS_PATH);
    HttpHandler domain = RouteTable.handler(routes, reserved,
        route -> new RouteHandler(route, single.thread(), tokens, httpLimiter),
        settings.application.getClass().getClassLoader(), CaroteneServer.STATIC_FILES);
    HttpHandler webSocket = new HandshakeAuthHandler(tokens, new RoomHandshake(rooms,
        new WebSocketProtocolHandshakeHandler(List.of(GameSocket.handshake(settings.maxFrameBytes)), RoomHandshake.router())));
    return Handlers.path(domain)
        .addExactPath(CaroteneServer.WEBSOCKET_PATH, AllowedMethods.only("GET", webSocket))
        .addPrefixPath(MatchmakingHandler.MATCHMAKE_PREFIX, matchmaking)
        .addExactPath(MatchmakingHandler.ROOMS_PATH, matchmaking)
        .addExactPath(CaroteneServer.HEALTH_PATH, AllowedMethods.of(List.of("GET"), new HealthHandler(rooms)))
        .addExactPath(CaroteneServer.METRICS_PATH,
            AllowedMethods.of(List.of("GET"), new MetricsHandler(settings.application.name(), rooms)));
  }
}
