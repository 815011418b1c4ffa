package io.carotene.runtime.internal;

import io.carotene.runtime.store.Flyweight;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

/**
 * Entries as the values of a Chronicle Map: any size, so models with text fields fit. Every pass
 * goes through Chronicle's per-entry machinery (segment locks, contexts), which costs about
 * 200 ns an entry; fixed-size models use the faster {@link SlabEntries}.
 *
 * <p>Persisted, the map is a Chronicle Map file, and every change first appends to the store's
 * {@link UndoLog}: the entry's old bytes ({@link #WAS_PRESENT}), or for an insert the new bytes,
 * whose id says what to remove ({@link #WAS_ABSENT}). Rolled back newest first, the records give
 * back the map as the epoch found it.
 */
final class MapValueEntries<K, F> implements Entries<K, F> {
  static final long WAS_ABSENT = 0;
  static final long WAS_PRESENT = 1;

  private final ChronicleMap<K, F> map;
  private final FlyweightMarshaller<?> codec;
  private final UndoLog undo;
  private final F preImage;
  private final Bytes<?> encoded;

  MapValueEntries(ChronicleMap<K, F> map) {
    this(map, null, null, null);
  }

  /** Persisted: logs every change's pre-image to {@code undo} first. */
  MapValueEntries(ChronicleMap<K, F> map, FlyweightMarshaller<?> codec, UndoLog undo, F preImage) {
    this.map = map;
    this.codec = codec;
    this.undo = undo;
    this.preImage = preImage;
    this.encoded = undo == null ? null : Bytes.allocateElasticDirect(256);
    if (encoded != null) {
      encoded.singleThreadedCheckDisabled(true);
    }
  }

  /** Persisted: appends {@code value}'s bytes under {@code tag}, opening the epoch if needed. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void log(long tag, F value) {
    undo.begin(0); // a map needs no starting count: its records say it all
    encoded.clear();
    ((FlyweightMarshaller) codec).writeFrom(encoded, (Flyweight<?>) value);
    int length = (int) encoded.writePosition();
    undo.append(tag, encoded.addressForRead(0), length);
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public boolean containsKey(K id) {
    return map.containsKey(id);
  }

  @Override
  public boolean read(K id, F into) {
    return map.getUsing(id, into) != null;
  }

  @Override
  public void write(K id, F from) {
    if (undo != null) {
      if (map.getUsing(id, preImage) != null) {
        log(WAS_PRESENT, preImage);
      } else {
        log(WAS_ABSENT, from);
      }
    }
    map.put(id, from);
  }

  @Override
  public boolean remove(K id) {
    if (undo != null) {
      if (map.getUsing(id, preImage) == null) {
        return false;
      }
      log(WAS_PRESENT, preImage);
    }
    return map.remove(id) != null;
  }

  @Override
  public void clear() {
    if (undo != null) {
      map.forEachEntry(entry -> log(WAS_PRESENT, entry.value().getUsing(preImage)));
    }
    map.clear();
  }

  @Override
  public boolean update(K id, F cursor, Consumer<? super F> action) {
    try (ExternalMapQueryContext<K, F, ?> context = map.queryContext(id)) {
      context.updateLock().lock();
      MapEntry<K, F> entry = context.entry();
      if (entry == null) {
        return false;
      }
      F flyweight = entry.value().getUsing(cursor);
      if (undo != null) {
        log(WAS_PRESENT, flyweight);
      }
      action.accept(flyweight);
      entry.doReplaceValue(context.wrapValueAsData(flyweight));
      return true;
    }
  }

  @Override
  public void forEach(F cursor, Consumer<? super F> action, boolean writeBack) {
    map.forEachEntry(
        entry -> {
          F flyweight = entry.value().getUsing(cursor);
          if (writeBack && undo != null) {
            log(WAS_PRESENT, flyweight);
          }
          action.accept(flyweight);
          if (writeBack) {
            entry.doReplaceValue(entry.context().wrapValueAsData(flyweight));
          }
        });
  }

  @Override
  public void close() {
    map.close();
    if (undo != null) {
      undo.close();
      encoded.releaseLast();
    }
  }
}
