/**
 * Rooms as the server runs them (not API: game code sees {@link io.carotene.runtime.Room}): the
 * room registry and its pool of world threads, seats and reservations, reconnection, the
 * matchmaking routes and the WebSocket handshake that redeems a reservation.
 */
package io.carotene.runtime.room;
