package io.carotene.runtime.record;

import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * The journal's layout, in one place: each Chronicle Queue document is one event, a type byte and
 * then its fields in the order below (strings as UTF-8 behind a stop-bit length, byte arrays behind
 * a stop-bit length). Not API.
 */
final class Journal {
  static final byte START = 'S';
  static final byte CALL = 'C';
  static final byte PUT = 'P';
  static final byte SEAT = 'J';
  static final byte ROUTE = 'H';
  static final byte TICK_END = 'T';

  private Journal() {}

  /** Opens the queue of a recording; {@code time} drives its roll cycles (null to read). */
  static SingleChronicleQueue open(Path directory, RollCycle rollCycle, TimeProvider time, boolean readOnly) {
    SingleChronicleQueueBuilder builder =
        SingleChronicleQueueBuilder.single(directory.toFile())
            .rollCycle(rollCycle == null ? RollCycles.FAST_HOURLY : rollCycle)
            .readOnly(readOnly);
    if (time != null) {
      builder.timeProvider(time);
    }
    return builder.build();
  }

  static SingleChronicleQueue open(Path directory, TimeProvider time, boolean readOnly) {
    return open(directory, null, time, readOnly);
  }

  static void writeStart(Bytes<?> out, JournalEvent.Start start) {
    out.writeByte(START)
        .writeInt(start.version())
        .writeUtf8(start.domain())
        .writeUtf8(start.buildId())
        .writeLong(start.seed())
        .writeLong(start.capacityOverride())
        .writeLong(start.startNanos())
        .writeLong(start.startEpochMillis())
        .writeInt(start.checksumEveryTicks())
        .writeInt(start.stateEveryTicks());
  }

  static JournalEvent read(Bytes<?> in) {
    byte type = in.readByte();
    return switch (type) {
      case START -> new JournalEvent.Start(
          in.readInt(), in.readUtf8(), in.readUtf8(), in.readLong(), in.readLong(), in.readLong(),
          in.readLong(), in.readInt(), in.readInt());
      case CALL -> new JournalEvent.Call(
          in.readLong(), in.readUtf8(), in.readUtf8(), in.readLong(), in.readUtf8(), in.readUtf8(),
          RecordingReader.remaining(in));
      case PUT -> new JournalEvent.Put(in.readLong(), in.readUtf8(), RecordingReader.remaining(in));
      case ROUTE -> new JournalEvent.Route(
          in.readLong(), in.readUtf8(), in.readUtf8(), in.readUtf8(), in.readUtf8(), in.readUtf8(),
          in.readUtf8());
      case SEAT -> new JournalEvent.Seat(in.readLong(), in.readUtf8(), in.readBoolean(), in.readUtf8());
      case TICK_END -> readTickEnd(in);
      default -> throw new IllegalStateException("Corrupt journal: no event has type " + type);
    };
  }

  private static JournalEvent.TickEnd readTickEnd(Bytes<?> in) {
    long ordinal = in.readLong();
    String loop = in.readUtf8();
    long number = in.readLong();
    long scheduled = in.readLong();
    long late = in.readLong();
    boolean checked = in.readBoolean();
    long checksum = in.readLong();
    boolean hasState = in.readBoolean();
    byte[] state = hasState ? RecordingReader.remaining(in) : null;
    return new JournalEvent.TickEnd(ordinal, loop, number, scheduled, late, checked, checksum, state);
  }
}
