/**
 * Rate limits: a {@link io.carotene.runtime.limit.RateLimit} (API: a server builder's setting) and
 * the token bucket that enforces one, shared by the WebSocket's per-connection limit and the HTTP
 * routes' per-address limit.
 */
package io.carotene.runtime.limit;
