package io.carotene.test;

import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.test.ReplayDivergence.EntityDifference;
import io.carotene.test.ReplayDivergence.FieldDifference;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compares a recorded state with the replayed stores, entity by entity and field by field. */
final class StateDiff {
  private StateDiff() {}

  static List<EntityDifference> compare(List<ChronicleStore<?, ?, ?>> stores, List<List<Record>> recorded) {
    List<EntityDifference> differences = new ArrayList<>();
    for (int i = 0; i < stores.size(); i++) {
      ChronicleStore<?, ?, ?> store = stores.get(i);
      Map<Object, Record> replayed = new LinkedHashMap<>();
      for (Record model : store.all()) {
        replayed.put(store.idOfRecord(model), model);
      }
      for (Record then : recorded.get(i)) {
        Object id = store.idOfRecord(then);
        Record now = replayed.remove(id);
        if (now == null) {
          differences.add(new EntityDifference(store.name(), id,
              List.of(new FieldDifference("<entity>", then, "missing"))));
        } else if (!then.equals(now)) {
          List<FieldDifference> fields = new ArrayList<>();
          fields(then, now, "", fields);
          differences.add(new EntityDifference(store.name(), id, fields));
        }
      }
      for (Map.Entry<Object, Record> extra : replayed.entrySet()) {
        differences.add(new EntityDifference(store.name(), extra.getKey(),
            List.of(new FieldDifference("<entity>", "missing", extra.getValue()))));
      }
    }
    return differences;
  }

  private static void fields(Record then, Record now, String prefix, List<FieldDifference> into) {
    for (RecordComponent component : then.getClass().getRecordComponents()) {
      Object a = read(then, component);
      Object b = read(now, component);
      String name = prefix + component.getName();
      if (a instanceof Record ra && b instanceof Record rb && ra.getClass() == rb.getClass()) {
        fields(ra, rb, name + ".", into);
      } else if (!Objects.equals(a, b)) {
        into.add(new FieldDifference(name, a, b));
      }
    }
  }

  private static Object read(Record record, RecordComponent component) {
    try {
      var accessor = component.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read " + component + ": " + e, e);
    }
  }
}
