package io.carotene.runtime.server;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.Clock;
import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.http.AllowedMethods;
import io.carotene.runtime.http.HttpRateLimiter;
import io.carotene.runtime.http.RouteHandler;
import io.carotene.runtime.http.RouteTable;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.metrics.HealthHandler;
import io.carotene.runtime.metrics.MetricsHandler;
import io.carotene.runtime.metrics.PrometheusHandler;
import io.carotene.runtime.room.MatchmakingHandler;
import io.carotene.runtime.room.RoomHandshake;
import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.room.ServerRoom;
import io.carotene.runtime.socket.GameSocket;
import io.carotene.runtime.socket.HandshakeAuthHandler;
import io.carotene.runtime.wire.HttpResponses;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.runtime.world.WorldThread;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Which handler answers which path: the domain's {@code @Http} routes and the static files, the
 * WebSocket behind its token check and room handshake, matchmaking, health and metrics.
 *
 * <p>A single-world server serves every {@code @Http} route at its path, against its one world. A
 * server of rooms has one process-wide world beside its rooms, the server world: it holds the
 * domain's {@code Scope.SERVER} stores (persisted ones directly in the data directory), runs no
 * loop, and serves at their plain path the routes that take those stores (on its thread) and the
 * routes that touch no store (on a worker, with its backend instances). A route that takes a
 * room's store or view needs a room: it is served at {@code /rooms/{roomId}<path>} on that room's
 * thread ({@link RoomRoutes}), and its plain path answers 404 saying so.
 */
final class ServerRoutes implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ServerRoutes.class.getName());
  private final HttpHandler handler;
  /** A server of rooms' process-wide world: its server-scoped stores, no loop; null on a single world. */
  private final DomainWorld serverWorld;
  private final WorldThread serverThread;

  ServerRoutes(ServerSettings settings, RoomManager rooms, Tokens tokens, HttpRateLimiter httpLimiter) {
    ServerRoom single = rooms.defaultRoom();
    this.serverWorld = single != null ? null
        : DomainWorld.create(settings.application, Clock.system(),
            settings.storeOptions.holding(StoreOptions.Holds.SERVER_STORES));
    this.serverThread = serverWorld == null ? null : new WorldThread(serverWorld);
    try {
      if (serverThread != null) {
        serverThread.timeTasks(); // its routes are its work: their run times are its "ticks" in /metrics
        serverThread.start();
      }
      this.handler = assemble(settings, rooms, tokens, httpLimiter, single);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  HttpHandler handler() {
    return handler;
  }

  /** The server world's thread, watched by /health, the metrics and the fleet's pings; null on a single world. */
  WorldThread serverWorldThread() {
    return serverThread;
  }

  private HttpHandler assemble(ServerSettings settings, RoomManager rooms, Tokens tokens, HttpRateLimiter httpLimiter,
      ServerRoom single) {
    List<HttpRoute> routes = single != null ? single.domainWorld().routes() : serverWorld.routes();
    for (HttpRoute route : routes) {
      if (route.path().startsWith(RoomRoutes.PREFIX + "/") || route.path().startsWith(MatchmakingHandler.MATCHMAKE_PREFIX)) {
        throw new CaroteneConfigurationException("@Http route " + route.method() + " " + route.path()
            + " lies under the runtime's own " + RoomRoutes.PREFIX + "/ or " + MatchmakingHandler.MATCHMAKE_PREFIX + "; choose another path");
      }
    }
    List<HttpRoute> roomRoutes = new ArrayList<>();
    if (single == null) {
      routes.stream().filter(route -> route.onWorldThread() && !route.serverScoped()).forEach(roomRoutes::add);
    }
    MatchmakingHandler matchmaking =
        new MatchmakingHandler(rooms, tokens, settings.matchmakingPerUser, settings.matchmakingPerAddress);
    Set<String> reserved = Set.of(CaroteneServer.WEBSOCKET_PATH, CaroteneServer.HEALTH_PATH,
        CaroteneServer.METRICS_PATH, CaroteneServer.METRICS_JSON_PATH, MatchmakingHandler.ROOMS_PATH);
    HttpHandler domain = RouteTable.handler(routes, reserved, route -> {
      if (single != null) {
        return new RouteHandler(route, single.thread(), tokens, httpLimiter);
      }
      if (route.serverScoped()) { // the process's own stores
        return new RouteHandler(route, serverThread, tokens, httpLimiter);
      }
      if (route.onWorldThread()) { // which room's stores? the path must say
        return exchange -> HttpResponses.error(exchange, 404, "NOT_FOUND", route.method() + " " + route.path()
            + " reads a room's stores on this server of rooms: call " + RoomRoutes.PREFIX + "/{roomId}" + route.path());
      }
      return new RouteHandler(route, (WorldThread) null, tokens, httpLimiter); // runs on a worker
    }, settings.application.getClass().getClassLoader(), CaroteneServer.STATIC_FILES);
    HttpHandler webSocket = new HandshakeAuthHandler(tokens, new RoomHandshake(rooms,
        new WebSocketProtocolHandshakeHandler(List.of(GameSocket.handshake(settings.maxFrameBytes)), RoomHandshake.router())));
    var paths = Handlers.path(domain)
        .addExactPath(CaroteneServer.WEBSOCKET_PATH, AllowedMethods.only("GET", webSocket))
        .addPrefixPath(MatchmakingHandler.MATCHMAKE_PREFIX, matchmaking)
        .addExactPath(MatchmakingHandler.ROOMS_PATH, matchmaking)
        .addExactPath(CaroteneServer.HEALTH_PATH, AllowedMethods.of(List.of("GET"), new HealthHandler(rooms, serverThread)))
        .addExactPath(CaroteneServer.METRICS_PATH,
            AllowedMethods.of(List.of("GET"), new PrometheusHandler(settings.application.name(), rooms, serverThread, settings.roomCounters)))
        .addExactPath(CaroteneServer.METRICS_JSON_PATH,
            AllowedMethods.of(List.of("GET"), new MetricsHandler(settings.application.name(), rooms, serverThread)));
    if (!roomRoutes.isEmpty()) {
      paths.addPrefixPath(RoomRoutes.PREFIX, new RoomRoutes(rooms, roomRoutes, tokens, httpLimiter));
    }
    return paths;
  }

  /**
   * Stops the server world, if this server has one, after the routes it is running, then closes
   * its stores (persisted ones commit first).
   */
  @Override
  public void close() {
    if (serverWorld == null) {
      return;
    }
    try {
      if (!serverThread.stop(5, TimeUnit.SECONDS)) {
        LOG.warning("The server world's thread did not stop within 5 s; closing its stores anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      serverWorld.close();
    }
  }
}
