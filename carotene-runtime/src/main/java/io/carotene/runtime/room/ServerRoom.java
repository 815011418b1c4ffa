package io.carotene.runtime.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.Clock;
import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.SeatedRoom;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.runtime.snapshot.SnapshotPublisher;
import io.carotene.runtime.snapshot.Subscriber;
import io.carotene.runtime.socket.ClientConnection;
import io.carotene.runtime.socket.GameSocket;
import io.carotene.runtime.socket.SeatKeeper;
import io.carotene.runtime.wire.CloseCodes;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.runtime.world.WorldThread;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A room as the server runs it: its world on a thread of the pool, its snapshot publisher and
 * socket, and its seats. Every change to the seats runs on the room's thread, so a seat is never
 * given twice and capacity holds under any number of racing joins; the seat map is a concurrent
 * map only so that other threads may read it.
 */
public final class ServerRoom extends SeatedRoom<Seat> implements SeatKeeper {
  enum State { OPEN, ENDING, ENDED }

  private final RoomType type;
  private final DomainWorld world;
  private final WorldThread thread;
  private final SnapshotPublisher snapshots;
  private final RoomManager manager;
  private final JsonNode options;
  /** The single-world server's room: every connection without a reservation joins it; never lingers out. */
  private final boolean permanent;
  private final RoomEvents events;
  private final Clock clock;
  private final RoomAlarm alarm;
  /** Room thread only. */
  private final Map<ClientConnection, Seat> byConnection = new IdentityHashMap<>();
  private final Map<ClientConnection, Subscriber> subscribers = new IdentityHashMap<>();
  private final long createdAtNanos = System.nanoTime();
  private GameSocket socket;
  private volatile State state = State.OPEN;
  /** Room thread only: when the last seat was freed. */
  private long emptySinceNanos;
  private long implicitSeats;

  ServerRoom(String id, RoomType type, DomainWorld world, WorldThread thread, SnapshotPublisher snapshots,
      RoomManager manager, JsonNode options, boolean permanent) {
    super(id, type.name(), type.maxClients(), world, new ConcurrentHashMap<>()); // read by the handshake and metrics
    this.type = type;
    this.world = world;
    this.thread = thread;
    this.snapshots = snapshots;
    this.manager = manager;
    this.options = options;
    this.permanent = permanent;
    this.events = new RoomEvents(this, type, world, manager.listeners());
    this.clock = world.clock();
    this.alarm = new RoomAlarm(this, manager);
  }

  void socket(GameSocket socket) {
    this.socket = socket;
  }

  public GameSocket socket() {
    return socket;
  }

  public WorldThread thread() {
    return thread;
  }

  public SnapshotPublisher snapshots() {
    return snapshots;
  }

  public DomainWorld domainWorld() {
    return world;
  }

  /** {@code System.nanoTime()} when the room was created: a health probe's start. */
  public long createdAtNanos() {
    return createdAtNanos;
  }

  JsonNode options() {
    return options;
  }

  boolean isOpen() {
    return state == State.OPEN;
  }

  boolean permanent() {
    return permanent;
  }

  @Override
  protected String userIdOf(Seat seat) {
    return seat.userId;
  }

  // ---- Room ----

  @Override
  public void kick(String userId, String reason) {
    onRoomThread(() -> {
      for (Seat seat : new ArrayList<>(seats.values())) {
        if (seat.userId.equals(userId)) {
          free(seat, LeaveReason.KICKED, reason == null ? "Kicked" : reason);
        }
      }
    });
  }

  @Override
  public void dispose() {
    onRoomThread(() -> end(LeaveReason.ROOM_ENDING));
  }

  @Override
  public void startRecording(RecordingSettings settings) {
    Objects.requireNonNull(settings, "settings");
    thread.execute(() -> events.startRecording(settings, state == State.OPEN)); // a task: never inside a call or tick
  }

  @Override
  public void stopRecording() {
    thread.execute(events::stopRecording);
  }

  @Override
  public boolean isRecording() {
    return events.recording();
  }

  // ---- lifecycle, on the room's thread ----

  void created() {
    events.created(options);
  }

  /** Gives {@code session} a seat (or the one it holds, as a reconnect does), or throws {@link RoomException}. */
  Reservation reserve(Session session, JsonNode joinOptions) {
    if (state != State.OPEN) {
      throw new RoomException(RoomError.ROOM_NOT_FOUND, "Room " + id() + " is ending: join or create another");
    }
    String userId = session.userId();
    Seat seat = seats.get(userId);
    if (seat != null) {
      manager.credentials.forget(seat);
      ClientConnection old = seat.connection;
      if (old != null) {
        seat.lastSeq = lastSeq(old, seat);
        byConnection.remove(old);
        seat.connection = null;
        old.close(CloseCodes.NORMAL, "Your seat was taken over by a new join");
      }
      seat.session = session;
    } else {
      events.admit(session, joinOptions, seats.size(), locked());
      seat = new Seat(this, userId, userId, session, false);
      seats.put(userId, seat);
    }
    seat.state = Seat.State.RESERVED;
    seat.deadlineNanos = clock.nanoTime() + type.reservationTimeout().toNanos();
    manager.credentials.register(seat);
    alarm.at(seat.deadlineNanos);
    return Reservation.of(id(), type, seat.reservation, seat.reconnectionToken);
  }

  @Override
  public boolean admit(ClientConnection client, Subscriber subscriber, Object ticket) {
    if (state != State.OPEN) {
      client.close(CloseCodes.POLICY_VIOLATION, RoomError.ROOM_NOT_FOUND + ": room " + id() + " is ending");
      return false;
    }
    Seat seat;
    if (ticket == null) {
      seat = implicitSeat(client);
      if (seat == null) {
        return false;
      }
    } else {
      Seat.Ticket redeemed = (Seat.Ticket) ticket;
      seat = redeemed.seat();
      if (!valid(redeemed)) {
        client.close(CloseCodes.POLICY_VIOLATION, RoomError.RESERVATION_EXPIRED + ": join again");
        return false;
      }
      if (seat.connection != null) { // a reconnect that overtook the server's notice of the drop
        ClientConnection old = seat.connection;
        seat.lastSeq = lastSeq(old, seat);
        byConnection.remove(old);
        old.close(CloseCodes.NORMAL, "Replaced by your new connection");
      }
      if (!redeemed.reconnect()) {
        manager.credentials.forgetReservation(seat);
      }
    }
    subscriber.applied(seat.lastSeq); // the input seq/ack continue where they were
    seat.connection = client;
    subscribers.put(client, subscriber);
    byConnection.put(client, seat);
    seat.state = Seat.State.CONNECTED;
    seat.deadlineNanos = Long.MAX_VALUE;
    if (!seat.joined) {
      seat.joined = true;
      events.joined(seat.session);
    }
    return true;
  }

  private boolean valid(Seat.Ticket ticket) {
    Seat seat = ticket.seat();
    if (seats.get(seat.key) != seat || seat.state == Seat.State.FREED) {
      return false;
    }
    String current = ticket.reconnect() ? seat.reconnectionToken : seat.reservation;
    return ticket.credential().equals(current) && clock.nanoTime() - seat.deadlineNanos < 0;
  }

  /** A connection without a reservation in the single-world room: a seat of its own, no grace. */
  private Seat implicitSeat(ClientConnection client) {
    if (!permanent) {
      client.close(CloseCodes.POLICY_VIOLATION, RoomError.RESERVATION_EXPIRED + ": join a room first");
      return null;
    }
    Session session = client.session();
    try {
      events.admit(session, options, seats.size(), false); // the single world's room is never locked
    } catch (RoomException refused) {
      client.close(CloseCodes.POLICY_VIOLATION, refused.error() + ": " + refused.getMessage());
      return null;
    }
    Seat seat = new Seat(this, session.userId() + "#" + (++implicitSeats), session.userId(), session, true);
    seats.put(seat.key, seat);
    return seat;
  }

  @Override
  public void closed(ClientConnection client, Subscriber subscriber, boolean closeFrameReceived) {
    subscribers.remove(client);
    Seat seat = byConnection.remove(client);
    if (seat == null || seat.connection != client) {
      return; // never admitted, replaced, kicked, or the room ended
    }
    seat.lastSeq = subscriber.lastAppliedSeq();
    seat.connection = null;
    if (seat.implicit || closeFrameReceived || type.reconnectGrace().isZero()) {
      free(seat, closeFrameReceived ? LeaveReason.CLOSED : LeaveReason.DROPPED, null);
      return;
    }
    seat.state = Seat.State.DISCONNECTED;
    seat.deadlineNanos = clock.nanoTime() + type.reconnectGrace().toNanos();
    alarm.at(seat.deadlineNanos);
  }

  private long lastSeq(ClientConnection connection, Seat seat) {
    Subscriber subscriber = subscribers.remove(connection);
    return subscriber == null ? seat.lastSeq : subscriber.lastAppliedSeq();
  }

  /** Reservations and graces that ran out free their seats; an empty room past its linger ends. */
  void sweep() {
    if (state != State.OPEN) {
      return;
    }
    long now = clock.nanoTime();
    alarm.rang(now);
    for (Seat seat : new ArrayList<>(seats.values())) {
      if (seat.state != Seat.State.CONNECTED && now - seat.deadlineNanos >= 0) {
        free(seat, LeaveReason.DROPPED, null);
      }
    }
    if (seats.isEmpty() && !permanent && now - emptySinceNanos >= type.linger().toNanos()) {
      end(LeaveReason.ROOM_ENDING);
    }
  }

  /** Frees {@code seat}: its credentials die, the leave hook runs if it had joined, its connection closes. */
  private void free(Seat seat, LeaveReason reason, String closeReason) {
    if (seats.remove(seat.key, seat)) {
      seat.state = Seat.State.FREED;
      manager.credentials.forget(seat);
      ClientConnection connection = seat.connection;
      seat.connection = null;
      if (connection != null) {
        byConnection.remove(connection);
        subscribers.remove(connection);
        connection.close(CloseCodes.NORMAL, closeReason != null ? closeReason : "Left the room: " + reason);
      }
      if (seat.joined) {
        events.left(seat.session, reason);
      }
    }
    lingerIfEmpty();
  }

  /**
   * On the room's thread: a room without seats starts its linger now and ends when it is over
   * (unless a join comes first). {@link #free} calls it for the last seat; the manager, for a room
   * whose creator's join failed (refused by the game, or the room did not answer), which no seat
   * would ever end otherwise.
   */
  void lingerIfEmpty() {
    if (seats.isEmpty() && !permanent && state == State.OPEN) {
      emptySinceNanos = clock.nanoTime();
      alarm.at(emptySinceNanos + type.linger().toNanos());
    }
  }

  /** Ends the room on its thread: seats freed with {@code reason}, the disposed hook, then its world closes. */
  void end(LeaveReason reason) {
    if (state != State.OPEN) {
      return;
    }
    state = State.ENDING;
    alarm.cancel();
    manager.unlist(this);
    socket.stopAccepting();
    for (Seat seat : new ArrayList<>(seats.values())) {
      free(seat, reason, reason == LeaveReason.SERVER_STOPPING ? "Server shutting down" : "The room ended");
    }
    events.disposed();
    thread.stopThen(() -> {
      try {
        world.close();
      } finally {
        state = State.ENDED;
        manager.released(this);
      }
    });
  }

  /** Runs {@code action} on the room's thread (at once if already there). */
  void onRoomThread(Runnable action) {
    if (thread.isWorldThread()) {
      action.run();
    } else {
      thread.execute(action);
    }
  }

  @Override
  public String toString() {
    return "Room[" + id() + ", " + type.name() + ", " + seats.size() + "/" + type.maxClients() + "]";
  }
}
