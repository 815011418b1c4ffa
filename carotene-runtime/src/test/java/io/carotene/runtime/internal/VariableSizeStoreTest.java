package io.carotene.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.carotene.runtime.store.Flyweight;
import java.io.IOException;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A model with text has no fixed size, so its store keeps entries as Chronicle Map values rather
 * than in a slab. The flyweight and codec here are written by hand in the shape the processor
 * generates.
 */
class VariableSizeStoreTest {
  record Badge(String id, String title, int level) {}

  static final class MutableBadge implements Flyweight<Badge> {
    String id;
    String title;
    int level;

    @Override
    public void set(Badge model) {
      id = model.id();
      title = model.title();
      level = model.level();
    }

    @Override
    public Badge toRecord() {
      return new Badge(id, title, level);
    }
  }

  static final class BadgeCodec extends FlyweightMarshaller<MutableBadge> {
    @Override
    public MutableBadge newFlyweight() {
      return new MutableBadge();
    }

    @Override
    public int fixedSize() {
      return -1;
    }

    @Override
    public int averageSize() {
      return 48;
    }

    @Override
    public void readInto(Bytes<?> in, MutableBadge into) {
      into.id = in.readUtf8();
      into.title = in.readUtf8();
      into.level = in.readInt();
    }

    @Override
    public void writeFrom(Bytes<?> out, MutableBadge from) {
      out.writeUtf8(from.id);
      out.writeUtf8(from.title);
      out.writeInt(from.level);
    }

    @Override
    public void writeJson(JsonGenerator json, MutableBadge from) throws IOException {
      json.writeStartObject();
      json.writeStringField("id", from.id);
      json.writeEndObject();
    }

    @Override
    public WireFormat<MutableBadge> wire() {
      return new WireFormat<>() {
        @Override
        public int size() {
          return -1;
        }

        @Override
        public WireField id() {
          return null;
        }

        @Override
        public List<WireField> fields() {
          return List.of();
        }

        @Override
        public void write(Bytes<?> out, MutableBadge from) {
          writeFrom(out, from);
        }
      };
    }
  }

  final ChronicleStore<String, Badge, MutableBadge> store =
      new ChronicleStore<>("Badges", String.class, Badge.class, MutableBadge.class, new BadgeCodec(), 100, Badge::id);

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void entriesOfDifferentSizesRoundTrip() {
    store.batchUpdate(List.of(new Badge("a", "First blood", 1), new Badge("b", "A much, much longer title than the first", 3)));

    assertThat(store.get("a")).isEqualTo(new Badge("a", "First blood", 1));
    assertThat(store.get("b").title()).isEqualTo("A much, much longer title than the first");
    assertThat(store.count()).isEqualTo(2);
  }

  @Test
  void inPlaceUpdatesMayChangeAnEntrysSize() {
    store.put(new Badge("a", "x", 1));

    store.update("a", badge -> badge.title = "a title many times longer than before");
    store.updateEach(badge -> badge.level++);

    assertThat(store.get("a")).isEqualTo(new Badge("a", "a title many times longer than before", 2));
  }

  @Test
  void removeAndFindAgreeWithTheMap() {
    store.put(new Badge("a", "x", 1));
    store.put(new Badge("b", "y", 2));

    assertThat(store.remove("a")).isTrue();
    assertThat(store.find("a")).isEmpty();
    assertThat(store.all()).containsExactly(new Badge("b", "y", 2));
  }
}
