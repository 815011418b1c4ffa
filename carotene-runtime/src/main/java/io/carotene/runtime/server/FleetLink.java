package io.carotene.runtime.server;

import io.carotene.runtime.fleet.AgonesFleet;
import io.carotene.runtime.fleet.AgonesSettings;
import io.carotene.runtime.fleet.Fleet;
import io.carotene.runtime.world.WorldLiveness;

/** A server's link to its orchestrator: an {@link AgonesFleet}, or nothing when Agones is off. */
final class FleetLink {
  private final AgonesFleet agones; // null when off

  private FleetLink(AgonesFleet agones) {
    this.agones = agones;
  }

  /**
   * Sends Ready and starts the Health pings and the watch, when {@code settings} is not null; then
   * {@code feed} reports the rooms and players to the fleet.
   */
  static FleetLink start(AgonesSettings settings, WorldLiveness liveness, FleetFeed feed) {
    if (settings == null) {
      return new FleetLink(null);
    }
    AgonesFleet agones = new AgonesFleet(settings);
    agones.start(liveness);
    feed.attach(agones);
    return new FleetLink(agones);
  }

  Fleet fleet() {
    return agones == null ? Fleet.none() : agones;
  }

  /** The server drains: Health goes on, but the end of its last room does not make it Ready again. */
  void draining() {
    if (agones != null) {
      agones.draining();
    }
  }

  /** The server stops: no more Health, and Shutdown. */
  void stopping() {
    if (agones != null) {
      agones.stopping();
    }
  }

  void close() {
    if (agones != null) {
      agones.close();
    }
  }
}
