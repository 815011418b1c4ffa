package io.carotene.runtime.internal;

import java.util.UUID;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.BytesReader;
import net.openhft.chronicle.hash.serialization.BytesWriter;

/** Stores a {@link UUID} key as its two longs: 16 bytes, constant size. */
public final class UuidMarshaller implements BytesReader<UUID>, BytesWriter<UUID> {
  public static final UuidMarshaller INSTANCE = new UuidMarshaller();

  private UuidMarshaller() {}

  @Override
  public UUID read(Bytes<?> in, UUID using) {
    return new UUID(in.readLong(), in.readLong());
  }

  @Override
  public void write(Bytes<?> out, UUID id) {
    out.writeLong(id.getMostSignificantBits());
    out.writeLong(id.getLeastSignificantBits());
  }
}
