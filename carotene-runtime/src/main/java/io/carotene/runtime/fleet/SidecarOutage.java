package io.carotene.runtime.fleet;

import java.util.logging.Logger;

/**
 * Logs an outage of the sidecar once: the first failed request says what failed and that the
 * server goes on; the first success after it says how many requests failed meanwhile. Shared by
 * the calls, the pings and the watch. Only a request sent after the outage began ends it: one that
 * was already under way when the sidecar went away (a ping answered as it shut down) does not
 * split one outage into two.
 */
final class SidecarOutage {
  private static final Logger LOG = Logger.getLogger(AgonesFleet.class.getName());

  private final String sidecar;
  private long failures;
  private long sinceNanos;

  SidecarOutage(String sidecar) {
    this.sidecar = sidecar;
  }

  synchronized void failed(AgonesException e) {
    if (failures++ == 0) {
      sinceNanos = System.nanoTime();
      LOG.warning("The Agones sidecar at " + sidecar + " does not answer (" + e.getMessage()
          + "); the server goes on serving players and tries again with backoff");
    }
  }

  /** A request sent at {@code sentAtNanos} ({@link System#nanoTime()}) was answered. */
  synchronized void answered(long sentAtNanos) {
    if (failures > 0 && sentAtNanos - sinceNanos > 0) {
      LOG.info("The Agones sidecar at " + sidecar + " answers again, after " + failures + " failed requests");
      failures = 0;
    }
  }

  synchronized boolean ongoing() {
    return failures > 0;
  }
}
