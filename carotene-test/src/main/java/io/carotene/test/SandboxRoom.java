package io.carotene.test;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.RoomHooks;
import io.carotene.runtime.internal.SeatedRoom;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.runtime.world.DomainWorld;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * One room of a {@link Sandbox}: its own world (stores, loops, handlers) and its seats, with the
 * domain's lifecycle hooks, all on the sandbox's {@link FrozenClock} and the test's thread. It
 * keeps the server's seat rules (PROTOCOL.md, section 10): a join is refused when the room is
 * full ({@code ROOM_FULL}), locked ({@code ROOM_LOCKED}) or by the join-attempt hook ({@code
 * JOIN_REFUSED}); a closed connection leaves at once ({@link LeaveReason#CLOSED}); a dropped one
 * keeps its seat until the clock reaches the end of the type's reconnection grace, then leaves
 * ({@link LeaveReason#DROPPED}). Nothing happens between two calls of the test: the grace ends
 * inside {@link Sandbox#advance}, exactly at its deadline.
 *
 * <p>A room of a type that records ({@link RoomType#withRecording}) is recorded as the server
 * records it, into {@code <directory>/<type>/<room id>/} ({@link #recording()}), from just
 * before its created hook to its end, for {@link Replay#of} to replay. {@link #startRecording}
 * records it from the middle of its life, as on the server: asked for inside a call, hook or tick,
 * the recording starts once that is over, between two ticks.
 */
public final class SandboxRoom extends SeatedRoom<SandboxRoom.Seat> {
  private enum SeatState { CONNECTED, DROPPED }

  /** A seat, by its user's id. */
  static final class Seat {
    final Session session;
    SeatState state = SeatState.CONNECTED;
    long graceEndsNanos = Long.MAX_VALUE;

    Seat(Session session) {
      this.session = session;
    }
  }

  private final RoomType type;
  private final DomainWorld world;
  private final FrozenClock clock;
  private final RoomHooks hooks;
  private boolean ended;
  private long emptySinceNanos;
  private final SandboxRecording recording;

  SandboxRoom(String id, RoomType type, DomainWorld world, FrozenClock clock, JsonNode options) {
    super(id, type.name(), type.maxClients(), world, new LinkedHashMap<>());
    this.recording = new SandboxRecording(world, clock, type, id, options.toString());
    this.type = type;
    this.world = world;
    this.clock = clock;
    this.hooks = world.roomHooks();
    world.room(this);
    this.emptySinceNanos = clock.nanoTime();
    world.start();
    recording.fromCreation();
    recording.inGame(() -> hooks.created(this, options));
  }

  /**
   * This room's recording's directory (the latest, when {@link #startRecording} made several), for
   * {@link Replay#of}: complete once the room ended, the recording stopped, or the sandbox closed.
   *
   * @throws IllegalStateException when the room was never recorded
   */
  public Path recording() {
    if (recording.latest() == null) {
      throw new IllegalStateException("Room " + id() + " is not recorded: its type " + type.name()
          + " has no recording (RoomType.withRecording) and startRecording was not called");
    }
    return recording.latest();
  }

  /** A join refused with a code a client would get (PROTOCOL.md, 10.3) and its message. */
  public static final class Refused extends RuntimeException {
    private final String code;

    Refused(String code, String message) {
      super(code + ": " + message);
      this.code = code;
    }

    /** {@code ROOM_FULL}, {@code ROOM_LOCKED}, {@code JOIN_REFUSED}, {@code ROOM_NOT_FOUND}, {@code RESERVATION_EXPIRED}. */
    public String code() {
      return code;
    }

    /** The message without the code: the game's own for {@code JOIN_REFUSED}. */
    public String reason() {
      return getMessage().substring(code.length() + 2);
    }
  }

  /** {@code userId} joins with no options: its join-attempt hook, then its joined hook. */
  public Session join(Object userId) {
    return join(userId, null);
  }

  /**
   * {@code userId} asks for a seat with {@code options} (a record or map, sent as the join's JSON
   * options; null for none) and redeems it at once: the join-attempt hook, then the joined hook.
   * A user who already holds a seat takes it over, as a second join on the server does.
   *
   * @throws Refused when the room is full, locked, ended or the game refuses
   */
  public Session join(Object userId, Object options) {
    return recording.inGame(() -> seat(userId, options));
  }

  private Session seat(Object userId, Object options) {
    requireOpen();
    String user = userId.toString();
    Seat held = seats.get(user);
    if (held != null) {
      held.state = SeatState.CONNECTED;
      held.graceEndsNanos = Long.MAX_VALUE;
      return held.session;
    }
    Session session = Session.authenticated(user);
    if (locked()) {
      throw refused(session, "ROOM_LOCKED", "Room " + id() + " is locked: it accepts no new players now");
    }
    if (seats.size() >= type.maxClients()) {
      throw refused(session, "ROOM_FULL", "Room " + id() + " is full: " + type.maxClients() + " seats");
    }
    JsonNode joinOptions = Sandbox.options(options);
    String refusal = hooks.joinAttempt(this, session, joinOptions);
    world.joinAttempted(session, joinOptions.toString(), refusal);
    if (refusal != null) {
      throw new Refused("JOIN_REFUSED", refusal);
    }
    seats.put(user, new Seat(session));
    hooks.joined(this, session);
    world.seated(session, true, "JOINED");
    return session;
  }

  /** A refusal before the hooks, as the server's: a recording keeps it. */
  private Refused refused(Session session, String code, String message) {
    world.refused(session, "join", code, message, 1);
    return new Refused(code, message);
  }

  /** {@code userId} closes its connection with a close frame: it leaves at once ({@code CLOSED}). */
  public void leave(Object userId) {
    Seat seat = seats.get(userId.toString());
    if (seat != null) {
      free(seat, LeaveReason.CLOSED);
    }
  }

  /**
   * {@code userId}'s connection drops without a close frame: it keeps its seat until the clock
   * reaches now + the type's reconnection grace (at once when the grace is zero).
   */
  public void drop(Object userId) {
    Seat seat = requireSeat(userId);
    if (type.reconnectGrace().isZero()) {
      free(seat, LeaveReason.DROPPED);
      return;
    }
    seat.state = SeatState.DROPPED;
    seat.graceEndsNanos = clock.nanoTime() + type.reconnectGrace().toNanos();
  }

  /**
   * {@code userId} reconnects with its reconnection token: it resumes its seat (no hook runs).
   *
   * @throws Refused {@code RESERVATION_EXPIRED} when it holds no seat (never joined, left, or
   *     its grace ran out)
   */
  public Session reconnect(Object userId) {
    requireOpen();
    Seat seat = seats.get(userId.toString());
    if (seat == null) {
      throw new Refused("RESERVATION_EXPIRED", "No seat of " + userId + " in room " + id() + ": join again");
    }
    seat.state = SeatState.CONNECTED;
    seat.graceEndsNanos = Long.MAX_VALUE;
    return seat.session;
  }

  /** Whether {@code userId} is connected now (not within a grace). */
  public boolean connected(Object userId) {
    Seat seat = seats.get(userId.toString());
    return seat != null && seat.state == SeatState.CONNECTED;
  }

  /** Calls a socket handler of this room's world as {@code session}, with its arguments in order. */
  public CallResult call(Session session, String operation, Object... args) {
    return recording.inGame(() -> world.call(session, operation, args));
  }

  /**
   * Starts recording this room from now on into {@code <directory>/<type>/<id>@<time>/} ({@link
   * #recording()}), as the server does: at once when the test calls it; asked for by game code
   * inside a call, hook or tick, once that is over.
   */
  @Override
  public void startRecording(RecordingSettings settings) {
    Objects.requireNonNull(settings, "settings");
    recording.start(settings, () -> List.copyOf(seats.keySet()), this::locked, () -> ended);
  }

  /** Stops this room's recording and waits until its journal is written: {@link #recording()} then replays. */
  @Override
  public void stopRecording() {
    recording.stop();
  }

  @Override
  public boolean isRecording() {
    return recording.active();
  }

  /** The room's ticks due now, as game code: a recording asked for in one starts after them. */
  void runDue() {
    recording.inGame(() -> world.scheduler().runDue());
  }

  /** This room's store of that generated type ({@code GameWorldStore.class}, {@code GameWorldView.class}). */
  public <S> S store(Class<S> type) {
    return world.store(type);
  }

  /** Whether the room ended (disposed, or empty past its linger). */
  public boolean ended() {
    return ended;
  }

  // ---- driven by the sandbox ----

  DomainWorld domainWorld() {
    return world;
  }

  /** The earliest seat deadline or linger end to come, Long.MAX_VALUE when none. */
  long nextDeadlineNanos() {
    if (ended) {
      return Long.MAX_VALUE;
    }
    long next = Long.MAX_VALUE;
    for (Seat seat : seats.values()) {
      if (seat.state == SeatState.DROPPED) {
        next = Math.min(next, seat.graceEndsNanos);
      }
    }
    if (seats.isEmpty()) {
      next = Math.min(next, emptySinceNanos + type.linger().toNanos());
    }
    return next;
  }

  /** Graces that the clock reached free their seats; an empty room past its linger ends. */
  void sweep() {
    if (ended) {
      return;
    }
    long now = clock.nanoTime();
    for (Seat seat : new ArrayList<>(seats.values())) {
      if (seat.state == SeatState.DROPPED && now - seat.graceEndsNanos >= 0) {
        free(seat, LeaveReason.DROPPED);
      }
    }
    if (seats.isEmpty() && now - (emptySinceNanos + type.linger().toNanos()) >= 0) {
      end(LeaveReason.ROOM_ENDING);
    }
  }

  void end(LeaveReason reason) {
    if (ended) {
      return;
    }
    for (Seat seat : new ArrayList<>(seats.values())) {
      free(seat, reason);
    }
    ended = true;
    try {
      recording.inGame(() -> hooks.disposed(this));
      world.disposed();
    } finally {
      recording.close();
      world.close();
    }
  }

  private void free(Seat seat, LeaveReason reason) {
    recording.inGame(() -> {
      if (seats.remove(seat.session.userId(), seat)) {
        hooks.left(this, seat.session, reason);
        world.seated(seat.session, false, reason.name());
        if (seats.isEmpty()) {
          emptySinceNanos = clock.nanoTime();
        }
      }
    });
  }

  private Seat requireSeat(Object userId) {
    Seat seat = seats.get(userId.toString());
    if (seat == null) {
      throw new IllegalStateException(userId + " holds no seat in room " + id() + "; its seats: " + seats.keySet());
    }
    return seat;
  }

  private void requireOpen() {
    if (ended) {
      throw new Refused("ROOM_NOT_FOUND", "Room " + id() + " has ended: join or create another");
    }
  }

  @Override
  protected String userIdOf(Seat seat) {
    return seat.session.userId();
  }

  // ---- Room ----

  @Override
  public void kick(String userId, String reason) {
    Seat seat = seats.get(userId);
    if (seat != null) {
      free(seat, LeaveReason.KICKED);
    }
  }

  @Override
  public void dispose() {
    end(LeaveReason.ROOM_ENDING);
  }

  @Override
  public String toString() {
    return "SandboxRoom[" + id() + ", " + type.name() + ", " + seats.size() + "/" + type.maxClients() + "]";
  }
}
