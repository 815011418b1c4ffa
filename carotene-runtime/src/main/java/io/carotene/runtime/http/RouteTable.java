package io.carotene.runtime.http;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.wire.HttpResponses;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.PathTemplateMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A domain's {@code @Http} routes as one Undertow handler, with the static files beside them. */
public final class RouteTable {
  private RouteTable() {}

  /**
   * The handler of every route in {@code routes}, each served by {@code handlerOf}; HEAD wherever
   * GET is served; 405 with {@code Allow} for another method on a route's path; classpath files
   * under {@code staticFiles} for any other GET or HEAD; 404 for the rest.
   *
   * @param reserved the runtime's own paths, which no route may take
   * @throws CaroteneConfigurationException when a route takes a reserved path or is declared twice
   */
  public static HttpHandler handler(
      List<HttpRoute> routes,
      Set<String> reserved,
      Function<HttpRoute, HttpHandler> handlerOf,
      ClassLoader resources,
      String staticFiles) {
    HttpHandler notFound = exchange ->
        HttpResponses.error(exchange, 404, "NOT_FOUND", "No route for " + exchange.getRequestMethod() + " " + exchange.getRequestPath());
    // Anything else that is a GET is looked up among the application's classpath files under
    // public/ (a browser client, for instance): public/index.html answers GET /.
    ClassPathResourceManager fileManager = new ClassPathResourceManager(resources, staticFiles);
    ResourceHandler files =
        new ResourceHandler(fileManager, notFound)
            .setWelcomeFiles("index.html")
            .setDirectoryListingEnabled(false);
    return handler(routes, reserved, handlerOf, exchange -> {
      if (exchange.getRequestMethod().equals(Methods.GET) || exchange.getRequestMethod().equals(Methods.HEAD)) {
        files.handleRequest(exchange);
      } else if (fileManager.getResource(exchange.getRelativePath()) != null) {
        AllowedMethods.refuse(exchange, "GET, HEAD"); // a file is there, but only to read
      } else {
        notFound.handleRequest(exchange);
      }
    });
  }

  /**
   * The handler of every route in {@code routes}, matched against the exchange's relative path,
   * as {@link #handler(List, Set, Function, ClassLoader, String)} but with {@code fallback} for
   * any path no route takes.
   */
  public static HttpHandler handler(
      List<HttpRoute> routes, Set<String> reserved, Function<HttpRoute, HttpHandler> handlerOf, HttpHandler fallback) {
    RoutingHandler routing = Handlers.routing();
    Set<String> seen = new HashSet<>();
    Map<String, List<String>> allowed = new LinkedHashMap<>();
    Map<String, HttpHandler> heads = new LinkedHashMap<>();
    for (HttpRoute route : routes) {
      if (reserved.contains(route.path())) {
        throw new CaroteneConfigurationException(
            "@Http route " + route.method() + " " + route.path() + " collides with the runtime's own "
                + route.path() + "; choose another path");
      }
      if (!seen.add(route.method() + " " + route.path())) {
        throw new CaroteneConfigurationException(
            "@Http route " + route.method() + " " + route.path() + " is declared twice");
      }
      HttpHandler handler = handlerOf.apply(route);
      routing.add(new HttpString(route.method()), route.path(), handler);
      allowed.computeIfAbsent(route.path(), path -> new ArrayList<>()).add(route.method());
      if (route.method().equals("GET")) {
        heads.put(route.path(), handler);
      }
    }
    // HEAD wherever GET is served (Undertow drops the body), unless a route declares its own HEAD.
    heads.forEach((path, handler) -> {
      if (!allowed.get(path).contains("HEAD")) {
        routing.add(Methods.HEAD, path, handler);
      }
    });
    PathTemplateMatcher<String> allowHeaders = new PathTemplateMatcher<>();
    allowed.forEach((path, methods) -> allowHeaders.add(path, String.join(", ", AllowedMethods.withHead(methods))));
    routing.setFallbackHandler(fallback);
    routing.setInvalidMethodHandler(exchange -> {
      PathTemplateMatcher.PathMatchResult<String> match = allowHeaders.match(exchange.getRelativePath());
      AllowedMethods.refuse(exchange, match == null ? "" : match.getValue());
    });
    return routing;
  }

}
