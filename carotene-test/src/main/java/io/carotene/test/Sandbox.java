package io.carotene.test;

import io.carotene.runtime.CallResult;
import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.Session;
import io.carotene.runtime.World;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.record.Recorder;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.runtime.world.FixedStepScheduler;
import io.carotene.runtime.world.LoopStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A whole world — its real off-heap stores, loops and handlers — driven by a {@link FrozenClock}
 * on the test's own thread. Nothing runs unless the test says so: {@link #triggerLoop} runs
 * exactly one tick, {@link #advance} runs exactly the ticks the grid says, {@link #call} runs one
 * handler behind its generated guards.
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
    return this;
  }

  /**
   * Advances the clock by {@code duration}, stopping at each tick the grid has due on the way and
   * running it, earliest first. Returns the number of ticks that ran.
   */
  public int advance(Duration duration) {
    FixedStepScheduler scheduler = world.scheduler();
    long target = clock.nanoTime() + duration.toNanos();
    int ran = 0;
    for (long due = scheduler.nextDueNanos(); due <= target; due = scheduler.nextDueNanos()) {
      clock.setNanos(Math.max(due, clock.nanoTime()));
      ran += scheduler.runDue();
    }
    clock.setNanos(target);
    return ran;
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
