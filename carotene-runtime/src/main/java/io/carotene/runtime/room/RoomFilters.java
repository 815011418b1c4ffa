package io.carotene.runtime.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.wire.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * joinOrCreate's filters: every field must equal the room's metadata entry of that name, or, when
 * the game set none, the room's creation option of that name ({@code {"mode":"duel"}}).
 */
final class RoomFilters {
  private RoomFilters() {}

  static boolean matches(ServerRoom room, JsonNode filters) {
    if (filters == null || !filters.isObject()) {
      return true;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = filters.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> filter = fields.next();
      Object meta = room.metadata().get(filter.getKey());
      JsonNode actual = meta != null ? Json.MAPPER.valueToTree(meta) : room.options().get(filter.getKey());
      if (actual == null || !actual.equals(filter.getValue())) {
        return false;
      }
    }
    return true;
  }
}
