/**
 * The game's WebSocket endpoint (not API): the authenticated handshake, reading and decoding call
 * frames on the IO threads, handing each call to the world thread, and each client's outbox, which
 * the IO thread writes in one socket write per tick. PROTOCOL.md is its specification.
 */
package io.carotene.runtime.socket;
