package io.carotene.example.arena;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.example.arena.Arena.Player;
import io.carotene.runtime.internal.FlyweightMarshaller;
import io.carotene.runtime.internal.JsonArgs;
import java.io.IOException;
import java.util.UUID;
import javax.annotation.processing.Generated;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Encodes {@link Player}: 45 bytes off-heap (id, position, velocity, isGrounded, health in
 * declaration order), and JSON on the wire.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class PlayerCodec extends FlyweightMarshaller<MutablePlayer> {
  /** The encoded size in bytes. */
  public static final int SIZE = 45;

  /** The codec; it is stateless. */
  public static final PlayerCodec INSTANCE = new PlayerCodec();

  private PlayerCodec() {}

  public static void decode(Bytes<?> in, MutablePlayer into) {
    into.idMostSigBits = in.readLong();
    into.idLeastSigBits = in.readLong();
    Vector3Codec.decode(in, into.position);
    Vector3Codec.decode(in, into.velocity);
    into.isGrounded = in.readBoolean();
    into.health = in.readInt();
  }

  public static void encode(Bytes<?> out, MutablePlayer from) {
    out.writeLong(from.idMostSigBits);
    out.writeLong(from.idLeastSigBits);
    Vector3Codec.encode(out, from.position);
    Vector3Codec.encode(out, from.velocity);
    out.writeBoolean(from.isGrounded);
    out.writeInt(from.health);
  }

  public static Player fromJson(JsonNode node, String path) {
    JsonArgs.object(node, path);
    UUID id = JsonArgs.toUuid(JsonArgs.member(node, "id", path + ".id"), path + ".id");
    Arena.Vector3 position = Vector3Codec.fromJson(JsonArgs.member(node, "position", path + ".position"), path + ".position");
    Arena.Vector3 velocity = Vector3Codec.fromJson(JsonArgs.member(node, "velocity", path + ".velocity"), path + ".velocity");
    boolean isGrounded = JsonArgs.toBoolean(JsonArgs.member(node, "isGrounded", path + ".isGrounded"), path + ".isGrounded");
    int health = JsonArgs.toInt(JsonArgs.member(node, "health", path + ".health"), path + ".health");
    return new Player(id, position, velocity, isGrounded, health);
  }

  public static void toJson(JsonGenerator json, MutablePlayer from) throws IOException {
    json.writeStartObject();
    json.writeFieldName("id");
    json.writeString(from.id().toString());
    json.writeFieldName("position");
    Vector3Codec.toJson(json, from.position);
    json.writeFieldName("velocity");
    Vector3Codec.toJson(json, from.velocity);
    json.writeBooleanField("isGrounded", from.isGrounded);
    json.writeNumberField("health", from.health);
    json.writeEndObject();
  }

  @Override
  public MutablePlayer newFlyweight() {
    return new MutablePlayer();
  }

  @Override
  public int fixedSize() {
    return SIZE;
  }

  @Override
  public int averageSize() {
    return SIZE;
  }

  @Override
  public void readInto(Bytes<?> in, MutablePlayer into) {
    decode(in, into);
  }

  @Override
  public void writeFrom(Bytes<?> out, MutablePlayer from) {
    encode(out, from);
  }

  @Override
  public void writeJson(JsonGenerator json, MutablePlayer from) throws IOException {
    toJson(json, from);
  }
}
