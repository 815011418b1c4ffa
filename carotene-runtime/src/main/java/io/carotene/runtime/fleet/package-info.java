/**
 * A Carotene server as an Agones {@code GameServer} (API). {@link io.carotene.runtime.fleet.AgonesClient}
 * speaks to the Agones SDK sidecar over its HTTP/JSON API (the contract of Agones'
 * {@code sdk.swagger.json}); {@link io.carotene.runtime.fleet.AgonesFleet} is what a server runs
 * when the sidecar is there ({@code AGONES_SDK_HTTP_PORT} set): {@code Ready} once the server
 * listens, {@code Health} while every world thread progresses, the {@code GameServer} followed,
 * capacity reported as Counters and a List, and the end-of-match policy. Game code reads the
 * {@code GameServer} through {@link io.carotene.runtime.fleet.Fleet} ({@code server.fleet()}).
 * Every call to the sidecar is retried with backoff and an outage is logged once: the sidecar
 * being late or gone never stops the server from serving players.
 */
package io.carotene.runtime.fleet;
