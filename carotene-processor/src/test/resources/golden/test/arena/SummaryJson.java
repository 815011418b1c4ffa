package test.arena;

import com.fasterxml.jackson.core.JsonGenerator;
import io.carotene.runtime.internal.WireJson;
import java.io.IOException;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Writes {@link ArenaHttp.Summary} as JSON (ids, load, mood, grid),
 * for the replies and HTTP responses that return it.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class SummaryJson {
  private SummaryJson() {
  }

  /**
   * Writes {@code value} as a JSON object whose members are its components, in declaration
   * order; a null value as {@code null}.
   */
  public static void toJson(JsonGenerator json, ArenaHttp.Summary value) throws IOException {
    if (value == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    json.writeFieldName("ids");
    if (value.ids() == null) {
      json.writeNull();
    } else {
      json.writeStartArray();
      for (String element : value.ids()) {
        json.writeString(element);
      }
      json.writeEndArray();
    }
    json.writeFieldName("load");
    if (value.load() == null) {
      json.writeNull();
    } else {
      WireJson.writeFloat(json, value.load());
    }
    json.writeFieldName("mood");
    if (value.mood() == null) {
      json.writeNull();
    } else {
      json.writeString(value.mood().name());
    }
    json.writeFieldName("grid");
    if (value.grid() == null) {
      json.writeNull();
    } else {
      json.writeStartArray();
      for (List<Integer> element : value.grid()) {
        if (element == null) {
          json.writeNull();
        } else {
          json.writeStartArray();
          for (Integer element2 : element) {
            if (element2 == null) {
              json.writeNull();
            } else {
              json.writeNumber(element2);
            }
          }
          json.writeEndArray();
        }
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }
}
