package io.carotene.runtime.room;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.carotene.runtime.wire.Json;
import java.util.Map;

/** The JSON of {@code GET /rooms}: the open rooms, and the persistent rooms kept but not open. */
final class RoomListing {
  private RoomListing() {}

  /**
   * {@code rooms}: id, type, clients, maxClients, locked, persistent, metadata of every open room
   * ({@code type}'s only, unless null); {@code stored}: id and type of every persistent room kept
   * in the data directory and not open (joinOrCreate with its roomId opens it).
   */
  static ObjectNode describe(RoomManager manager, String type) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode list = body.putArray("rooms");
    for (ServerRoom room : manager.rooms()) {
      if (type != null && !type.equals(room.type())) {
        continue;
      }
      ObjectNode entry = list.addObject()
          .put("id", room.id())
          .put("type", room.type())
          .put("clients", room.clients())
          .put("maxClients", room.maxClients())
          .put("locked", room.locked())
          .put("persistent", manager.named().persistent(room.type()));
      entry.set("metadata", Json.MAPPER.valueToTree(Map.copyOf(room.metadata())));
    }
    ArrayNode stored = body.putArray("stored");
    for (String[] kept : manager.named().storedNotOpen(type)) {
      stored.addObject().put("id", kept[1]).put("type", kept[0]);
    }
    return body;
  }
}
