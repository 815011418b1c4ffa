package io.carotene.runtime.room;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials of every seat of the process: a reservation (redeemed once, by the handshake
 * that joins) and a reconnection token (redeemed by each reconnection within the grace), both
 * random and unguessable. A freed seat's credentials die with it.
 */
final class SeatCredentials {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Seat> reservations = new ConcurrentHashMap<>();
  private final Map<String, Seat> reconnections = new ConcurrentHashMap<>();

  /** {@code bytes} random bytes, base64url: an unguessable id. */
  static String newId(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** Reservations not yet redeemed and reconnection tokens alive. */
  int count() {
    return reservations.size() + reconnections.size();
  }

  /** Gives {@code seat} a new reservation and a new reconnection token. */
  void register(Seat seat) {
    seat.reservation = newId(24);
    seat.reconnectionToken = newId(24);
    reservations.put(seat.reservation, seat);
    reconnections.put(seat.reconnectionToken, seat);
  }

  /** The seat's reservation dies (redeemed, or taken over). */
  void forgetReservation(Seat seat) {
    String reservation = seat.reservation;
    if (reservation != null) {
      reservations.remove(reservation, seat);
      seat.reservation = null;
    }
  }

  /** Both of the seat's credentials die. */
  void forget(Seat seat) {
    forgetReservation(seat);
    String token = seat.reconnectionToken;
    if (token != null) {
      reconnections.remove(token, seat);
      seat.reconnectionToken = null;
    }
  }

  /** The seat {@code credential} names, by reservation or by reconnection token, or null. */
  Seat seatFor(String credential, boolean reconnect) {
    return credential == null ? null : (reconnect ? reconnections : reservations).get(credential);
  }
}
