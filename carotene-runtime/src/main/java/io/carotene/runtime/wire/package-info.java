/**
 * The wire protocol's shared vocabulary (not API): call replies and error frames as JSON, the HTTP
 * error body, and the WebSocket close codes, exactly as PROTOCOL.md lists them. Both the socket
 * and the HTTP side speak it; it knows neither.
 */
package io.carotene.runtime.wire;
