package io.carotene.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.internal.Bodies.Body;
import io.carotene.runtime.internal.Bodies.BodyCodec;
import io.carotene.runtime.internal.Bodies.MutableBody;
import io.carotene.runtime.internal.Bodies.ScoredBody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A persisted store's files: what a reopened store holds, and what it refuses to open. */
class PersistedStoreTest {
  @TempDir Path directory;

  /** A world of one persisted store; closing it closes the store, then the journal. */
  private record World(StoreOptions options, ChronicleStore<Long, Body, MutableBody> bodies)
      implements AutoCloseable {
    static World open(Path directory) {
      StoreOptions options = Bodies.world(directory);
      try {
        return new World(options, Bodies.persisted(options, 100));
      } catch (RuntimeException e) {
        options.journal().close();
        throw e;
      }
    }

    void commit() {
      options.journal().commit();
    }

    /** As a killed process would: the files stay as they are, nothing is committed or closed. */
    void abandon() {
      // The lock goes with the process; in a test, with the channel. Commit nothing.
      bodies.close();
      options.journal().releaseWithoutCommit();
    }

    @Override
    public void close() {
      bodies.close();
      options.journal().close();
    }
  }

  @Test
  void aReopenedStoreHoldsWhatWasCommitted() {
    try (World world = World.open(directory)) {
      for (long id = 1; id <= 10; id++) {
        world.bodies.put(Body.of(id, (int) id, 0));
      }
      world.bodies.remove(4L);
      world.bodies.updateEach(body -> body.move(1, 1));
      world.commit();
    }
    try (World world = World.open(directory)) {
      assertThat(world.bodies.count()).isEqualTo(9);
      assertThat(world.bodies.find(4L)).isEmpty();
      assertThat(world.bodies.get(7L)).isEqualTo(Body.of(7, 8, 1));
      assertThat(world.bodies.get(10L)).isEqualTo(Body.of(10, 11, 1));
    }
  }

  @Test
  void writesOfAnUncommittedTickAreRolledBack() {
    World crashed = World.open(directory);
    crashed.bodies.put(Body.of(1, 1, 1));
    crashed.bodies.put(Body.of(2, 2, 2));
    crashed.commit();
    crashed.bodies.updateEach(body -> body.move(100, 100));
    crashed.bodies.remove(1L);
    crashed.bodies.put(Body.of(3, 3, 3));
    crashed.bodies.put(Body.of(4, 4, 4));
    crashed.abandon();
    try (World world = World.open(directory)) {
      List<Body> all = new ArrayList<>(world.bodies.all());
      assertThat(all).containsExactlyInAnyOrder(Body.of(1, 1, 1), Body.of(2, 2, 2));
    }
  }

  @Test
  void aCleanCloseCommitsWritesMadeAfterTheLastTick() {
    try (World world = World.open(directory)) {
      world.bodies.put(Body.of(1, 1, 1));
      world.commit();
      world.bodies.put(Body.of(2, 2, 2)); // a call between ticks
    }
    try (World world = World.open(directory)) {
      assertThat(world.bodies.count()).isEqualTo(2);
    }
  }

  @Test
  void aSecondWorldOnTheSameDirectoryIsRefusedAndTheFirstIsUntouched() {
    try (World first = World.open(directory)) {
      first.bodies.put(Body.of(1, 1, 1));
      assertThatThrownBy(() -> World.open(directory))
          .isInstanceOf(CaroteneConfigurationException.class)
          .hasMessageContaining("in use by another server")
          .hasMessageContaining("carotene.lock");
      first.bodies.put(Body.of(2, 2, 2));
      assertThat(first.bodies.count()).isEqualTo(2);
    }
  }

  @Test
  void aChangedFieldIsRefusedNamingTheFieldAndNothingIsRewritten() throws Exception {
    try (World world = World.open(directory)) {
      world.bodies.put(Body.of(1, 1, 1));
    }
    Path layout = directory.resolve("Bodies/layout.txt");
    String before = Files.readString(layout);
    StoreOptions options = Bodies.world(directory);
    try {
      assertThatThrownBy(
              () ->
                  new ChronicleStore<>(
                      "Bodies", Long.class, Body.class, MutableBody.class, new BodyCodec(false), 100,
                      Body::id, options, List.of("id long", "x float", "y int", "check long")))
          .isInstanceOf(CaroteneConfigurationException.class)
          .hasMessageContaining("field 2 was `x int` and is now `x float`")
          .hasMessageContaining("move " + directory.resolve("Bodies") + " away");
    } finally {
      options.journal().close();
    }
    assertThat(Files.readString(layout)).isEqualTo(before);
    try (World world = World.open(directory)) {
      assertThat(world.bodies.get(1L)).isEqualTo(Body.of(1, 1, 1));
    }
  }

  @Test
  void aFieldAddedAtTheEndIsRefusedUntilTheMigrationIsAskedForThenStartsAtZero() {
    try (World world = World.open(directory)) {
      world.bodies.put(Body.of(1, 1, 1));
      world.bodies.put(Body.of(2, 2, 2));
    }
    List<String> scored = new ArrayList<>(Bodies.LAYOUT);
    scored.add("score int");
    StoreOptions refusing = Bodies.world(directory);
    try {
      assertThatThrownBy(() -> scoredStore(refusing, scored))
          .isInstanceOf(CaroteneConfigurationException.class)
          .hasMessageContaining("gained [score int] at the end")
          .hasMessageContaining("CAROTENE_MIGRATE=append-fields");
    } finally {
      refusing.journal().close();
    }

    StoreOptions migrating = StoreOptions.defaults().persistedIn(directory, true).forWorld();
    try (ChronicleStore<Long, Body, MutableBody> store = scoredStore(migrating, scored)) {
      assertThat(store.count()).isEqualTo(2);
      assertThat(store.get(2L)).isEqualTo(Body.of(2, 2, 2));
      assertThat(store.update(2L, body -> assertThat(((ScoredBody) body).score).isZero())).isTrue();
      store.update(2L, body -> ((ScoredBody) body).score = 7);
    } finally {
      migrating.journal().close();
    }
    StoreOptions reopened = Bodies.world(directory);
    try (ChronicleStore<Long, Body, MutableBody> store = scoredStore(reopened, scored)) {
      assertThat(store.update(2L, body -> assertThat(((ScoredBody) body).score).isEqualTo(7))).isTrue();
    } finally {
      reopened.journal().close();
    }
  }

  private static ChronicleStore<Long, Body, MutableBody> scoredStore(StoreOptions options, List<String> layout) {
    return new ChronicleStore<>(
        "Bodies", Long.class, Body.class, MutableBody.class, new BodyCodec(true), 100, Body::id,
        options, layout);
  }

  @Test
  void aDirectoryThatIsNotWritableIsAClearStartUpError() throws Exception {
    Path readOnly = directory.resolve("read-only");
    Files.createDirectories(readOnly);
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(readOnly), "running as root");
      StoreOptions options = Bodies.world(readOnly);
      assertThatThrownBy(() -> Bodies.persisted(options, 100))
          .isInstanceOf(CaroteneConfigurationException.class)
          .hasMessageContaining("not writable");
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aPersistedStoreWithoutTheRequiredDirectoryNamesTheSetting() {
    StoreOptions server = StoreOptions.defaults().persistedIn(null, false).forWorld();
    assertThatThrownBy(() -> Bodies.persisted(server, 100))
        .isInstanceOf(CaroteneConfigurationException.class)
        .hasMessageContaining("CAROTENE_DATA_DIR");
  }
}
