/**
 * Serving a domain (API): {@link io.carotene.runtime.server.CaroteneServer} and its builder put the
 * world, the WebSocket endpoint, the HTTP routes and the operations endpoints together on one
 * Undertow listener; {@link io.carotene.runtime.server.ServerMain} is what a generated {@code
 * <Domain>Server} main runs (settings from the environment); a {@link
 * io.carotene.runtime.server.ServerCustomizer} adjusts the builder from the game's own code. This
 * package assembles the others; none of them imports it.
 */
package io.carotene.runtime.server;
