package io.carotene.runtime.record;

import io.carotene.runtime.CallResult;
import io.carotene.runtime.Clock;
import io.carotene.runtime.Session;
import io.carotene.runtime.Tick;
import io.carotene.runtime.internal.BoundCall;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.internal.Operation;
import io.carotene.runtime.world.DomainWorld;
import io.carotene.runtime.world.WorldRecorder;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.TimeProvider;

/**
 * Records one world into one Chronicle Queue journal: its start (with the world's state then),
 * then, in the order they happen on the world's thread, each applied call, each outside write,
 * each seat taken or left, each refusal, and each tick's end with the stores' checksum (and every
 * {@code stateEveryTicks}, their entries).
 *
 * <p>The world's thread only hands each event (its values, which are immutable) to a bounded
 * queue; one of the process's few {@link RecordingWriters writer threads} encodes it and appends
 * it to the memory-mapped journal, so serialization and the journal's page faults stay off the
 * tick. The world's thread does compute the checksums and copy the entries when a tick takes them,
 * walking the stores in place (no allocation per entity). The writer also makes the recording's
 * directory, deletes the recordings beyond retention, opens the journal and, once {@link
 * #finish()}ed, closes it: the world's thread never waits for the disk. A failure to write (a full
 * disk), or a writer that falls {@value JournalOutput#BACKLOG} events behind, stops the recording,
 * logged once; the world plays on.
 */
public final class Recorder implements WorldRecorder, AutoCloseable {
  /** The most writer threads a process has, however many worlds record: its cores, at most four. */
  public static final int MAX_WRITER_THREADS = RecordingWriters.THREADS;

  private final DomainWorld world;
  private final RecordingSettings settings;
  private final JournalOutput output;
  private final Bytes<?> stateScratch = Bytes.allocateElasticOnHeap(4096);
  private final StoreDigest digest;
  private final Clock clock;
  private final Consumer<Tick> tickListener = this::tickEnded;
  private long ordinal;

  /** How a recording finds its room: a room's recording keeps who sits and whether it is locked. */
  private record Found(JournalEvent.RoomStart room, boolean created, List<String> seated, boolean locked) {
    static final Found WORLD = new Found(null, false, List.of(), false);
  }

  private Recorder(DomainWorld world, RecordingSettings settings, Path directory, long epochMillis, Found found,
      Runnable prepare) {
    this.world = world;
    this.settings = settings;
    this.clock = world.clock();
    this.digest = new StoreDigest(world.stores());
    long startNanos = clock.nanoTime();
    TimeProvider time = () -> epochMillis + Math.floorDiv(clock.nanoTime() - startNanos, 1_000_000L);
    this.output = new JournalOutput(directory, prepare, time, settings.maxHours());
    JournalEvent.WorldState state = state(found);
    write(out -> Journal.writeStart(out, new JournalEvent.Start(
        JournalEvent.FORMAT_VERSION, world.name(), settings.buildId(), world.seed(),
        world.storeOptions().capacityOverride(), startNanos, epochMillis,
        settings.checksumEveryTicks(), settings.stateEveryTicks(), found.room(), state)));
  }

  /** The world now, on its thread: its entries, their checksum, where its random sources are. */
  private JournalEvent.WorldState state(Found found) {
    stateScratch.clear();
    digest.writeState(stateScratch);
    return new JournalEvent.WorldState(found.created(), digest.checksum(), SourcesState.of(world.services()),
        List.copyOf(found.seated()), found.locked(), stateScratch.toByteArray());
  }

  /**
   * Starts recording {@code world} into a new directory under the settings' directory, named by
   * the domain, {@code epochMillis} and the seed, after deleting the oldest recordings beyond the
   * settings' retention. Call it on the world's thread, before the world starts or between ticks
   * (the start keeps the stores as they are); it stays attached until {@link #close()}. The files
   * are made by a writer thread, not the caller's.
   */
  public static Recorder start(DomainWorld world, RecordingSettings settings, long epochMillis) {
    Path directory = Retention.recordingDirectory(settings, world.name(), epochMillis, world.seed());
    return attach(new Recorder(world, settings, directory, epochMillis, Found.WORLD,
        () -> Retention.prepareRecording(settings, world.name(), directory)));
  }

  /**
   * Starts recording the world of room {@code roomId} of type {@code roomType}, created with
   * {@code options} (JSON), into {@code <directory>/<roomType>/<roomId>/}, after deleting the least
   * recently written recordings of that type beyond the settings' retention (never a live one).
   * Call it on the room's thread before its created hook runs; it stays attached until {@link
   * #finish()} or {@link #close()}, which the room's end calls. The directory is made, the old ones
   * deleted and the journal opened by a writer thread: the room's thread, which other rooms share,
   * never waits for the disk.
   */
  public static Recorder startRoom(
      DomainWorld world, RecordingSettings settings, long epochMillis, String roomType, String roomId, String options) {
    return startRoom(world, settings, epochMillis, roomType, roomId, options, false);
  }

  /**
   * {@link #startRoom(DomainWorld, RecordingSettings, long, String, String, String)}, into {@code
   * <directory>/<roomType>/<roomId>@<UTC epochMillis>/} when {@code reopened}: a persistent type's
   * room comes back under its id at each opening, each recorded apart, each starting with the
   * stores it reopened with.
   */
  public static Recorder startRoom(DomainWorld world, RecordingSettings settings, long epochMillis, String roomType,
      String roomId, String options, boolean reopened) {
    Path directory = Retention.roomDirectory(settings, roomType, reopened ? roomId + "@" + Retention.stamp(epochMillis) : roomId);
    return attach(new Recorder(world, settings, directory, epochMillis,
        new Found(roomStart(world, roomType, roomId, options), false, List.of(), false),
        () -> Retention.prepareRoomRecording(settings, directory)));
  }

  /**
   * Starts recording a room in play (its created hook ran), from now on, into {@code
   * <directory>/<roomType>/<roomId>@<UTC epochMillis>/}: its start keeps the world as it is (every
   * entry, the random sources, the {@code seated} users whose join hook ran, whether it is {@code
   * locked}) for the replay to restore. Call it on the room's thread between two ticks, never inside
   * one or inside a call: the state must be a tick's end.
   */
  public static Recorder startRoomInPlay(DomainWorld world, RecordingSettings settings, long epochMillis,
      String roomType, String roomId, String options, List<String> seated, boolean locked) {
    Path directory = Retention.roomDirectory(settings, roomType, roomId + "@" + Retention.stamp(epochMillis));
    return attach(new Recorder(world, settings, directory, epochMillis,
        new Found(roomStart(world, roomType, roomId, options), true, seated, locked),
        () -> Retention.prepareRoomRecording(settings, directory)));
  }

  private static JournalEvent.RoomStart roomStart(DomainWorld world, String type, String id, String options) {
    return new JournalEvent.RoomStart(type, id, options, world.storeOptions().holds().name());
  }

  private static Recorder attach(Recorder recorder) {
    recorder.world.record(recorder);
    recorder.world.scheduler().afterEachTick(recorder.tickListener);
    return recorder;
  }

  /** This recording's directory: what {@code replay} and the summary read. */
  public Path directory() {
    return output.directory();
  }

  @Override
  public void called(Session session, Operation operation, BoundCall call, CallResult result, long seq, long clockNanos) {
    write(out -> {
      out.writeByte(Journal.CALL)
          .writeLong(clockNanos)
          .writeUtf8(operation.name())
          .writeUtf8(session.isAuthenticated() ? session.userId() : null)
          .writeLong(seq)
          .writeUtf8(result.isOk() ? "OK" : result.error().name())
          .writeUtf8(result.isOk() ? null : result.message());
      ValueCodec.writeAll(out, call.arguments());
    });
  }

  @Override
  public void routed(HttpRoute route, Session session, String args, CallResult result, long clockNanos) {
    write(out -> out.writeByte(Journal.ROUTE)
        .writeLong(clockNanos)
        .writeUtf8(route.method())
        .writeUtf8(route.path())
        .writeUtf8(session.isAuthenticated() ? session.userId() : null)
        .writeUtf8(args)
        .writeUtf8(result.isOk() ? "OK" : result.error().name())
        .writeUtf8(result.isOk() ? null : result.message()));
  }

  @Override
  public void put(ChronicleStore<?, ?, ?> store, Record model, long clockNanos) {
    write(out -> {
      out.writeByte(Journal.PUT).writeLong(clockNanos).writeUtf8(store.name());
      ValueCodec.write(out, model);
    });
  }

  /**
   * A session took a seat in the world (a room's join), for {@code reason}. The rooms code calls
   * this on the world's thread once the join hook has run.
   */
  public void sessionJoined(Session session, String reason) {
    seated(session, true, reason, clock.nanoTime());
  }

  /** A session left the world for {@code reason} (closed, timed out, kicked, room ending…). */
  public void sessionLeft(Session session, String reason) {
    seated(session, false, reason, clock.nanoTime());
  }

  @Override
  public void seated(Session session, boolean joined, String reason, long now) {
    write(out -> out.writeByte(Journal.SEAT)
        .writeLong(now)
        .writeUtf8(session.isAuthenticated() ? session.userId() : null)
        .writeBoolean(joined)
        .writeUtf8(reason));
  }

  @Override
  public void attempted(Session session, String options, String refusal, long now) {
    write(out -> out.writeByte(Journal.ATTEMPT)
        .writeLong(now)
        .writeUtf8(session.isAuthenticated() ? session.userId() : null)
        .writeUtf8(options)
        .writeUtf8(refusal));
  }

  @Override
  public void refused(Session session, String what, String code, String message, long count, long now) {
    write(out -> out.writeByte(Journal.REFUSED)
        .writeLong(now)
        .writeUtf8(session.isAuthenticated() ? session.userId() : null)
        .writeUtf8(what)
        .writeUtf8(code)
        .writeUtf8(message)
        .writeStopBit(count));
  }

  @Override
  public void disposed(long now) {
    write(out -> out.writeByte(Journal.DISPOSED).writeLong(now));
  }

  private void tickEnded(Tick tick) {
    if (output.stopped()) {
      return;
    }
    long number = ++ordinal;
    boolean checked = number % settings.checksumEveryTicks() == 0;
    boolean withState = settings.stateEveryTicks() > 0 && number % settings.stateEveryTicks() == 0;
    long checksum = checked ? digest.checksum() : 0L;
    byte[] state = null;
    if (withState) {
      stateScratch.clear();
      digest.writeState(stateScratch);
      state = stateScratch.toByteArray();
    }
    String loop = tick.loopName();
    long loopNumber = tick.number();
    long scheduled = tick.scheduledNanos();
    long late = tick.lateNanos();
    byte[] entries = state;
    write(out -> {
      out.writeByte(Journal.TICK_END)
          .writeLong(number)
          .writeUtf8(loop)
          .writeLong(loopNumber)
          .writeLong(scheduled)
          .writeLong(late)
          .writeBoolean(checked)
          .writeLong(checksum)
          .writeBoolean(entries != null);
      if (entries != null) {
        out.write(entries);
      }
    });
  }

  /** On the world's thread: hands the event to the writer, never waiting for it. */
  private void write(Consumer<Bytes<?>> event) {
    output.offer(event);
  }

  /**
   * Waits up to {@code timeoutMillis} until every recording of this process that was {@link
   * #finish()}ed is written and closed (a server's stop, after its rooms ended). Returns whether all
   * were.
   */
  public static boolean awaitFinished(long timeoutMillis) {
    return JournalOutput.awaitFinished(timeoutMillis);
  }

  /**
   * Whether the recording stopped before its end: the journal could not be written, or its writer
   * fell {@value JournalOutput#BACKLOG} events behind (logged once when it happened).
   */
  public boolean stoppedEarly() {
    return output.stoppedEarly();
  }

  /** The writer threads alive in this process: at most a few, however many worlds record. */
  public static int writerThreads() {
    return RecordingWriters.threadsAlive();
  }

  /**
   * Ends the recording while the world goes on ({@code Room.stopRecording}): the journal says so
   * after the last tick it holds, then {@link #finish()}es. On the world's thread, between ticks.
   */
  public void stop() {
    long now = clock.nanoTime();
    write(out -> out.writeByte(Journal.STOPPED).writeLong(now));
    finish();
  }

  /**
   * Detaches from the world and hands the end to the writer, which appends what it was handed and
   * closes the journal on its own thread: the caller does not wait (a room's end). On the world's
   * thread (or once it has ended). Idempotent.
   */
  public void finish() {
    world.record(null);
    world.scheduler().removeAfterEachTick(tickListener);
    output.finish();
  }

  /** {@link #finish()}, then waits until the journal is written and closed. Idempotent. */
  @Override
  public void close() {
    finish();
    output.awaitClosed();
  }

  @Override
  public String toString() {
    return "Recorder[" + output.directory() + ", " + ordinal + " ticks]";
  }
}
