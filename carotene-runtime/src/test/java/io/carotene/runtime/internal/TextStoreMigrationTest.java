package io.carotene.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.store.Flyweight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persisted store of a model with text (a Chronicle Map file) whose model gained fields at the
 * end: refused until the migration is asked for, then every entry kept with the new fields at zero
 * and empty text, the tick a crash left uncommitted rolled back, and the files reopening as the new
 * model. The flyweight and codec are written by hand in the shape the processor generates.
 */
class TextStoreMigrationTest {
  record Tag(long id, String text, int score, String note) {
    static Tag v1(long id, String text) {
      return new Tag(id, text, 0, "");
    }
  }

  static final class MutableTag implements Flyweight<Tag> {
    long id;
    String text;
    int score;
    String note = "";

    @Override
    public void set(Tag model) {
      id = model.id();
      text = model.text();
      score = model.score();
      note = model.note();
    }

    @Override
    public Tag toRecord() {
      return new Tag(id, text, score, note);
    }
  }

  /** Version 1 writes the id and the text; version 2 appends a score and a note. */
  static final class TagCodec extends FlyweightMarshaller<MutableTag> {
    final boolean v2;

    TagCodec(boolean v2) {
      this.v2 = v2;
    }

    @Override
    public MutableTag newFlyweight() {
      return new MutableTag();
    }

    @Override
    public int fixedSize() {
      return -1;
    }

    @Override
    public int averageSize() {
      return v2 ? 48 : 32; // a builder configured otherwise than the one that wrote the old file
    }

    @Override
    public void readInto(Bytes<?> in, MutableTag into) {
      into.id = in.readLong();
      into.text = in.readUtf8();
      if (v2) {
        into.score = in.readInt();
        into.note = in.readUtf8();
      }
    }

    @Override
    public void writeFrom(Bytes<?> out, MutableTag from) {
      out.writeLong(from.id);
      out.writeUtf8(from.text);
      if (v2) {
        out.writeInt(from.score);
        out.writeUtf8(from.note);
      }
    }

    @Override
    public void writeJson(JsonGenerator json, MutableTag from) {
      throw new UnsupportedOperationException();
    }

    @Override
    public WireFormat<MutableTag> wire() {
      throw new UnsupportedOperationException();
    }
  }

  static final List<String> V1 = List.of("id long", "text String");
  static final List<String> V2 = List.of("id long", "text String", "score int", "note String");

  @TempDir Path directory;

  private static ChronicleStore<Long, Tag, MutableTag> store(StoreOptions options, boolean v2) {
    return new ChronicleStore<>(
        "Tags", Long.class, Tag.class, MutableTag.class, new TagCodec(v2), 100, Tag::id, options,
        v2 ? V2 : V1);
  }

  private static <T> T inStore(StoreOptions options, boolean v2, Function<ChronicleStore<Long, Tag, MutableTag>, T> use) {
    try (ChronicleStore<Long, Tag, MutableTag> store = store(options, v2)) {
      return use.apply(store);
    } finally {
      options.journal().close();
    }
  }

  /** Version 1's files: three tags committed, then a tick a crash left uncommitted. */
  private void writeVersion1WithAnUncommittedTick() {
    StoreOptions options = Bodies.world(directory);
    ChronicleStore<Long, Tag, MutableTag> tags = store(options, false);
    tags.put(Tag.v1(1, "one"));
    tags.put(Tag.v1(2, "two"));
    tags.put(Tag.v1(3, "three"));
    options.journal().commit();
    tags.update(2L, tag -> tag.text = "changed, never committed");
    tags.remove(3L);
    tags.put(Tag.v1(4, "never committed"));
    tags.close();
    options.journal().releaseWithoutCommit(); // as a killed process leaves the files
  }

  @Test
  void fieldsAppendedToAModelWithTextMigrateWhenAskedStartingAtZeroAndEmptyWithTheCrashedTickRolledBack()
      throws Exception {
    writeVersion1WithAnUncommittedTick();
    Path layout = directory.resolve("Tags/layout.txt");
    String before = Files.readString(layout);
    StoreOptions refusing = Bodies.world(directory);
    try {
      assertThatThrownBy(() -> store(refusing, true))
          .isInstanceOf(CaroteneConfigurationException.class)
          .hasMessageContaining("gained [score int, note String] at the end")
          .hasMessageContaining("CAROTENE_MIGRATE=append-fields")
          .hasMessageContaining("empty text");
    } finally {
      refusing.journal().close();
    }
    assertThat(Files.readString(layout)).as("nothing rewritten").isEqualTo(before);

    StoreOptions migrating = StoreOptions.defaults().persistedIn(directory, true).forWorld();
    inStore(migrating, true, tags -> {
      assertThat(tags.all()).containsExactlyInAnyOrder(Tag.v1(1, "one"), Tag.v1(2, "two"), Tag.v1(3, "three"));
      tags.update(2L, tag -> {
        tag.score = 7;
        tag.note = "migrated";
      });
      return null;
    });
    assertThat(directory.resolve("Tags/entries.cm3.migrating")).doesNotExist();
    assertThat(Files.readString(layout)).contains("field score int").contains("field note String");

    inStore(Bodies.world(directory), true, tags -> {
      assertThat(tags.get(2L)).isEqualTo(new Tag(2, "two", 7, "migrated"));
      assertThat(tags.get(3L)).isEqualTo(Tag.v1(3, "three"));
      assertThat(tags.count()).isEqualTo(3);
      return null;
    });
  }

  @Test
  void aMigrationThatRunsAgainAfterACrashPastItsRenameGivesTheSameStore() throws Exception {
    writeVersion1WithAnUncommittedTick();
    Path layout = directory.resolve("Tags/layout.txt");
    String version1 = Files.readString(layout);
    StoreOptions migrating = StoreOptions.defaults().persistedIn(directory, true).forWorld();
    inStore(migrating, true, tags -> null);
    // A crash after the new file took the old one's place, before the new layout was written:
    Files.writeString(layout, version1);
    StoreOptions again = StoreOptions.defaults().persistedIn(directory, true).forWorld();
    inStore(again, true, tags -> {
      assertThat(tags.all()).containsExactlyInAnyOrder(Tag.v1(1, "one"), Tag.v1(2, "two"), Tag.v1(3, "three"));
      return null;
    });
  }

  @Test
  void aStoreMigrationRegisteredForAModelWithTextIsRefusedSayingWhatMigratesIt() throws Exception {
    writeVersion1WithAnUncommittedTick();
    StoreOptions options = Bodies.world(directory).withMigration("Tags", old -> Tag.v1(old.getLong("id"), "?")).forWorld();
    try {
      assertThatThrownBy(() -> store(options, true))
          .isInstanceOf(CaroteneConfigurationException.class)
          .hasMessageContaining("a StoreMigration runs only over fixed-size models")
          .hasMessageContaining("CAROTENE_MIGRATE=append-fields");
    } finally {
      options.journal().close();
    }
  }
}
