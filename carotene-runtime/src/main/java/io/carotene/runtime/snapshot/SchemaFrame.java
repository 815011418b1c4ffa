package io.carotene.runtime.snapshot;

import io.carotene.runtime.internal.BinaryOperation;
import io.carotene.runtime.internal.WireField;
import io.carotene.runtime.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The schema frame a binary client receives first (PROTOCOL.md, section 5): written once per server. */
final class SchemaFrame {
  private SchemaFrame() {}

  static String of(StoreTracker[] trackers, List<BinaryOperation> binaryOperations, int snapshotEvery) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "schema");
    schema.put("format", SnapshotFormat.BINARY.subprotocol());
    schema.put("history", StoreTracker.HISTORY);
    schema.put("snapshotEvery", snapshotEvery);
    List<Object> stores = new ArrayList<>();
    for (StoreTracker tracker : trackers) {
      StoreLayout layout = tracker.layout();
      Map<String, Object> store = new LinkedHashMap<>();
      store.put("name", layout.name());
      store.put("index", layout.index());
      store.put("mode", layout.mode() == StoreLayout.Mode.DELTA ? "delta" : "full");
      store.put("entitySize", layout.entitySize());
      store.put("idOffset", layout.idOffset());
      store.put("idSize", layout.idSize());
      List<Object> fields = new ArrayList<>();
      int bit = 0;
      for (WireField field : layout.fields()) {
        Map<String, Object> described = field.schema();
        if (layout.mode() == StoreLayout.Mode.DELTA && field.offset() != layout.idOffset()) {
          described.put("bit", bit++); // its bit in an update's field mask
        }
        fields.add(described);
      }
      store.put("fields", fields);
      stores.add(store);
    }
    schema.put("stores", stores);
    List<Object> operations = new ArrayList<>();
    for (int i = 0; i < binaryOperations.size(); i++) {
      operations.add(binaryOperations.get(i).schema(i));
    }
    schema.put("operations", operations);
    try {
      return Json.MAPPER.writeValueAsString(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
