package io.carotene.test;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.Session;
import io.carotene.runtime.World;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.record.Recorder;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.runtime.wire.Json;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.runtime.world.FixedStepScheduler;
import io.carotene.runtime.world.LoopStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A whole world — its real off-heap stores, loops and handlers — driven by a {@link FrozenClock}
 * on the test's own thread. Nothing runs unless the test says so: {@link #triggerLoop} runs
 * exactly one tick, {@link #advance} runs exactly the ticks the grid says, {@link #call} runs one
 * handler behind its generated guards.
 *
 * <p>Rooms: {@link #createRoom} makes a room of the domain (a world of its own, its lifecycle
 * hooks, its seats), on the same frozen clock; {@link #advance} ticks every room too and ends each
 * reconnection grace exactly when the clock reaches it.
 *
 * <p>Injected by {@link CaroteneTest}; one fresh sandbox per test method.
 */
public final class Sandbox implements AutoCloseable {
  /** Where the frozen clock starts; any value works, since only differences matter. */
  public static final long START_NANOS = 0L;

  /** The seed of a sandbox's {@code Rng} and {@code Ids}: the same numbers in every test run. */
  public static final long SEED = 0x5EED_CA12_07E5L;

  /** The wall time a sandbox's recordings say they began at (2026-01-01T00:00Z): fixed, like its clock. */
  public static final long EPOCH_MILLIS = 1_767_225_600_000L;

  private final FrozenClock clock = new FrozenClock(START_NANOS);
  private final DomainWorld world;
  private Recorder recorder;
  private final CaroteneApplication application;
  private final StoreOptions storeOptions;
  private final List<SandboxRoom> rooms = new ArrayList<>();
  private final long seed;

  /** A sandbox of {@code application}'s world, its stores at their declared capacity. */
  public Sandbox(CaroteneApplication application) {
    this(application, StoreOptions.defaults());
  }

  /** {@code @CaroteneTest(capacity = ...)}: every store holds at most {@code capacity} entries. */
  Sandbox(CaroteneApplication application, long capacity) {
    this(application, new StoreOptions(capacity));
  }

  private Sandbox(CaroteneApplication application, StoreOptions options) {
    this(application, options, SEED);
  }

  /** A sandbox whose world is seeded with {@code seed}: a replay's. */
  Sandbox(CaroteneApplication application, StoreOptions options, long seed) {
    this.application = application;
    this.storeOptions = options;
    this.seed = seed;
    this.world = DomainWorld.create(application, clock, options, seed);
    world.start();
  }

  /**
   * Records this sandbox's world from now on into a new recording under {@code settings}'
   * directory: every call, every {@link #given}, every tick and its checksum. Returns the
   * recording's directory, for {@link Replay#of}. The recording closes with the sandbox.
   */
  public Path record(RecordingSettings settings) {
    if (recorder != null) {
      throw new IllegalStateException("This sandbox is already recording into " + recorder.directory());
    }
    recorder = Recorder.start(world, settings, EPOCH_MILLIS);
    return recorder.directory();
  }

  /** The recorder, once {@link #record} started one: the rooms code's joins and leaves go there. */
  public Recorder recorder() {
    if (recorder == null) {
      throw new IllegalStateException("This sandbox is not recording; call record(settings) first");
    }
    return recorder;
  }

  /** The world as the runtime runs it, for the replay. */
  DomainWorld domainWorld() {
    return world;
  }

  public FrozenClock clock() {
    return clock;
  }

  /** The world under test: its stores, and calls by operation name. */
  public World world() {
    return world;
  }

  /** A room of {@code type} created without options: its created hook has run. */
  public SandboxRoom createRoom(RoomType type) {
    return createRoom(type, null);
  }

  /**
   * A room of {@code type} created with {@code options} (a record or map, sent as the creation's
   * JSON options, as {@code POST /matchmake/create} takes them; null for none): a world of its
   * own on this sandbox's clock, whose created hook has run.
   */
  public SandboxRoom createRoom(RoomType type, Object options) {
    SandboxRoom room =
        new SandboxRoom(
            "room-" + (rooms.size() + 1), type,
            DomainWorld.create(application, clock, storeOptions.holding(StoreOptions.Holds.ROOM_STORES),
                seed + rooms.size() + 1),
            clock, options(options));
    rooms.add(room);
    return room;
  }

  /** The rooms created, in order (ended ones included). */
  public List<SandboxRoom> rooms() {
    return List.copyOf(rooms);
  }

  /** {@code options} as the JSON object a client would send: an empty object for null. */
  static JsonNode options(Object options) {
    if (options == null) {
      return Json.MAPPER.createObjectNode();
    }
    JsonNode tree = Json.MAPPER.valueToTree(options);
    if (!tree.isObject()) {
      throw new IllegalArgumentException("Room options are a JSON object: pass a record or a map, not " + options);
    }
    return tree;
  }

  /** An authenticated session whose user id is {@code userId.toString()}. */
  public Session session(Object userId) {
    return Session.authenticated(userId.toString());
  }

  /** A session that proved nothing. */
  public Session anonymousSession() {
    return Session.anonymous();
  }

  /** The store of this generated type: {@code GameWorldStore.class} to write, {@code GameWorldView.class} to read. */
  public <S> S store(Class<S> type) {
    return world.store(type);
  }

  /**
   * Puts each model into the store that holds its type, as the seed's {@code given mock store}.
   *
   * @throws IllegalArgumentException when no store holds a model of that type
   */
  public Sandbox given(Record... models) {
    for (Record model : models) {
      world.put(model);
    }
    return this;
  }

  /**
   * Advances the clock by the loop's period and runs exactly one tick of that loop — no other
   * loop runs. Accepts the loop's name ({@code PhysicsTick}) or its method name ({@code
   * physicsTick}).
   */
  public Sandbox triggerLoop(String loopName) {
    FixedStepScheduler scheduler = world.scheduler();
    String name = loopName(loopName);
    clock.advance(Duration.ofNanos(scheduler.periodNanos(name)));
    scheduler.runOnce(name);
    rooms.forEach(SandboxRoom::sweep);
    return this;
  }

  /**
   * Advances the clock by {@code duration}, stopping at each tick the grid has due on the way and
   * running it, earliest first; every open room's ticks run too, and a room's reconnection grace
   * or linger ends at the moment the clock reaches it. Returns the number of ticks of the
   * sandbox's own world that ran.
   */
  public int advance(Duration duration) {
    FixedStepScheduler scheduler = world.scheduler();
    long target = clock.nanoTime() + duration.toNanos();
    int ran = 0;
    for (long due = nextEventNanos(); due <= target; due = nextEventNanos()) {
      clock.setNanos(Math.max(due, clock.nanoTime()));
      ran += scheduler.runDue();
      for (SandboxRoom room : List.copyOf(rooms)) {
        if (!room.ended()) {
          room.runDue();
          room.sweep();
        }
      }
    }
    clock.setNanos(target);
    rooms.forEach(SandboxRoom::sweep);
    return ran;
  }

  /** The earliest tick of any world, grace end or linger end still to come. */
  private long nextEventNanos() {
    long next = world.scheduler().nextDueNanos();
    for (SandboxRoom room : rooms) {
      if (!room.ended()) {
        next = Math.min(next, Math.min(room.domainWorld().scheduler().nextDueNanos(), room.nextDeadlineNanos()));
      }
    }
    return next;
  }

  /** Calls a socket handler by operation name, as {@code session}, with the handler's arguments in order. */
  public CallResult call(Session session, String operation, Object... args) {
    return world.call(session, operation, args);
  }

  /** The named loop's counters (ticks run, skipped, overruns). */
  public LoopStats loopStats(String loopName) {
    return world.scheduler().stats(loopName(loopName));
  }

  @Override
  public void close() {
    for (SandboxRoom room : rooms) {
      room.end(LeaveReason.SERVER_STOPPING);
    }
    if (recorder != null) {
      recorder.close();
    }
    world.close();
  }

  private String loopName(String name) {
    List<String> names = world.scheduler().loopNames();
    if (names.contains(name)) {
      return name;
    }
    if (!name.isEmpty()) {
      String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
      if (names.contains(capitalized)) {
        return capitalized;
      }
    }
    throw new NoSuchElementException("No loop named '" + name + "' in world " + world.name() + "; its loops are " + names);
  }
}
