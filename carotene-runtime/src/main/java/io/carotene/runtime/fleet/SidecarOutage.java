package io.carotene.runtime.fleet;

import java.util.logging.Logger;

/**
 * Logs an outage of the sidecar once: the first failed request says what failed and that the
 * server goes on; the first success after it says how many requests failed meanwhile. Shared by
 * the calls, the pings and the watch.
 */
final class SidecarOutage {
  private static final Logger LOG = Logger.getLogger(AgonesFleet.class.getName());

  private final String sidecar;
  private long failures;

  SidecarOutage(String sidecar) {
    this.sidecar = sidecar;
  }

  synchronized void failed(AgonesException e) {
    if (failures++ == 0) {
      LOG.warning("The Agones sidecar at " + sidecar + " does not answer (" + e.getMessage()
          + "); the server goes on serving players and tries again with backoff");
    }
  }

  synchronized void answered() {
    if (failures > 0) {
      LOG.info("The Agones sidecar at " + sidecar + " answers again, after " + failures + " failed requests");
      failures = 0;
    }
  }

  synchronized boolean ongoing() {
    return failures > 0;
  }
}
