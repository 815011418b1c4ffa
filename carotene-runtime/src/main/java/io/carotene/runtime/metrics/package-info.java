/**
 * Operations endpoints (not API): {@code GET /health} (up, and whether the world's ticks are on
 * time) and {@code GET /metrics} (tick durations and lateness per loop, connections, snapshot
 * sizes, slow clients dropped).
 */
package io.carotene.runtime.metrics;
