package io.carotene.runtime.metrics;

import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.world.WorldThread;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * {@code GET /metrics}: the loops per room type, rooms, players, joins and leaves per room type,
 * rejections by code, bytes sent, connections, slow clients and snapshot size, the server world's
 * tasks (see
 * {@link WorldCollector}) and the JVM's (memory, GC, threads, from Prometheus' JVM
 * instrumentation), in Prometheus text exposition format, for the fleet's scraper. Each server
 * has its own registry, so several servers in one JVM (tests) do not mix.
 */
public final class PrometheusHandler implements HttpHandler {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  /**
   * The figures of every room of {@code rooms} and of the server world's thread {@code
   * serverWorld} (null on a single world), labelled with the domain's name {@code world}; {@code
   * counters} must hear every room of {@code rooms} (a room listener of the server).
   */
  public PrometheusHandler(String world, RoomManager rooms, WorldThread serverWorld, RoomCounters counters) {
    registry.register(new WorldCollector(world, rooms, serverWorld, counters));
    JvmMetrics.builder().register(registry);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this); // the scrape waits for the world thread
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
    writer.write(body, registry.scrape());
    exchange.setStatusCode(200);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, writer.getContentType());
    exchange.getResponseSender().send(ByteBuffer.wrap(body.toByteArray()));
  }
}
