package io.carotene.runtime.world;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.Clock;
import io.carotene.runtime.Session;
import io.carotene.runtime.Tick;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread that owns a {@link DomainWorld}: it runs the world's ticks on their grid and, between
 * ticks, the calls that IO threads hand it, in arrival order. Nothing else touches the world, so
 * game code needs no locks.
 */
public final class WorldThread implements AutoCloseable, WorldLiveness {
  private static final Logger LOG = Logger.getLogger(WorldThread.class.getName());

  /**
   * How long a task handed over with {@link #executeSoon} may wait for the world thread: tasks
   * arriving within this window run together, after one wake-up instead of one each.
   */
  public static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final DomainWorld world;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile boolean running;
  /** When the thread last came back to its loop ({@code System.nanoTime()}); read by health pings. */
  private volatile long lastPassNanos = System.nanoTime();
  private long lastFailureLogNanos;

  private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  public WorldThread(DomainWorld world) {
    this.world = world;
    this.thread = new Thread(this::run, "carotene-world-" + world.name());
  }

  public DomainWorld world() {
    return world;
  }

  /** Starts the world's grid and the thread. */
  public void start() {
    if (running) {
      throw new IllegalStateException("World thread " + thread.getName() + " already started");
    }
    running = true;
    world.scheduler().onLoopFailure(this::loopFailed);
    world.start();
    thread.start();
  }

  /**
   * Whether the thread is running and came back to its loop within the last {@code nanos}: false
   * while a tick or a task is stuck in game code, and once the thread has stopped.
   */
  @Override
  public boolean allProgressedWithin(long nanos) {
    return running && thread.isAlive() && System.nanoTime() - lastPassNanos <= nanos;
  }

  /** Whether {@code Thread.currentThread()} is this world's thread. */
  public boolean isWorldThread() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on the world thread, after the tasks already queued. */
  public void execute(Runnable task) {
    tasks.add(task);
    LockSupport.unpark(thread);
  }

  /**
   * Runs {@code task} on the world thread, after the tasks already queued, within about {@link
   * #BATCH_NANOS} (after a tick that is already due, if one is). Unlike {@link #execute} it does
   * not wake the world thread for each task: a game's inputs, tens of thousands a second, are taken
   * a batch at a time. Their effect is the same, since the world shows itself only after a tick.
   */
  public void executeSoon(Runnable task) {
    tasks.add(task); // the world thread looks at least every BATCH_NANOS
  }

  /** Calls a socket handler on the world thread. */
  public CompletableFuture<CallResult> call(Session session, String operation, Object[] args) {
    return submit(() -> world.call(session, operation, args));
  }

  /**
   * Runs {@code work} on the world thread, after the tasks already queued, and completes with its
   * result or its failure. A caller that gives up waiting cancels the future, and the work is then
   * skipped: a request answered "timed out" must not still act later.
   */
  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
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
   * Returns whether the thread ended in time (at once if it was never started). The world's stores
   * stay open; close the world after.
   */
  public boolean stop(long timeout, TimeUnit unit) throws InterruptedException {
    running = false;
    if (thread.getState() == Thread.State.NEW) {
      stopped.complete(null); // nothing to wait for
      return true;
    }
    LockSupport.unpark(thread);
    try {
      stopped.get(timeout, unit);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop(5, TimeUnit.SECONDS);
  }

  private void run() {
    Clock clock = world.clock();
    FixedStepScheduler scheduler = world.scheduler();
    try {
      while (running) {
        lastPassNanos = System.nanoTime();
        drainTasksUntil(scheduler.nextDueNanos(), clock);
        long now = clock.nanoTime();
        long due = scheduler.nextDueNanos();
        if (due <= now) {
          scheduler.runDue();
          continue;
        }
        // Never longer than the batch window: tasks handed over with executeSoon do not wake us.
        long wait = due - now; // may overflow when no loop is due (Long.MAX_VALUE) and now < 0
        LockSupport.parkNanos(wait > 0 && wait < BATCH_NANOS ? wait : BATCH_NANOS);
      }
      drainTasks();
    } finally {
      stopped.complete(null);
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
      LOG.log(Level.SEVERE, "Loop " + tick.loopName() + " of world " + world.name()
          + " failed at tick " + tick.number() + "; the world goes on", failure);
      lastFailureLogNanos = now;
    } else if (now - lastFailureLogNanos >= FAILURE_LOG_INTERVAL_NANOS) {
      LOG.severe("Loop " + tick.loopName() + " of world " + world.name() + " has failed "
          + stats.failures() + " times; latest at tick " + tick.number() + ": " + failure);
      lastFailureLogNanos = now;
    }
  }

  /**
   * Runs queued tasks until none is left or a tick falls due (the clock is read after each task,
   * some 20 ns beside a call's microseconds): a burst of calls, a slow task or a batch that the
   * scheduler interrupted must not push the tick off its grid. What is left runs right after the
   * tick. When a tick is already due as the drain starts (ticks are overrunning), the tasks still
   * get {@link #BEHIND_TASK_NANOS} first, so a world that is behind goes on taking calls.
   */
  private void drainTasksUntil(long due, Clock clock) {
    long start = clock.nanoTime();
    long deadline = due - start > 0 ? due : start + BEHIND_TASK_NANOS;
    Runnable task;
    while ((task = tasks.poll()) != null) {
      runTask(task);
      if (clock.nanoTime() - deadline >= 0) {
        return;
      }
    }
  }

  /** Time for queued tasks between two ticks when the world is behind: a quarter of a 60 Hz tick. */
  private static final long BEHIND_TASK_NANOS = TimeUnit.MILLISECONDS.toNanos(4);

  /** Runs every queued task, those queued meanwhile too. */
  private void drainTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      runTask(task);
    }
  }

  private void runTask(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      LOG.log(Level.SEVERE, "A task on world " + world.name() + " failed; the world goes on", e);
    }
  }
}
