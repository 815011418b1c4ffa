package io.carotene.runtime.internal;

import java.util.function.Consumer;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

/**
 * Entries as the values of a Chronicle Map: any size, so models with text fields fit. Every pass
 * goes through Chronicle's per-entry machinery (segment locks, contexts), which costs about
 * 200 ns an entry; fixed-size models use the faster {@link SlabEntries}.
 */
final class MapValueEntries<K, F> implements Entries<K, F> {
  private final ChronicleMap<K, F> map;

  MapValueEntries(ChronicleMap<K, F> map) {
    this.map = map;
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
    map.put(id, from);
  }

  @Override
  public boolean remove(K id) {
    return map.remove(id) != null;
  }

  @Override
  public void clear() {
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
          action.accept(flyweight);
          if (writeBack) {
            entry.doReplaceValue(entry.context().wrapValueAsData(flyweight));
          }
        });
  }

  @Override
  public void close() {
    map.close();
  }
}
