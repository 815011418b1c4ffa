package io.carotene.runtime;

import io.carotene.runtime.record.RecordingSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the rooms of one type behave: how many seats, how long a dropped player keeps its seat, how
 * long a reservation waits to be redeemed, how long an empty room lingers before it is disposed.
 * Build with {@link #of(String)} and the {@code with…} methods; register with {@code
 * CaroteneServer.Builder.roomType(...)}.
 *
 * @param name the type's name, what {@code POST /matchmake/create} and {@code joinOrCreate} take
 * @param maxClients the most seats a room gives out (reservations and players within their grace
 *     count)
 * @param reconnectGrace how long a connection that dropped without a close frame keeps its seat
 * @param reservationTimeout how long a seat reservation waits for its WebSocket
 * @param linger how long a room stays after its last player left (0: disposed at once)
 * @param snapshotEvery a snapshot after every how many ticks of the world's first loop (1: every
 *     tick, 2: every second, …, at most {@link #MAX_SNAPSHOT_EVERY}); 0: the server's default
 *     ({@code CaroteneServer.Builder.snapshotEvery}, 1 unless set)
 * @param recording how each room of this type is recorded, one recording per room in {@code
 *     <directory>/<name>/<roomId>/} (see the runtime's README, "Record and replay"); null: as the
 *     server says ({@code CaroteneServer.Builder.record}, {@code CAROTENE_RECORD_DIR}), which
 *     records the rooms of every type, or not at all
 * @param persisted whether the game names the rooms and their persisted stores outlive them
 *     ({@link #persistent()}); false: rooms get random ids and keep nothing
 */
public record RoomType(
    String name, int maxClients, Duration reconnectGrace, Duration reservationTimeout, Duration linger, int snapshotEvery,
    RecordingSettings recording, boolean persisted) {
  public static final int DEFAULT_MAX_CLIENTS = 64;
  public static final Duration DEFAULT_RECONNECT_GRACE = Duration.ofSeconds(20);
  public static final Duration DEFAULT_RESERVATION_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_LINGER = Duration.ZERO;
  /**
   * The sparsest snapshot rate: half the ticks a binary delta's baseline may reach back (32), so a
   * client acking every snapshot always gets deltas.
   */
  public static final int MAX_SNAPSHOT_EVERY = 16;

  public RoomType {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new CaroteneConfigurationException(
          "A room type's name must be 1 to 64 letters, digits, '_', '.' or '-', got '" + name + "'");
    }
    if (maxClients < 1) {
      throw new CaroteneConfigurationException("A room type's maxClients must be at least 1, got " + maxClients);
    }
    requireNotNegative("reconnectGrace", reconnectGrace);
    requireNotNegative("linger", linger);
    requireNotNegative("reservationTimeout", reservationTimeout);
    if (reservationTimeout.isZero()) {
      throw new CaroteneConfigurationException("A room type's reservationTimeout must be positive");
    }
    if (snapshotEvery < 0 || snapshotEvery > MAX_SNAPSHOT_EVERY) {
      throw new CaroteneConfigurationException("A room type's snapshotEvery must be 1 to " + MAX_SNAPSHOT_EVERY
          + " (a snapshot after every that many ticks), or 0 for the server's default; got " + snapshotEvery);
    }
  }

  /** A type that is not persistent and records as the server says. */
  public RoomType(
      String name, int maxClients, Duration reconnectGrace, Duration reservationTimeout, Duration linger, int snapshotEvery) {
    this(name, maxClients, reconnectGrace, reservationTimeout, linger, snapshotEvery, null, false);
  }

  private static void requireNotNegative(String what, Duration duration) {
    Objects.requireNonNull(duration, what);
    if (duration.isNegative()) {
      throw new CaroteneConfigurationException("A room type's " + what + " must not be negative, got " + duration);
    }
  }

  /** A type with the defaults: 64 seats, 20 s grace, 15 s reservations, no linger, the server's snapshot rate. */
  public static RoomType of(String name) {
    return new RoomType(name, DEFAULT_MAX_CLIENTS, DEFAULT_RECONNECT_GRACE, DEFAULT_RESERVATION_TIMEOUT, DEFAULT_LINGER, 0, null, false);
  }

  public RoomType withMaxClients(int maxClients) {
    return new RoomType(name, maxClients, reconnectGrace, reservationTimeout, linger, snapshotEvery, recording, persisted);
  }

  public RoomType withReconnectGrace(Duration reconnectGrace) {
    return new RoomType(name, maxClients, reconnectGrace, reservationTimeout, linger, snapshotEvery, recording, persisted);
  }

  public RoomType withReservationTimeout(Duration reservationTimeout) {
    return new RoomType(name, maxClients, reconnectGrace, reservationTimeout, linger, snapshotEvery, recording, persisted);
  }

  public RoomType withLinger(Duration linger) {
    return new RoomType(name, maxClients, reconnectGrace, reservationTimeout, linger, snapshotEvery, recording, persisted);
  }

  /**
   * Snapshots after every {@code ticks} ticks of the world's first loop (2: every second tick)
   * rather than the server's default; input acks stay exact (PROTOCOL.md, section 5).
   */
  public RoomType withSnapshotEvery(int ticks) {
    return new RoomType(name, maxClients, reconnectGrace, reservationTimeout, linger, ticks, recording, persisted);
  }

  /**
   * Records every room of this type with {@code recording} (each into {@code
   * <directory>/<name>/<roomId>/}), whatever the server's own setting; null: as the server says.
   */
  public RoomType withRecording(RecordingSettings recording) {
    return new RoomType(name, maxClients, reconnectGrace, reservationTimeout, linger, snapshotEvery, recording, persisted);
  }

  /**
   * Rooms of this type are named by the game ({@code "elwynn-forest"}, {@code "guild-42"}) and
   * keep their {@code @Store(engine = PERSISTED)} stores under {@code
   * CAROTENE_DATA_DIR/rooms/<type>/<roomId>/}: a room opened again under the same id, after it
   * ended or after a restart, resumes its world as it was at the end of its last tick. Open one
   * with {@code POST /matchmake/create} or {@code joinOrCreate} and a {@code roomId}, or with
   * {@code CaroteneServer.persistentRooms()}. The server needs a data directory.
   */
  public RoomType persistent() {
    return new RoomType(name, maxClients, reconnectGrace, reservationTimeout, linger, snapshotEvery, recording, true);
  }
}
