package io.carotene.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.runtime.internal.Bodies.Body;
import io.carotene.runtime.internal.Bodies.BodyCodec;
import io.carotene.runtime.internal.Bodies.MutableBody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.UnsafeMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persisted slab's two halves: whatever mix of writes the ticks make (passes over every entry,
 * single updates, puts, removes, one tick writing and the next not), the world a reopened store
 * holds is the last committed tick's, also after a "crash" in the middle of a tick and across a
 * change of capacity; and a slab written by the earlier single-slab format opens with its
 * uncommitted tick rolled back.
 */
class SlabHalvesTest {
  @TempDir Path directory;

  @Test
  void aReopenedStoreHoldsTheLastCommittedTickWhateverTheTicksWroteAndWhereverTheyStopped() {
    Random random = new Random(20261205L);
    Map<Long, Body> committed = new TreeMap<>();
    long nextId = 1;
    for (int run = 0; run < 60; run++) {
      long capacity = run % 7 == 3 ? 160 : 120; // a deploy may raise the capacity, or put it back
      StoreOptions options = Bodies.world(directory);
      ChronicleStore<Long, Body, MutableBody> bodies = Bodies.persisted(options, capacity);
      assertThat(sorted(bodies.all())).as("run %d opened", run).isEqualTo(new ArrayList<>(committed.values()));
      Map<Long, Body> current = new TreeMap<>(committed);
      int ticks = 1 + random.nextInt(4);
      boolean crashes = random.nextBoolean();
      for (int tick = 0; tick < ticks; tick++) {
        nextId = writeATick(random, bodies, current, nextId);
        boolean lastTickOfACrash = crashes && tick == ticks - 1;
        if (!lastTickOfACrash || random.nextInt(4) == 0) {
          options.journal().commit();
          committed = new TreeMap<>(current);
        }
      }
      if (crashes) {
        bodies.close();
        options.journal().releaseWithoutCommit(); // as a killed process leaves the files
      } else {
        if (random.nextBoolean()) {
          nextId = writeATick(random, bodies, current, nextId); // a call after the last tick
          committed = new TreeMap<>(current); // which a clean close commits
        }
        bodies.close();
        options.journal().close();
      }
    }
  }

  /** One tick's writes, applied to {@code current} too. */
  private static long writeATick(
      Random random, ChronicleStore<Long, Body, MutableBody> bodies, Map<Long, Body> current, long nextId) {
    switch (random.nextInt(5)) {
      case 0 -> { } // a tick that does not write this store
      case 1 -> { // a pass over every entry, as a physics tick makes, then maybe single writes
        int dx = 1 + random.nextInt(5);
        bodies.updateEach(body -> body.move(dx, -dx));
        current.replaceAll((id, body) -> Body.of(id, body.x() + dx, body.y() - dx));
        if (random.nextBoolean()) {
          nextId = singleWrites(random, bodies, current, nextId);
        }
      }
      default -> nextId = singleWrites(random, bodies, current, nextId);
    }
    if (random.nextInt(6) == 0) {
      int dy = random.nextInt(3);
      bodies.updateEach(body -> body.move(0, dy)); // a second pass in the same tick
      current.replaceAll((id, body) -> Body.of(id, body.x(), body.y() + dy));
    }
    return nextId;
  }

  /** Puts, removes and updates of single entries, applied to {@code current} too. */
  private static long singleWrites(
      Random random, ChronicleStore<Long, Body, MutableBody> bodies, Map<Long, Body> current, long nextId) {
    for (int op = random.nextInt(12); op > 0; op--) {
      int kind = random.nextInt(4);
      if (kind == 0 && current.size() < 100) {
        Body body = Body.of(nextId, random.nextInt(1000), random.nextInt(1000));
        nextId++;
        bodies.put(body);
        current.put(body.id(), body);
      } else if (kind == 1 && !current.isEmpty()) {
        long id = pick(random, current);
        assertThat(bodies.remove(id)).isTrue();
        current.remove(id);
      } else if (!current.isEmpty()) {
        long id = pick(random, current);
        int dx = random.nextInt(9) - 4;
        assertThat(bodies.update(id, body -> body.move(dx, 1))).isTrue();
        Body was = current.get(id);
        current.put(id, Body.of(id, was.x() + dx, was.y() + 1));
      }
    }
    return nextId;
  }

  private static long pick(Random random, Map<Long, Body> current) {
    List<Long> ids = new ArrayList<>(current.keySet());
    return ids.get(random.nextInt(ids.size()));
  }

  private static List<Body> sorted(List<Body> bodies) {
    List<Body> sorted = new ArrayList<>(bodies);
    sorted.sort((a, b) -> Long.compare(a.id(), b.id()));
    return sorted;
  }

  @Test
  void aSlabOfTheEarlierFormatOpensWithItsUncommittedTickRolledBack() throws Exception {
    // Written as the single-slab format left a crash: three bodies committed, then a tick that
    // moved body 2 (its pre-image in the undo log) and added a fourth, never committed.
    TickJournal journal = TickJournal.in(directory, false);
    Path store = journal.storeDirectory("Bodies");
    new ModelLayout(Body.class.getName(), 24, Bodies.LAYOUT).write(store);
    MappedRegion slab = MappedRegion.map(store.resolve("slab.dat"), 64 + 100 * 24);
    long base = slab.address();
    UnsafeMemory memory = UnsafeMemory.MEMORY;
    memory.writeLong(base + 8, 24);
    memory.writeLong(base + 16, 100);
    BodyCodec codec = new BodyCodec(false);
    Bytes<?> writer = slab.store().bytesForWrite();
    for (long id = 1; id <= 3; id++) {
      writeBody(codec, writer, (int) (id - 1), Body.of(id, (int) id * 10, 0));
    }
    memory.writeLong(base + 24, 3);
    memory.writeLong(base, SlabHalves.MAGIC_V1);
    UndoLog undo = UndoLog.open(journal, store, 1000);
    undo.begin(3);
    undo.append(1, base + 64 + 24, 24);
    writeBody(codec, writer, 1, Body.of(2, 999, 999));
    writeBody(codec, writer, 3, Body.of(4, 4, 4));
    memory.writeLong(base + 24, 4);
    writer.releaseLast();
    undo.close();
    slab.close();
    journal.releaseWithoutCommit();

    StoreOptions options = Bodies.world(directory);
    try (ChronicleStore<Long, Body, MutableBody> bodies = Bodies.persisted(options, 100)) {
      assertThat(sorted(bodies.all()))
          .containsExactly(Body.of(1, 10, 0), Body.of(2, 20, 0), Body.of(3, 30, 0));
      bodies.updateEach(body -> body.move(1, 1));
    } finally {
      options.journal().close();
    }
    assertThat(store.resolve("undo.log")).doesNotExist();
    StoreOptions reopened = Bodies.world(directory);
    try (ChronicleStore<Long, Body, MutableBody> bodies = Bodies.persisted(reopened, 100)) {
      assertThat(sorted(bodies.all()))
          .containsExactly(Body.of(1, 11, 1), Body.of(2, 21, 1), Body.of(3, 31, 1));
    } finally {
      reopened.journal().close();
    }
    assertThat(Files.size(store.resolve("slab.dat"))).isEqualTo(64 + 2 * 100 * 24);
  }

  private static void writeBody(BodyCodec codec, Bytes<?> writer, int slot, Body body) {
    MutableBody flyweight = codec.newFlyweight();
    flyweight.set(body);
    writer.writePosition(64 + slot * 24L);
    codec.writeFrom(writer, flyweight);
  }
}
