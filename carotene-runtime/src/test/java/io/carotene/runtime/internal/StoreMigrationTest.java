package io.carotene.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.internal.Bodies.Body;
import io.carotene.runtime.internal.Bodies.BodyCodec;
import io.carotene.runtime.internal.Bodies.MutableBody;
import io.carotene.runtime.store.StoreMigration;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A game's {@link StoreMigration}: a store whose model changed in a way that does not migrate by
 * itself (here {@code x} renamed {@code px} and now counted in tenths) converts its old entries at
 * start-up when one is registered, and refuses, naming the field, when none is.
 */
class StoreMigrationTest {
  /** Version 2 of the model: field 2 renamed; the same bytes, read as px. */
  private static final List<String> V2 = List.of("id long", "px int", "y int", "check long");

  private static final StoreMigration<Body> TENTHS =
      old -> Body.of(old.getLong("id"), old.getInt("x") * 10, old.getInt("y"));

  @TempDir Path directory;

  @Test
  void aRegisteredMigrationConvertsEveryOldEntryAndTheStoreReopensWithTheNewModel() {
    writeVersion1();

    StoreOptions migrating = Bodies.world(directory).withMigration("Bodies", TENTHS).forWorld();
    inStore(migrating, V2, store -> {
      assertThat(store.count()).isEqualTo(3);
      assertThat(store.get(1L)).isEqualTo(Body.of(1, 10, 5));
      assertThat(store.get(3L)).isEqualTo(Body.of(3, 30, 7));
      store.put(Body.of(4, 40, 8));
      return null;
    });
    // The files now hold version 2: it opens without the migration, which would not run again.
    inStore(Bodies.world(directory), V2, store -> {
      assertThat(store.count()).isEqualTo(4);
      assertThat(store.get(2L)).isEqualTo(Body.of(2, 20, 6));
      assertThat(store.get(4L)).isEqualTo(Body.of(4, 40, 8));
      return null;
    });
  }

  @Test
  void withoutTheMigrationTheChangedModelIsRefusedNamingTheFieldAndPointingAtTheHook() {
    writeVersion1();
    StoreOptions refusing = Bodies.world(directory);
    try {
      assertThatThrownBy(() -> store(refusing, V2))
          .isInstanceOf(CaroteneConfigurationException.class)
          .hasMessageContaining("field 2 was `x int` and is now `px int`")
          .hasMessageContaining("StoreMigration for Bodies");
    } finally {
      refusing.journal().close();
    }
    inStore(Bodies.world(directory), Bodies.LAYOUT, store -> assertThat(store.get(1L)).isEqualTo(Body.of(1, 1, 5)));
  }

  @Test
  void aMigrationThatFailsIsAClearErrorAndLeavesTheOldFilesAsTheyWere() {
    writeVersion1();
    StoreMigration<Body> readsAFieldTheOldModelLacked =
        old -> Body.of(old.getLong("id"), old.getInt("px"), old.getInt("y"));
    StoreOptions failing =
        Bodies.world(directory).withMigration("Bodies", readsAFieldTheOldModelLacked).forWorld();
    try {
      assertThatThrownBy(() -> store(failing, V2))
          .isInstanceOf(CaroteneConfigurationException.class)
          .hasMessageContaining("Bodies: its StoreMigration failed on entry 1 of 3")
          .hasMessageContaining("has no field `px`")
          .hasMessageContaining("[id long, x int, y int, check long]");
    } finally {
      failing.journal().close();
    }
    inStore(Bodies.world(directory), Bodies.LAYOUT, store -> {
      assertThat(store.count()).isEqualTo(3);
      assertThat(store.get(3L)).isEqualTo(Body.of(3, 3, 7));
      return null;
    });
  }

  private void writeVersion1() {
    inStore(Bodies.world(directory), Bodies.LAYOUT, store -> {
      store.put(Body.of(1, 1, 5));
      store.put(Body.of(2, 2, 6));
      store.put(Body.of(3, 3, 7));
      return null; // closing the world commits
    });
  }

  private static ChronicleStore<Long, Body, MutableBody> store(StoreOptions options, List<String> layout) {
    return new ChronicleStore<>(
        "Bodies", Long.class, Body.class, MutableBody.class, new BodyCodec(false), 100, Body::id,
        options, layout);
  }

  /** Opens the store in a world of its own, runs {@code action}, closes both. */
  private static void inStore(
      StoreOptions options, List<String> layout, Function<ChronicleStore<Long, Body, MutableBody>, ?> action) {
    try (ChronicleStore<Long, Body, MutableBody> store = store(options, layout)) {
      action.apply(store);
    } finally {
      options.journal().close();
    }
  }
}
