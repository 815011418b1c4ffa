package io.carotene.runtime.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.Clock;
import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.RoomListener;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.limit.RateLimit;
import io.carotene.runtime.snapshot.SnapshotPublisher;
import io.carotene.runtime.socket.GameSocket;
import io.carotene.runtime.socket.Traffic;
import io.carotene.runtime.wire.Json;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.runtime.world.WorldHost;
import io.carotene.runtime.world.WorldThread;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Every room of the process: creates them on the least-loaded thread of the world pool, finds
 * them for joins, holds the credentials (reservations, reconnection tokens) the handshake
 * redeems, wakes rooms when a reservation or a grace ends, and ends them all when the server
 * stops. The number of rooms is bounded ({@code TOO_MANY_ROOMS} beyond).
 */
public final class RoomManager {
  private static final Logger LOG = Logger.getLogger(RoomManager.class.getName());
  /** How long a join waits for its room's thread before it is answered with an error. */
  static final long JOIN_TIMEOUT_MILLIS = 5_000;

  /** What a room needs beyond its type: how to build its world, publisher and socket. */
  public record Settings(CaroteneApplication application, StoreOptions storeOptions,
      Function<DomainWorld, SnapshotPublisher> publishers, RateLimit callLimit, int maxFrameBytes,
      int worldThreads, int maxRooms, List<RoomListener> listeners) {}

  private final Settings settings;
  private final Map<String, RoomType> types;
  private final WorldHost[] hosts;
  private final Clock clock = Clock.system();
  private final Map<String, ServerRoom> rooms = new ConcurrentHashMap<>();
  private final AtomicInteger roomCount = new AtomicInteger();
  /** The seats' reservations and reconnection tokens, which the handshake redeems. */
  final SeatCredentials credentials = new SeatCredentials();
  private final Map<String, Object> createLocks = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timer = RoomAlarm.newTimer();
  private final ServerRoom defaultRoom;
  private final Traffic traffic = new Traffic();
  private final NamedRooms named;
  volatile boolean accepting = true; // false once the server drains or stops: no new room or seat

  /**
   * {@code types} empty: a single-world server, whose one room (of a type named after the domain,
   * without a seat limit) is created now and joined by every connection without a reservation.
   */
  public RoomManager(Settings settings, List<RoomType> types) {
    this.settings = settings;
    this.named = new NamedRooms(this, settings.storeOptions().dataDirectory(), types);
    this.types = new ConcurrentHashMap<>();
    types.forEach(type -> this.types.put(type.name(), type));
    this.hosts = new WorldHost[settings.worldThreads()];
    for (int i = 0; i < hosts.length; i++) {
      hosts[i] = new WorldHost("carotene-world-" + i, clock);
      hosts[i].start();
    }
    if (types.isEmpty()) {
      RoomType single = RoomType.of(settings.application().name()).withMaxClients(Integer.MAX_VALUE);
      this.types.put(single.name(), single);
      this.defaultRoom = create(single, Json.MAPPER.createObjectNode(), true, null);
    } else {
      this.defaultRoom = null;
    }
  }

  /** The single-world server's room, or null when the server declares room types. */
  public ServerRoom defaultRoom() {
    return defaultRoom;
  }

  /** The rooms of the persistent room types, by name. */
  public NamedRooms named() {
    return named;
  }

  List<RoomListener> listeners() {
    return settings.listeners();
  }

  /** Every room not ending, oldest first. */
  public List<ServerRoom> rooms() {
    List<ServerRoom> all = new ArrayList<>(rooms.values());
    all.sort(Comparator.comparingLong(ServerRoom::createdAtNanos));
    return all;
  }

  public ServerRoom room(String id) {
    return rooms.get(id);
  }

  /** Rooms alive (ending ones included until their memory is freed). */
  public int roomCount() {
    return roomCount.get();
  }

  /** Seats given out by the credential maps: reservations not yet redeemed, reconnection tokens. */
  public int credentialCount() {
    return credentials.count();
  }

  public WorldHost[] hosts() {
    return hosts.clone();
  }

  /** What every room's socket sent and rejected, and the joins refused (for the metrics). */
  public Traffic traffic() {
    return traffic;
  }

  // ---- joins ----

  /**
   * Creates a room of {@code type} and reserves its first seat for {@code session}; {@code roomId}
   * names a persistent type's room (null for a random id).
   */
  public Reservation create(Session session, String type, String roomId, JsonNode options) {
    RoomType roomType = typeNamed(type);
    if (roomId != null || named.persistent(type)) {
      return reserveInNew(named.open(roomType, roomId, objectOrEmpty(options)), session, options);
    }
    return reserveInNew(create(roomType, objectOrEmpty(options), false, null), session, options);
  }

  /** Reserves a seat in the oldest open room of {@code type} matching {@code filters}, or in a new one. */
  public Reservation joinOrCreate(Session session, String type, String roomId, JsonNode options, JsonNode filters) {
    RoomType roomType = typeNamed(type);
    if (roomId != null || named.persistent(type)) { // the room of that name, opened if it is not
      if (filters != null && !filters.isNull() && !(filters.isObject() && filters.isEmpty())) {
        throw new RoomException(RoomError.BAD_REQUEST, "filters pick among open rooms and roomId names one: send one of them");
      }
      return named.joinOrOpen(roomType, roomId, objectOrEmpty(options), room -> reserveInNew(room, session, options));
    }
    Reservation seat = tryExisting(session, roomType, options, filters);
    if (seat != null) {
      return seat;
    }
    synchronized (createLocks.computeIfAbsent(roomType.name(), unused -> new Object())) {
      seat = tryExisting(session, roomType, options, filters); // another join may have created one
      if (seat != null) {
        return seat;
      }
      return reserveInNew(create(roomType, objectOrEmpty(options), false, null), session, options);
    }
  }

  /**
   * The creator's seat in the room just created (or opened) for it; when the join fails (the game
   * refuses it, the room does not answer), the room, if empty, lingers out as a room its last
   * player left does, instead of staying open with no seat forever.
   */
  private Reservation reserveInNew(ServerRoom room, Session session, JsonNode options) {
    try {
      return reserve(room, session, options);
    } catch (RuntimeException e) {
      room.onRoomThread(room::lingerIfEmpty);
      throw e;
    }
  }

  /** Reserves a seat in the room {@code roomId}. */
  public Reservation join(Session session, String roomId, JsonNode options) {
    ServerRoom room = roomId == null ? null : rooms.get(roomId);
    if (room == null) {
      throw new RoomException(RoomError.ROOM_NOT_FOUND, "No room '" + roomId + "': it never existed or has ended");
    }
    return reserve(room, session, options);
  }

  private Reservation tryExisting(Session session, RoomType type, JsonNode options, JsonNode filters) {
    for (ServerRoom room : rooms()) {
      if (room.type().equals(type.name()) && room.isOpen() && !room.permanent() && !room.locked()
          && (room.clients() < room.maxClients() || room.userIds().contains(session.userId()))
          && RoomFilters.matches(room, filters)) {
        try {
          return reserve(room, session, options);
        } catch (RoomException taken) {
          if (taken.error() == RoomError.JOIN_REFUSED) {
            throw taken;
          } // full, locked or ending meanwhile: try the next
        }
      }
    }
    return null;
  }

  private Reservation reserve(ServerRoom room, Session session, JsonNode options) {
    requireAccepting();
    CompletableFuture<Reservation> seat = room.thread().submit(() -> room.reserve(session, objectOrEmpty(options)));
    try {
      return seat.get(JOIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RoomException refused) {
        throw refused;
      }
      if (e.getCause() instanceof RejectedExecutionException) {
        throw new RoomException(RoomError.ROOM_NOT_FOUND, "Room " + room.id() + " has ended: join or create another");
      }
      throw new IllegalStateException("Joining room " + room.id() + " failed", e.getCause());
    } catch (TimeoutException e) {
      seat.cancel(false);
      throw new RoomException(RoomError.SERVER_STOPPING, "Room " + room.id() + " did not answer in time; try again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RoomException(RoomError.SERVER_STOPPING, "The server is stopping");
    }
  }

  private RoomType typeNamed(String name) {
    RoomType type = name == null ? null : types.get(name);
    if (type == null) {
      throw new RoomException(RoomError.BAD_REQUEST, "Unknown room type '" + name + "'; this server has " + types.keySet());
    }
    return type;
  }

  private static JsonNode objectOrEmpty(JsonNode options) {
    if (options == null || options.isNull() || options.isMissingNode()) {
      return Json.MAPPER.createObjectNode();
    }
    if (!options.isObject()) {
      throw new RoomException(RoomError.BAD_REQUEST, "options must be a JSON object, got " + options.getNodeType());
    }
    return options;
  }

  private void requireAccepting() {
    if (!accepting) {
      throw new RoomException(RoomError.SERVER_STOPPING, "The server is stopping: join a room on another server");
    }
  }

  // ---- rooms ----

  /** A new room of {@code type}, called {@code name} (a persistent type's room) or, when null, a random id. */
  ServerRoom create(RoomType type, JsonNode options, boolean permanent, String name) {
    requireAccepting();
    if (roomCount.incrementAndGet() > settings.maxRooms()) {
      roomCount.decrementAndGet();
      throw new RoomException(RoomError.TOO_MANY_ROOMS,
          "This server holds its maximum of " + settings.maxRooms() + " rooms: try later or another server");
    }
    String id = name != null ? name : SeatCredentials.newId(12);
    DomainWorld world;
    try {
      // A room holds the domain's room-scoped stores; its server-scoped ones are the server world's.
      StoreOptions stores = permanent ? settings.storeOptions() : settings.storeOptions().holding(StoreOptions.Holds.ROOM_STORES);
      world = DomainWorld.create(settings.application(), clock, name == null ? stores : named.storeOptions(type, name, stores));
    } catch (RuntimeException | Error e) {
      roomCount.decrementAndGet();
      throw e;
    }
    try {
      WorldThread thread = new WorldThread(world, leastLoaded(), id);
      SnapshotPublisher snapshots = settings.publishers().apply(world);
      if (type.snapshotEvery() > 0) {
        snapshots.publishEvery(type.snapshotEvery());
      }
      world.scheduler().afterEachTick(snapshots);
      ServerRoom room = new ServerRoom(id, type, world, thread, snapshots, this, options, permanent);
      room.socket(new GameSocket(thread, snapshots, settings.callLimit(), settings.maxFrameBytes(), room, traffic));
      thread.start();
      thread.execute(room::created);
      rooms.put(id, room);
      return room;
    } catch (RuntimeException | Error e) {
      world.close();
      roomCount.decrementAndGet();
      throw e;
    }
  }

  private WorldHost leastLoaded() {
    WorldHost best = hosts[0];
    for (WorldHost host : hosts) {
      if (host.load() < best.load()) {
        best = host;
      }
    }
    return best;
  }

  /** The room is ending: joins no longer find it. */
  void unlist(ServerRoom room) {
    rooms.remove(room.id(), room);
  }

  /** The room ended and its world is closed. */
  void released(ServerRoom room) {
    roomCount.decrementAndGet();
    named.released(room);
  }

  /**
   * Sweeps {@code room} on its thread once the room clock passes {@code deadlineNanos}; the task
   * to cancel (it leaves the timer's queue at once), null when the server is stopping.
   */
  ScheduledFuture<?> wakeAt(ServerRoom room, long deadlineNanos) {
    long delay = Math.max(0, deadlineNanos - clock.nanoTime()) + TimeUnit.MILLISECONDS.toNanos(1);
    try {
      return timer.schedule(() -> room.thread().execute(room::sweep), delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopping) {
      return null; // the server is stopping: every room ends anyway
    }
  }

  /** Timer tasks waiting: one at most per room alive (a measurement's and a test's view). */
  public int timerTasks() {
    return timer.getQueue().size();
  }

  // ---- stopping ----

  /** No new room or seat from now on. */
  public void stopAccepting() {
    accepting = false;
  }

  /**
   * Ends every room ({@link LeaveReason#SERVER_STOPPING}), waits for their worlds to close, then
   * stops the world threads. Returns whether every thread ended within {@code timeoutMillis}.
   */
  public boolean stop(long timeoutMillis) throws InterruptedException {
    accepting = false;
    timer.shutdownNow();
    List<CompletableFuture<Void>> ending = new ArrayList<>();
    for (ServerRoom room : new ArrayList<>(rooms.values())) {
      room.onRoomThread(() -> room.end(LeaveReason.SERVER_STOPPING));
      ending.add(room.thread().stopped());
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    try {
      CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new)).get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warning("Some rooms did not end within " + timeoutMillis + " ms; their stores stay open");
    }
    boolean all = true;
    for (WorldHost host : hosts) {
      all &= host.stop(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    named.close();
    return all;
  }
}
