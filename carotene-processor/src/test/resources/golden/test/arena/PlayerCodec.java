package test.arena;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.internal.BadArgumentException;
import io.carotene.runtime.internal.FlyweightMarshaller;
import io.carotene.runtime.internal.JsonArgs;
import io.carotene.runtime.internal.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
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
   * Reads a {@link Arena.Player} from the JSON object {@code json} is on, members in any order (an
   * unknown one skipped, a repeated one's last value kept), leaving it on the object's
   * end; errors name the member by its path below {@code path}.
   */
  public static Arena.Player fromJson(JsonParser json, String path) throws IOException {
    JsonArgs.object(json, path);
    UUID id = null;
    boolean idSet = false;
    BadArgumentException idError = null;
    Arena.Vector3 position = null;
    boolean positionSet = false;
    BadArgumentException positionError = null;
    Arena.Vector3 velocity = null;
    boolean velocitySet = false;
    BadArgumentException velocityError = null;
    boolean isGrounded = false;
    boolean isGroundedSet = false;
    BadArgumentException isGroundedError = null;
    int health = 0;
    boolean healthSet = false;
    BadArgumentException healthError = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String member = json.currentName();
      JsonToken token = json.nextToken();
      switch (member) {
        case "id":
          idSet = false;
          idError = null;
          if (token != JsonToken.VALUE_NULL) {
            try {
              id = JsonArgs.toUuid(json, path, "id");
              idSet = true;
            } catch (BadArgumentException e) {
              idError = e;
              json.skipChildren();
            }
          }
          break;
        case "position":
          positionSet = false;
          positionError = null;
          if (token != JsonToken.VALUE_NULL) {
            try {
              position = Vector3Codec.fromJson(json, JsonArgs.path(path, "position"));
              positionSet = true;
            } catch (BadArgumentException e) {
              positionError = e;
              json.skipChildren();
            }
          }
          break;
        case "velocity":
          velocitySet = false;
          velocityError = null;
          if (token != JsonToken.VALUE_NULL) {
            try {
              velocity = Vector3Codec.fromJson(json, JsonArgs.path(path, "velocity"));
              velocitySet = true;
            } catch (BadArgumentException e) {
              velocityError = e;
              json.skipChildren();
            }
          }
          break;
        case "isGrounded":
          isGroundedSet = false;
          isGroundedError = null;
          if (token != JsonToken.VALUE_NULL) {
            try {
              isGrounded = JsonArgs.toBoolean(json, path, "isGrounded");
              isGroundedSet = true;
            } catch (BadArgumentException e) {
              isGroundedError = e;
              json.skipChildren();
            }
          }
          break;
        case "health":
          healthSet = false;
          healthError = null;
          if (token != JsonToken.VALUE_NULL) {
            try {
              health = JsonArgs.toInt(json, path, "health");
              healthSet = true;
            } catch (BadArgumentException e) {
              healthError = e;
              json.skipChildren();
            }
          }
          break;
        default:
          json.skipChildren();
      }
    }
    if (idError != null) {
      throw idError;
    }
    if (!idSet) {
      throw JsonArgs.missing(path, "id");
    }
    if (positionError != null) {
      throw positionError;
    }
    if (!positionSet) {
      throw JsonArgs.missing(path, "position");
    }
    if (velocityError != null) {
      throw velocityError;
    }
    if (!velocitySet) {
      throw JsonArgs.missing(path, "velocity");
    }
    if (isGroundedError != null) {
      throw isGroundedError;
    }
    if (!isGroundedSet) {
      throw JsonArgs.missing(path, "isGrounded");
    }
    if (healthError != null) {
      throw healthError;
    }
    if (!healthSet) {
      throw JsonArgs.missing(path, "health");
    }
    return new Arena.Player(id, position, velocity, isGrounded, health);
  }

  /**
   * Reads a {@link Arena.Player} from a JSON object (an HTTP route's argument), as {@link
   * #fromJson(JsonParser, String)} reads it from a parser.
   */
  public static Arena.Player fromJson(JsonNode node, String path) {
    try (JsonParser json = JsonArgs.traverse(node)) {
      return fromJson(json, path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
