package io.carotene.runtime.record;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  static final byte ATTEMPT = 'A';
  static final byte DISPOSED = 'D';
  static final byte REFUSED = 'R';
  static final byte STOPPED = 'E';

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
        .writeInt(start.stateEveryTicks())
        .writeBoolean(start.room() != null);
    if (start.room() != null) {
      out.writeUtf8(start.room().type())
          .writeUtf8(start.room().id())
          .writeUtf8(start.room().options())
          .writeUtf8(start.room().holds());
    }
    JournalEvent.WorldState state = start.state();
    out.writeBoolean(state.created()).writeLong(state.checksum()).writeStopBit(state.services().length);
    for (long number : state.services()) {
      out.writeLong(number);
    }
    out.writeStopBit(state.seated().size());
    state.seated().forEach(out::writeUtf8);
    out.writeBoolean(state.locked()).writeStopBit(state.stores().length).write(state.stores());
  }

  private static JournalEvent.WorldState readState(Bytes<?> in) {
    boolean created = in.readBoolean();
    long checksum = in.readLong();
    long[] services = new long[Math.toIntExact(in.readStopBit())];
    for (int i = 0; i < services.length; i++) {
      services[i] = in.readLong();
    }
    int seats = Math.toIntExact(in.readStopBit());
    List<String> seated = new ArrayList<>(seats);
    for (int i = 0; i < seats; i++) {
      seated.add(in.readUtf8());
    }
    boolean locked = in.readBoolean();
    byte[] stores = new byte[Math.toIntExact(in.readStopBit())];
    in.read(stores);
    return new JournalEvent.WorldState(created, checksum, services, List.copyOf(seated), locked, stores);
  }

  static JournalEvent read(Bytes<?> in) {
    byte type = in.readByte();
    return switch (type) {
      case START -> readStart(in);
      case CALL -> new JournalEvent.Call(
          in.readLong(), in.readUtf8(), in.readUtf8(), in.readLong(), in.readUtf8(), in.readUtf8(),
          RecordingReader.remaining(in));
      case PUT -> new JournalEvent.Put(in.readLong(), in.readUtf8(), RecordingReader.remaining(in));
      case ROUTE -> new JournalEvent.Route(
          in.readLong(), in.readUtf8(), in.readUtf8(), in.readUtf8(), in.readUtf8(), in.readUtf8(),
          in.readUtf8());
      case SEAT -> new JournalEvent.Seat(in.readLong(), in.readUtf8(), in.readBoolean(), in.readUtf8());
      case TICK_END -> readTickEnd(in);
      case ATTEMPT -> new JournalEvent.Attempt(in.readLong(), in.readUtf8(), in.readUtf8(), in.readUtf8());
      case DISPOSED -> new JournalEvent.Disposed(in.readLong());
      case REFUSED -> new JournalEvent.Refused(
          in.readLong(), in.readUtf8(), in.readUtf8(), in.readUtf8(), in.readUtf8(), in.readStopBit());
      case STOPPED -> new JournalEvent.Stopped(in.readLong());
      default -> throw new IllegalStateException("Corrupt journal: no event has type " + type);
    };
  }

  /** Format 1 (before rooms recorded) ends after {@code stateEveryTicks}; format 2 after the room. */
  private static JournalEvent.Start readStart(Bytes<?> in) {
    int version = in.readInt();
    String domain = in.readUtf8();
    String buildId = in.readUtf8();
    long seed = in.readLong();
    long capacity = in.readLong();
    long startNanos = in.readLong();
    long epochMillis = in.readLong();
    int checksumEvery = in.readInt();
    int stateEvery = in.readInt();
    JournalEvent.RoomStart room = null;
    if (version >= 2 && in.readBoolean()) {
      room = new JournalEvent.RoomStart(in.readUtf8(), in.readUtf8(), in.readUtf8(), in.readUtf8());
    }
    JournalEvent.WorldState state = version >= 3 ? readState(in) : null;
    return new JournalEvent.Start(
        version, domain, buildId, seed, capacity, startNanos, epochMillis, checksumEvery, stateEvery, room, state);
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
