package io.carotene.example.arena;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.runtime.internal.JsonArgs;
import java.io.IOException;
import javax.annotation.processing.Generated;
import net.openhft.chronicle.bytes.Bytes;

/** Encodes {@link Vector3}: 12 bytes off-heap (x, y, z as floats), and JSON on the wire. */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class Vector3Codec {
  /** The encoded size in bytes. */
  public static final int SIZE = 12;

  private Vector3Codec() {}

  public static void decode(Bytes<?> in, MutableVector3 into) {
    into.x = in.readFloat();
    into.y = in.readFloat();
    into.z = in.readFloat();
  }

  public static void encode(Bytes<?> out, MutableVector3 from) {
    out.writeFloat(from.x);
    out.writeFloat(from.y);
    out.writeFloat(from.z);
  }

  public static Vector3 fromJson(JsonNode node, String path) {
    JsonArgs.object(node, path);
    float x = JsonArgs.toFloat(JsonArgs.member(node, "x", path + ".x"), path + ".x");
    float y = JsonArgs.toFloat(JsonArgs.member(node, "y", path + ".y"), path + ".y");
    float z = JsonArgs.toFloat(JsonArgs.member(node, "z", path + ".z"), path + ".z");
    return new Vector3(x, y, z);
  }

  public static void toJson(JsonGenerator json, MutableVector3 from) throws IOException {
    json.writeStartObject();
    json.writeNumberField("x", from.x);
    json.writeNumberField("y", from.y);
    json.writeNumberField("z", from.z);
    json.writeEndObject();
  }
}
