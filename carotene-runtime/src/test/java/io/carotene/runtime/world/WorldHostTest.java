package io.carotene.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.runtime.Clock;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.server.RoutesApplication;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A host none of whose worlds has a loop sleeps until a task wakes it. Here it would otherwise
 * sleep an hour: each task below completes only because handing it over woke the host.
 */
class WorldHostTest {
  private final WorldHost host = new WorldHost("carotene-world-test", Clock.system(), TimeUnit.HOURS.toNanos(1));
  private final WorldThread world = new WorldThread(
      DomainWorld.create(new RoutesApplication(), Clock.system(), StoreOptions.defaults()), host, "routes");

  @AfterEach
  void stop() throws InterruptedException {
    world.stopThen(() -> {});
    host.stop(5, TimeUnit.SECONDS);
  }

  @Test
  void tasksHandedOverSoonWakeAHostWhoseWorldsHaveNoLoop() throws Exception {
    world.start();
    host.start();
    for (int i = 0; i < 50; i++) {
      CompletableFuture<Integer> ran = new CompletableFuture<>();
      int n = i;
      Thread.sleep(i % 5); // sometimes the host is asleep already, sometimes still looking
      world.executeSoon(() -> ran.complete(n));

      assertThat(ran.get(10, TimeUnit.SECONDS)).isEqualTo(n);
    }
  }

  @Test
  void aTaskHandedOverSoonFromAnotherTaskRunsToo() throws Exception {
    world.start();
    host.start();
    CompletableFuture<String> ran = new CompletableFuture<>();

    world.execute(() -> world.executeSoon(() -> ran.complete("second")));

    assertThat(ran.get(10, TimeUnit.SECONDS)).isEqualTo("second");
  }
}
