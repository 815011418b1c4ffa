package io.carotene.example.arena;

import static io.carotene.test.TestIds.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.Clock;
import io.carotene.runtime.Session;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.runtime.world.WorldThread;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.test.FrozenClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The production arrangement: the world on its own thread, on the system clock. */
class WorldThreadTest {
  static final UUID PLAYER_1 = uuid("player_1");

  final DomainWorld world = DomainWorld.create(new ArenaApplication(), Clock.system(), StoreOptions.defaults());
  final WorldThread worldThread = new WorldThread(world);

  /** A second world, on a clock that moves only when its tasks or ticks move it. */
  final FrozenClock clock = new FrozenClock(0);
  final DomainWorld frozenWorld = DomainWorld.create(new ArenaApplication(), clock, StoreOptions.defaults());
  final WorldThread frozenThread = new WorldThread(frozenWorld);

  @AfterEach
  void stop() throws InterruptedException {
    worldThread.stop(5, TimeUnit.SECONDS);
    world.close();
    frozenThread.stop(5, TimeUnit.SECONDS);
    frozenWorld.close();
  }

  @Test
  void tasksHandedOverSoonRunOnTheWorldThreadInOrderWithOtherTasks() throws Exception {
    worldThread.start();
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean allOnWorldThread = new AtomicBoolean(true);

    for (int i = 0; i < 50; i++) {
      int n = i;
      worldThread.executeSoon(() -> {
        order.add("soon" + n);
        allOnWorldThread.compareAndSet(true, worldThread.isWorldThread());
      });
    }
    CompletableFuture<String> urgent = worldThread.submit(() -> "urgent");

    assertThat(urgent.get(10, TimeUnit.SECONDS)).isEqualTo("urgent");
    assertThat(order).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj(n -> "soon" + n).toList());
    assertThat(allOnWorldThread).isTrue();
  }

  @Test
  void aTickFallingDueInTheMiddleOfABurstOfTasksRunsBeforeTheRestOfTheBurst() throws Exception {
    AtomicInteger tasksRun = new AtomicInteger();
    CompletableFuture<Integer> tasksRunAtFirstTick = new CompletableFuture<>();
    frozenWorld.scheduler().afterEachTick(tick -> tasksRunAtFirstTick.complete(tasksRun.get()));
    CompletableFuture<Void> burstDone = new CompletableFuture<>();
    // 100 tasks queued before the thread starts, each taking 1 ms of the world's clock: the Arena's
    // 16 ms tick falls due after the 16th, and must not wait for the other 84 (84 ms late).
    for (int i = 0; i < 100; i++) {
      frozenThread.executeSoon(() -> {
        clock.advance(Duration.ofMillis(1));
        if (tasksRun.incrementAndGet() == 100) {
          burstDone.complete(null);
        }
      });
    }
    frozenThread.start();

    assertThat(tasksRunAtFirstTick.get(10, TimeUnit.SECONDS)).isEqualTo(16);
    burstDone.get(10, TimeUnit.SECONDS); // the rest of the burst still runs, after the tick
  }

  @Test
  void aWorldWhoseTicksOverrunStillGivesQueuedTasksTimeBetweenTicks() throws Exception {
    AtomicInteger tasksRun = new AtomicInteger();
    List<Integer> tasksRunAtTick = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> twoTicks = new CompletableFuture<>();
    frozenWorld.scheduler().afterEachTick(tick -> {
      tasksRunAtTick.add(tasksRun.get());
      clock.advance(Duration.ofMillis(20)); // every tick takes 20 ms of a 16 ms period: always behind
      if (tasksRunAtTick.size() == 2) {
        twoTicks.complete(null);
      }
    });
    // 1,000 tasks of 0.1 ms each, queued before the thread starts.
    for (int i = 0; i < 1000; i++) {
      frozenThread.executeSoon(() -> {
        clock.advance(Duration.ofNanos(100_000));
        tasksRun.incrementAndGet();
      });
    }
    frozenThread.start();
    twoTicks.get(10, TimeUnit.SECONDS);

    // Before the first tick: 16 ms of tasks. Between the first and the second, the second was
    // due already; the tasks still get 4 ms: 40 of them.
    assertThat(tasksRunAtTick.get(0)).isEqualTo(160);
    assertThat(tasksRunAtTick.get(1) - tasksRunAtTick.get(0)).isEqualTo(40);
  }

  @Test
  void callsFromOtherThreadsRunOnTheWorldThreadInArrivalOrder() throws Exception {
    world.store(GameWorldStore.class).put(new Player(PLAYER_1, Vector3.ZERO, Vector3.ZERO, true, 100));
    worldThread.start();
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    List<String> expected = new ArrayList<>();

    for (int i = 0; i < 100; i++) {
      int n = i;
      expected.add("task" + n);
      worldThread.execute(() -> {
        order.add("task" + n);
        threads.add(Thread.currentThread());
      });
    }
    CompletableFuture<CallResult> result =
        worldThread.call(Session.authenticated(PLAYER_1.toString()), "HandleInput", new Object[] {PLAYER_1, new Vector3(1f, 0f, 0f)});
    worldThread.execute(() -> order.add("after the call"));
    expected.add("after the call");

    assertThat(result.get(10, TimeUnit.SECONDS).isOk()).isTrue();
    CompletableFuture<Void> drained = new CompletableFuture<>();
    worldThread.execute(() -> drained.complete(null));
    drained.get(10, TimeUnit.SECONDS);
    assertThat(order).containsExactlyElementsOf(expected);
    assertThat(threads).hasSize(100).allMatch(t -> t.getName().equals("carotene-world-Arena"));
  }

  @Test
  void submittedWorkReturnsItsResultOrItsFailureAndIsSkippedOnceCancelled() throws Exception {
    worldThread.start();
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean lateWorkRan = new AtomicBoolean();
    worldThread.execute(() -> {
      try {
        release.await(10, TimeUnit.SECONDS); // hold the world so the next submission waits
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    CompletableFuture<Boolean> abandoned = worldThread.submit(() -> lateWorkRan.getAndSet(true));
    abandoned.cancel(false); // its caller stopped waiting
    release.countDown();

    assertThat(worldThread.submit(() -> world.store(GameWorldView.class).count()).get(10, TimeUnit.SECONDS)).isZero();
    CompletableFuture<Object> failing = worldThread.submit(() -> {
      throw new IllegalStateException("boom");
    });
    assertThat(failing).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(IllegalStateException.class);
    assertThat(lateWorkRan).isFalse();
  }

  @Test
  void theWorldTicksOnItsOwnAndMovesPlayers() throws Exception {
    world.store(GameWorldStore.class).put(new Player(PLAYER_1, new Vector3(0f, 50f, 0f), Vector3.ZERO, false, 100));
    worldThread.start();

    CountDownLatch tenTicks = new CountDownLatch(10);
    worldThread.execute(() -> world.scheduler().afterEachTick(tick -> tenTicks.countDown()));

    assertThat(tenTicks.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Float> height = new CompletableFuture<>();
    worldThread.execute(() -> height.complete(world.store(GameWorldView.class).get(PLAYER_1).position().y()));
    assertThat(height.get(10, TimeUnit.SECONDS)).isLessThan(50f);
  }

  @Test
  void stopLetsTheRunningTickFinishAndEndsTheThread() throws Exception {
    CountDownLatch tickRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean tickFinished = new AtomicBoolean();
    worldThread.start();
    // A tick that is still running when stop is asked for: block the next snapshot listener.
    worldThread.execute(() -> world.scheduler().afterEachTick(tick -> {
      if (tickRunning.getCount() == 1) {
        tickRunning.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        tickFinished.set(true);
      }
    }));
    assertThat(tickRunning.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> {
      try {
        return worldThread.stop(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(stopped).isNotDone(); // it waits for the running tick
    release.countDown();

    assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(tickFinished).isTrue();
    long ticks = world.scheduler().stats("PhysicsTick").ticks();
    Thread.sleep(50);
    assertThat(world.scheduler().stats("PhysicsTick").ticks()).isEqualTo(ticks);
  }
}
