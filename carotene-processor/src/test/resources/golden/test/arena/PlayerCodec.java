package test.arena;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.internal.FlyweightMarshaller;
import io.carotene.runtime.internal.JsonArgs;
import io.carotene.runtime.internal.WireJson;
import java.io.IOException;
import javax.annotation.processing.Generated;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Encodes {@link Arena.Player}: 45 bytes off-heap (id, position, velocity, isGrounded, health, in declaration order), and JSON on the wire.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class PlayerCodec extends FlyweightMarshaller<MutablePlayer> {
  /**
   * The encoded size in bytes.
   */
  public static final int SIZE = 45;

  /**
   * The codec; it is stateless.
   */
  public static final PlayerCodec INSTANCE = new PlayerCodec();

  private PlayerCodec() {
  }

  /**
   * Reads one encoded {@link Arena.Player} into {@code into}.
   */
  public static void decode(Bytes<?> in, MutablePlayer into) {
    into.idMostSigBits = in.readLong();
    into.idLeastSigBits = in.readLong();
    Vector3Codec.decode(in, into.position);
    Vector3Codec.decode(in, into.velocity);
    into.isGrounded = in.readBoolean();
    into.health = in.readInt();
  }

  /**
   * Writes {@code from}'s fields, in declaration order.
   */
  public static void encode(Bytes<?> out, MutablePlayer from) {
    out.writeLong(from.idMostSigBits);
    out.writeLong(from.idLeastSigBits);
    Vector3Codec.encode(out, from.position);
    Vector3Codec.encode(out, from.velocity);
    out.writeByte(from.isGrounded ? (byte) 1 : (byte) 0);
    out.writeInt(from.health);
  }

  /**
   * Reads a {@link Arena.Player} from a JSON object; errors name the member by its path below {@code path}.
   */
  public static Arena.Player fromJson(JsonNode node, String path) {
    JsonArgs.object(node, path);
    return new Arena.Player(
        JsonArgs.toUuid(JsonArgs.member(node, "id", path + ".id"), path + ".id"),
        Vector3Codec.fromJson(JsonArgs.member(node, "position", path + ".position"), path + ".position"),
        Vector3Codec.fromJson(JsonArgs.member(node, "velocity", path + ".velocity"), path + ".velocity"),
        JsonArgs.toBoolean(JsonArgs.member(node, "isGrounded", path + ".isGrounded"), path + ".isGrounded"),
        JsonArgs.toInt(JsonArgs.member(node, "health", path + ".health"), path + ".health"));
  }

  /**
   * Writes {@code from} as a JSON object, members named as the record's components; UUIDs and
   * floating-point numbers without allocating.
   */
  public static void toJson(JsonGenerator json, MutablePlayer from) throws IOException {
    json.writeStartObject();
    json.writeFieldName("id");
    WireJson.writeUuid(json, from.idMostSigBits, from.idLeastSigBits);
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

  @Override
  public PlayerWire wire() {
    return PlayerWire.INSTANCE;
  }
}
