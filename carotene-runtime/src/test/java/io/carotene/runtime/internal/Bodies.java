package io.carotene.runtime.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.carotene.runtime.store.Flyweight;
import java.nio.file.Path;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;

/**
 * A fixed-size model for the persistence tests, its flyweight and codec written by hand in the
 * shape the processor generates. {@code check} is a hash of the other fields: an entry whose check
 * does not match them is torn.
 */
final class Bodies {
  private Bodies() {}

  record Body(long id, int x, int y, long check) {
    static Body of(long id, int x, int y) {
      return new Body(id, x, y, checkOf(id, x, y));
    }
  }

  static long checkOf(long id, int x, int y) {
    long h = id * 0x9E3779B97F4A7C15L + x;
    h = (h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L + y;
    return h ^ (h >>> 32);
  }

  static final List<String> LAYOUT = List.of("id long", "x int", "y int", "check long");

  static class MutableBody implements Flyweight<Body> {
    long id;
    int x;
    int y;
    long check;

    @Override
    public void set(Body model) {
      id = model.id();
      x = model.x();
      y = model.y();
      check = model.check();
    }

    @Override
    public Body toRecord() {
      return new Body(id, x, y, check);
    }

    void move(int dx, int dy) {
      x += dx;
      y += dy;
      check = checkOf(id, x, y);
    }
  }

  static final class BodyCodec extends FlyweightMarshaller<MutableBody> {
    /** With a trailing {@code int score}, for the migration test. */
    final boolean withScore;

    BodyCodec(boolean withScore) {
      this.withScore = withScore;
    }

    @Override
    public MutableBody newFlyweight() {
      return withScore ? new ScoredBody() : new MutableBody();
    }

    @Override
    public int fixedSize() {
      return withScore ? 28 : 24;
    }

    @Override
    public int averageSize() {
      return fixedSize();
    }

    @Override
    public void readInto(Bytes<?> in, MutableBody into) {
      into.id = in.readLong();
      into.x = in.readInt();
      into.y = in.readInt();
      into.check = in.readLong();
      if (withScore) {
        ((ScoredBody) into).score = in.readInt();
      }
    }

    @Override
    public void writeFrom(Bytes<?> out, MutableBody from) {
      out.writeLong(from.id);
      out.writeInt(from.x);
      out.writeInt(from.y);
      out.writeLong(from.check);
      if (withScore) {
        out.writeInt(((ScoredBody) from).score);
      }
    }

    @Override
    public void writeJson(JsonGenerator json, MutableBody from) {
      throw new UnsupportedOperationException();
    }

    @Override
    public WireFormat<MutableBody> wire() {
      throw new UnsupportedOperationException();
    }
  }

  static final class ScoredBody extends MutableBody {
    int score;
  }

  static ChronicleStore<Long, Body, MutableBody> persisted(StoreOptions options, long capacity) {
    return new ChronicleStore<>(
        "Bodies", Long.class, Body.class, MutableBody.class, new BodyCodec(false), capacity,
        Body::id, options, LAYOUT);
  }

  static StoreOptions world(Path directory) {
    return StoreOptions.defaults().persistedIn(directory, false).forWorld();
  }
}
