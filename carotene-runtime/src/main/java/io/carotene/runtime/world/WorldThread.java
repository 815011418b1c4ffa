package io.carotene.runtime.world;

import io.carotene.runtime.CallResult;
import io.carotene.runtime.Session;
import io.carotene.runtime.Tick;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The thread that owns a {@link DomainWorld}, as the world's callers see it: it runs the world's
 * ticks on their grid and, between ticks, the calls that IO threads hand it, in arrival order.
 * Nothing else touches the world, so game code needs no locks.
 *
 * <p>The thread itself is a {@link WorldHost}: {@code new WorldThread(world)} gives the world a
 * host of its own (one world per thread, as a single-world server or a test has it); {@code new
 * WorldThread(world, host, label)} puts it on a shared host of the pool, beside other rooms.
 */
public final class WorldThread implements AutoCloseable, WorldLiveness {
  private static final Logger LOG = Logger.getLogger(WorldThread.class.getName());

  /**
   * How long a task handed over with {@link #executeSoon} may wait for the world thread: tasks
   * arriving within this window run together, after one wake-up instead of one each.
   */
  public static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final DomainWorld world;
  private final WorldHost host;
  /** Whether {@link #host} is this world's alone (stopping the world stops the thread). */
  private final boolean ownHost;
  private final String label;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile boolean started;
  /** Set by {@link #timeTasks}: each task's run time; null for a world whose ticks are its work. */
  private TaskStats taskStats;
  /** Set once the world leaves its host: later tasks are refused, never run on a closed world. */
  private volatile boolean detached;
  /**
   * Set by the host thread while none of its worlds has a loop: nothing batches then, and the host
   * sleeps until a task wakes it instead of looking every {@link #BATCH_NANOS}.
   */
  private volatile boolean wakeOnTask;
  private long lastFailureLogNanos;

  /** {@code world} on a thread of its own, named after the world. */
  public WorldThread(DomainWorld world) {
    this.world = world;
    this.host = new WorldHost("carotene-world-" + world.name(), world.clock());
    this.ownHost = true;
    this.label = world.name();
  }

  /**
   * {@code world} on the shared {@code host}, named {@code label} in logs and metrics (a room's
   * id). The world must tick on the host's clock.
   */
  public WorldThread(DomainWorld world, WorldHost host, String label) {
    this.world = world;
    this.host = host;
    this.ownHost = false;
    this.label = label;
  }

  public DomainWorld world() {
    return world;
  }

  /** The world's name in logs and metrics: the room id on a shared host. */
  public String label() {
    return label;
  }

  /** The thread the world runs on. */
  public WorldHost host() {
    return host;
  }

  /**
   * From now on, times each task this thread runs for the world ({@link #taskStats()}): for a
   * world without loops (a server of rooms' server world), whose tasks are all its work, as ticks
   * are a room's. Call before {@link #start}.
   */
  public void timeTasks() {
    if (started) {
      throw new IllegalStateException("World thread " + host.name() + " already started: time its tasks before");
    }
    taskStats = new TaskStats();
  }

  /** Each task's run time since {@link #timeTasks}; null when its tasks are not timed. */
  public TaskStats taskStats() {
    return taskStats;
  }

  /**
   * How long ago this world's thread last came back to its loop (between ticks and tasks): grows
   * while a tick or a task is stuck in game code.
   */
  public long nanosSinceProgress() {
    return host.nanosSinceProgress();
  }

  /** Starts the world's grid and puts it on its thread (starting the thread if it is its own). */
  public void start() {
    if (started) {
      throw new IllegalStateException("World thread " + host.name() + " already started for " + label);
    }
    started = true;
    world.scheduler().onLoopFailure(this::loopFailed);
    world.start();
    host.attach(this);
    if (ownHost) {
      host.start();
    }
  }

  /**
   * Whether this world's thread is running and came back to its loop within the last {@code
   * nanos}: false while a tick or a task (of this world or another on the same thread) is stuck in
   * game code, and once the thread has stopped.
   */
  @Override
  public boolean allProgressedWithin(long nanos) {
    return host.allProgressedWithin(nanos);
  }

  /** Whether {@code Thread.currentThread()} is this world's thread. */
  public boolean isWorldThread() {
    return host.isHostThread();
  }

  /** Runs {@code task} on the world thread, after the tasks already queued. */
  public void execute(Runnable task) {
    tasks.add(task);
    host.wake();
  }

  /**
   * Runs {@code task} on the world thread, after the tasks already queued, within about {@link
   * #BATCH_NANOS} (after a tick that is already due, if one is). Unlike {@link #execute} it does
   * not wake the world thread for each task: a game's inputs, tens of thousands a second, are taken
   * a batch at a time. Their effect is the same, since the world shows itself only after a tick.
   */
  public void executeSoon(Runnable task) {
    tasks.add(task); // the world thread looks at least every BATCH_NANOS...
    if (wakeOnTask) {
      host.wake(); // ...unless no world of its host has a loop: then it sleeps until woken
    }
  }

  /** Host thread: whether {@link #executeSoon} must wake the host (it sleeps past the batch window). */
  void wakeOnTask(boolean wake) {
    wakeOnTask = wake;
  }

  /** Whether tasks wait; any thread. */
  boolean hasTasks() {
    return !tasks.isEmpty();
  }

  /** Calls a socket handler on the world thread. */
  public CompletableFuture<CallResult> call(Session session, String operation, Object[] args) {
    return submit(() -> world.call(session, operation, args));
  }

  /**
   * Runs {@code work} on the world thread, after the tasks already queued, and completes with its
   * result or its failure. A caller that gives up waiting cancels the future, and the work is then
   * skipped: a request answered "timed out" must not still act later. Once the world has left its
   * thread (a disposed room), the future fails with {@link RejectedExecutionException}.
   */
  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (detached) {
      result.completeExceptionally(new RejectedExecutionException("World " + label + " has stopped"));
      return result;
    }
    execute(() -> {
      if (result.isDone()) {
        return;
      }
      try {
        result.complete(work.get());
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
        if (e instanceof VirtualMachineError) {
          throw e;
        }
      }
    });
    return result;
  }

  /**
   * Stops after the running tick (and any queued calls) finish, and waits up to {@code timeout}.
   * Returns whether the world left its thread in time (at once if it was never started). The
   * world's stores stay open; close the world after. Not from the world's own thread: use {@link
   * #stopThen} there.
   */
  public boolean stop(long timeout, TimeUnit unit) throws InterruptedException {
    if (!started) {
      detached = true;
      stopped.complete(null);
      return true;
    }
    if (ownHost) {
      detached = true;
      boolean ended = host.stop(timeout, unit);
      stopped.complete(null);
      return ended;
    }
    stopThen(() -> {});
    try {
      stopped.get(timeout, unit);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /**
   * From any thread, the world's own included: the world leaves its thread after its queued tasks
   * (no tick of it runs after), then {@code then} runs on that thread, where the world may be
   * closed safely. Idempotent: a second call only waits for the first.
   */
  public void stopThen(Runnable then) {
    if (detached) {
      return;
    }
    detached = true;
    if (!started || (!host.isRunning() && !isWorldThread())) {
      try {
        then.run();
      } finally {
        stopped.complete(null);
      }
      return;
    }
    host.detach(this, () -> {
      try {
        then.run();
      } finally {
        stopped.complete(null);
      }
    });
  }

  /** Completes once the world has left its thread. */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  @Override
  public void close() throws InterruptedException {
    stop(5, TimeUnit.SECONDS);
  }

  // ---- called by the host, on its thread ----

  long nextDueNanos() {
    return world.scheduler().nextDueNanos();
  }

  void runDueTicks() {
    world.scheduler().runDue();
  }

  /** Runs the oldest queued task, if any; whether there was one. */
  boolean runOneTask() {
    Runnable task = tasks.poll();
    if (task == null) {
      return false;
    }
    runTask(task);
    return true;
  }

  /** Runs every queued task, those queued meanwhile too. */
  void drainTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      runTask(task);
    }
  }

  /**
   * A loop body threw: the first failure of a loop is logged with its stack trace, later ones as
   * one line at most every {@link #FAILURE_LOG_INTERVAL_NANOS}, with a count, so a loop that fails
   * every tick does not flood the log. The world goes on.
   */
  private void loopFailed(Tick tick, Throwable failure) {
    LoopStats stats = world.scheduler().stats(tick.loopName());
    long now = System.nanoTime();
    if (stats.failures() == 1) {
      LOG.log(Level.SEVERE, "Loop " + tick.loopName() + " of world " + label
          + " failed at tick " + tick.number() + "; the world goes on", failure);
      lastFailureLogNanos = now;
    } else if (now - lastFailureLogNanos >= FAILURE_LOG_INTERVAL_NANOS) {
      LOG.severe("Loop " + tick.loopName() + " of world " + label + " has failed "
          + stats.failures() + " times; latest at tick " + tick.number() + ": " + failure);
      lastFailureLogNanos = now;
    }
  }

  private void runTask(Runnable task) {
    TaskStats timed = taskStats;
    if (timed != null) {
      timed.started(System.nanoTime());
    }
    try {
      task.run();
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      LOG.log(Level.SEVERE, "A task on world " + label + " failed; the world goes on", e);
    } finally {
      if (timed != null) {
        timed.finished(System.nanoTime());
      }
    }
  }
}
