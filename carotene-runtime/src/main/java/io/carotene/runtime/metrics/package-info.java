/**
 * Operations endpoints (not API): {@code GET /health} (up, and whether the world's ticks are on
 * time), {@code GET /metrics} (the same figures and the JVM's in Prometheus text format) and
 * {@code GET /metrics.json} (tick durations and lateness per loop, connections, snapshot
 * sizes, slow clients dropped).
 */
package io.carotene.runtime.metrics;
