package test.arena;

import io.carotene.runtime.internal.Quantization;
import io.carotene.runtime.internal.WireField;
import io.carotene.runtime.internal.WireFormat;
import java.util.List;
import javax.annotation.processing.Generated;
import net.openhft.chronicle.bytes.Bytes;

/**
 * How {@link Arena.Player} travels in binary snapshots (PROTOCOL.md, section 5.2): its fields
 * in declaration order, nested records flattened, little-endian, no padding; 39 bytes.
 *
 * <p>As {@code @Quantized} steps:
 * position.x, position.y, position.z.
 * Everything else as {@link PlayerCodec} encodes it.
 * The schema frame lists {@link #FIELDS}.
 */
@Generated("io.carotene.processor.CaroteneProcessor")
public final class PlayerWire implements WireFormat<MutablePlayer> {
  /**
   * The bytes of one entry.
   */
  public static final int SIZE = 39;

  /**
   * The {@code @Id}: where a client finds an entry's key.
   */
  public static final WireField ID = WireField.raw("id", "uuid", 0, 16);

  /**
   * Every field, in wire order, as the schema frame lists them.
   */
  public static final List<WireField> FIELDS = List.of(
      ID,
      WireField.quantized("position.x", "uq16", 16, 2, -1000.0, 1000.0, 0.03125),
      WireField.quantized("position.y", "uq16", 18, 2, -1000.0, 1000.0, 0.03125),
      WireField.quantized("position.z", "uq16", 20, 2, -1000.0, 1000.0, 0.03125),
      WireField.raw("velocity.x", "f32", 22, 4),
      WireField.raw("velocity.y", "f32", 26, 4),
      WireField.raw("velocity.z", "f32", 30, 4),
      WireField.raw("isGrounded", "bool", 34, 1),
      WireField.raw("health", "i32", 35, 4));

  /**
   * The wire format; it is stateless.
   */
  public static final PlayerWire INSTANCE = new PlayerWire();

  private PlayerWire() {
  }

  /**
   * Writes {@code from}'s wire bytes. A quantized value out of its range is sent as the nearer end,
   * and NaN as the minimum ({@link Quantization#step}).
   */
  public static void encode(Bytes<?> out, MutablePlayer from) {
    out.writeLong(from.idMostSigBits);
    out.writeLong(from.idLeastSigBits);
    out.writeUnsignedShort((int) Quantization.step(from.position.x, -1000.0, 0.03125, 64000L));
    out.writeUnsignedShort((int) Quantization.step(from.position.y, -1000.0, 0.03125, 64000L));
    out.writeUnsignedShort((int) Quantization.step(from.position.z, -1000.0, 0.03125, 64000L));
    Vector3Codec.encode(out, from.velocity);
    out.writeByte(from.isGrounded ? (byte) 1 : (byte) 0);
    out.writeInt(from.health);
  }

  @Override
  public int size() {
    return SIZE;
  }

  @Override
  public WireField id() {
    return ID;
  }

  @Override
  public List<WireField> fields() {
    return FIELDS;
  }

  @Override
  public void write(Bytes<?> out, MutablePlayer from) {
    encode(out, from);
  }
}
