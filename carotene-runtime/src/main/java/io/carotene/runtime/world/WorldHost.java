package io.carotene.runtime.world;

import io.carotene.runtime.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread of the world pool: it owns any number of worlds (rooms), each through its {@link
 * WorldThread}, and runs their due ticks in due-time order and, between ticks, the tasks their
 * callers hand over. A world stays on one host for its whole life, so game code needs no locks;
 * a room whose tick is slow delays only the rooms of its host.
 *
 * <p>The budget of {@link WorldThread} holds per host: queued tasks run until the earliest tick of
 * any of its worlds falls due; when a tick is already due, the tasks still get {@link
 * #BEHIND_TASK_NANOS} first. Tasks are taken one per world in turn, so a flooded room does not
 * starve the others' calls.
 */
public final class WorldHost implements WorldLiveness {
  /** Time for queued tasks between two ticks when a world is behind: a quarter of a 60 Hz tick. */
  static final long BEHIND_TASK_NANOS = TimeUnit.MILLISECONDS.toNanos(4);

  /**
   * How long a host none of whose worlds has a loop sleeps when no task wakes it: an idle room host
   * woke every 2 ms (the batch window), 500 context switches a second for nothing. Well inside the
   * health check's 2 s.
   */
  static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final Thread thread;
  private final Clock clock;
  private final long idleParkNanos;
  /** Attach and detach requests, run on the host thread before anything else. */
  private final Queue<Runnable> control = new ConcurrentLinkedQueue<>();
  /** Host thread only. */
  private final List<WorldThread> worlds = new ArrayList<>();
  private final AtomicInteger load = new AtomicInteger();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile boolean running;
  /** When the thread last came back to its loop ({@code System.nanoTime()}); read by health pings. */
  private volatile long lastPassNanos = System.nanoTime();
  /** Whether this host's worlds wake it for each task (none has a loop); host thread only. */
  private boolean wakingOnTasks;
  /** Where the round of tasks starts next; host thread only. */
  private int nextFirst;

  /** A host named {@code name} on {@code clock} (every world it owns must tick on that clock). */
  public WorldHost(String name, Clock clock) {
    this(name, clock, IDLE_PARK_NANOS);
  }

  /** A host that sleeps at most {@code idleParkNanos} when none of its worlds has a loop (tests). */
  WorldHost(String name, Clock clock, long idleParkNanos) {
    this.clock = clock;
    this.idleParkNanos = idleParkNanos;
    this.thread = new Thread(this::run, name);
  }

  /** The thread's name. */
  public String name() {
    return thread.getName();
  }

  /** Worlds attached or being attached: how the pool picks the least loaded host. */
  public int load() {
    return load.get();
  }

  public Clock clock() {
    return clock;
  }

  /** Starts the thread; idempotent. */
  public synchronized void start() {
    if (running || stopped.isDone()) {
      return;
    }
    running = true;
    thread.start();
  }

  boolean isHostThread() {
    return Thread.currentThread() == thread;
  }

  boolean isRunning() {
    return running;
  }

  void wake() {
    LockSupport.unpark(thread);
  }

  /** Any thread: {@code world} ticks and takes tasks on this host from the next round. */
  void attach(WorldThread world) {
    load.incrementAndGet();
    control.add(() -> worlds.add(world));
    wake();
  }

  /**
   * Any thread: {@code world} leaves this host after its queued tasks; {@code then} runs on the
   * host thread once it has (the world's last moment on a thread that may free it).
   */
  void detach(WorldThread world, Runnable then) {
    control.add(() -> {
      worlds.remove(world);
      load.decrementAndGet();
      world.drainTasks();
      then.run();
    });
    wake();
  }

  /**
   * Stops after the running tick and every queued task of every world finish, and waits up to
   * {@code timeout}. Returns whether the thread ended in time (at once if it was never started).
   */
  public boolean stop(long timeout, TimeUnit unit) throws InterruptedException {
    synchronized (this) {
      running = false;
      if (thread.getState() == Thread.State.NEW) {
        stopped.complete(null);
        return true;
      }
    }
    wake();
    try {
      stopped.get(timeout, unit);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /**
   * Whether the thread is running and came back to its loop within the last {@code nanos}: false
   * while a tick or a task of any of its worlds is stuck in game code, and once it has stopped.
   */
  @Override
  public boolean allProgressedWithin(long nanos) {
    return running && thread.isAlive() && System.nanoTime() - lastPassNanos <= nanos;
  }

  /** How long ago the thread last came back to its loop ({@code System.nanoTime()}'s scale). */
  public long nanosSinceProgress() {
    return System.nanoTime() - lastPassNanos;
  }

  private void run() {
    try {
      while (running) {
        lastPassNanos = System.nanoTime();
        runControl();
        drainTasksUntil(earliestDue());
        runControl();
        long now = clock.nanoTime();
        WorldThread due = earliest();
        if (due != null && due.nextDueNanos() - now <= 0) {
          due.runDueTicks();
          continue;
        }
        if (due == null) {
          sleepUntilWoken();
          continue;
        }
        if (wakingOnTasks) {
          wakeOnTasks(false);
        }
        long next = due.nextDueNanos();
        // Never longer than the batch window: tasks handed over with executeSoon do not wake us.
        long wait = next - now;
        LockSupport.parkNanos(wait > 0 && wait < WorldThread.BATCH_NANOS ? wait : WorldThread.BATCH_NANOS);
      }
      runControl();
      for (WorldThread world : worlds) {
        world.drainTasks();
      }
    } finally {
      stopped.complete(null);
    }
  }

  /**
   * No world has a loop, so nothing batches: every task wakes us (as attach, detach and stop do),
   * and we sleep until one does, at most {@link #IDLE_PARK_NANOS}. The flag is set before the
   * queues are looked at, and a task is queued before its sender reads the flag, so a task is
   * either seen here or wakes us.
   */
  private void sleepUntilWoken() {
    wakeOnTasks(true); // every pass: a world attached since the last one gets the flag too
    for (int i = 0; i < worlds.size(); i++) {
      if (worlds.get(i).hasTasks()) {
        return;
      }
    }
    LockSupport.parkNanos(idleParkNanos);
  }

  private void wakeOnTasks(boolean wake) {
    wakingOnTasks = wake;
    for (int i = 0; i < worlds.size(); i++) {
      worlds.get(i).wakeOnTask(wake);
    }
  }

  private void runControl() {
    Runnable request;
    while ((request = control.poll()) != null) {
      request.run();
    }
  }

  /** The world whose next tick is due first, or null when none has a loop. */
  private WorldThread earliest() {
    WorldThread first = null;
    long firstDue = Long.MAX_VALUE;
    for (int i = 0; i < worlds.size(); i++) {
      WorldThread world = worlds.get(i);
      long due = world.nextDueNanos();
      if (due != Long.MAX_VALUE && (first == null || due - firstDue < 0)) {
        first = world;
        firstDue = due;
      }
    }
    return first;
  }

  private long earliestDue() {
    WorldThread first = earliest();
    return first == null ? Long.MAX_VALUE : first.nextDueNanos();
  }

  /**
   * Runs queued tasks, one per world in turn, until none is left or a tick falls due (the clock is
   * read after each task): a burst of calls must not push a tick off its grid. What is left runs
   * right after the tick.
   */
  private void drainTasksUntil(long due) {
    long start = clock.nanoTime();
    long deadline = due != Long.MAX_VALUE && due - start > 0 ? due : start + BEHIND_TASK_NANOS;
    boolean noTick = due == Long.MAX_VALUE;
    int count = worlds.size();
    if (count == 0) {
      return;
    }
    boolean ranAny = true;
    while (ranAny) {
      ranAny = false;
      int first = Math.floorMod(nextFirst++, count);
      for (int k = 0; k < count; k++) {
        WorldThread world = worlds.get((first + k) % count);
        if (world.runOneTask()) {
          ranAny = true;
          if (!noTick && clock.nanoTime() - deadline >= 0) {
            return;
          }
        }
      }
    }
  }
}
