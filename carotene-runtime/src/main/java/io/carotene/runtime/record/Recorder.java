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
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Records one world into one Chronicle Queue journal: its start, then, in the order they happen on
 * the world's thread, each applied call, each outside write, each seat taken or left, and each
 * tick's end with the stores' checksum (and every {@code stateEveryTicks}, their entries).
 *
 * <p>The world's thread only hands each event (its values, which are immutable) to a bounded
 * queue; the recorder's own thread encodes it and appends it to the memory-mapped journal, so
 * serialization and the journal's page faults stay off the tick. The world's thread does compute
 * the checksums and copy the entries when a tick takes them, walking the stores in place (no
 * allocation per entity). The writer thread also makes the recording's directory, deletes the
 * recordings beyond retention, opens the journal and, once {@link #finish()}ed, closes it: the
 * world's thread never waits for the disk. A failure to write (a full disk), or a writer that falls
 * {@value #BACKLOG} events behind, stops the recording, logged once; the world plays on.
 */
public final class Recorder implements WorldRecorder, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Recorder.class.getName());

  private final DomainWorld world;
  private final RecordingSettings settings;
  private final Path directory;
  /** Events the writer has not appended yet, beyond which the recording stops. */
  static final int BACKLOG = 1 << 16;

  private static final Consumer<Bytes<?>> END = out -> {};

  /** The writers of recordings finished but maybe not yet closed, for {@link #awaitFinished}. */
  private static final Set<Thread> FINISHING = ConcurrentHashMap.newKeySet();

  private final Runnable prepare;
  private final TimeProvider time;
  private SingleChronicleQueue queue;
  private final ArrayBlockingQueue<Consumer<Bytes<?>>> pending = new ArrayBlockingQueue<>(BACKLOG);
  private final Thread writer;
  private final Bytes<?> stateScratch = Bytes.allocateElasticOnHeap(4096);
  private volatile boolean stopped;
  private boolean finishing;
  private ExcerptAppender appender;
  private final StoreDigest digest;
  private final Clock clock;
  private final Consumer<Tick> tickListener = this::tickEnded;
  private long ordinal;
  private int firstCycle = Integer.MIN_VALUE;

  private Recorder(DomainWorld world, RecordingSettings settings, Path directory, long epochMillis,
      JournalEvent.RoomStart room, Runnable prepare) {
    this.world = world;
    this.settings = settings;
    this.directory = directory;
    this.prepare = prepare;
    this.clock = world.clock();
    this.digest = new StoreDigest(world.stores());
    long startNanos = clock.nanoTime();
    this.time = () -> epochMillis + Math.floorDiv(clock.nanoTime() - startNanos, 1_000_000L);
    this.writer = new Thread(this::writeUntilClosed,
        "carotene-recorder-" + (room == null ? world.name() : room.type() + "-" + room.id()));
    // A room's recording ends on its own thread after the room (finish): the process waits for it.
    writer.setDaemon(room == null);
    write(out -> Journal.writeStart(out, new JournalEvent.Start(
        JournalEvent.FORMAT_VERSION, world.name(), settings.buildId(), world.seed(),
        world.storeOptions().capacityOverride(), startNanos, epochMillis,
        settings.checksumEveryTicks(), settings.stateEveryTicks(), room)));
  }

  /**
   * Starts recording {@code world} into a new directory under the settings' directory, named by
   * the domain, {@code epochMillis} and the seed, after deleting the oldest recordings beyond the
   * settings' retention. Call it on the world's thread before the world starts; it stays attached
   * until {@link #close()}. The files are made by the recorder's writer thread, not the caller's.
   */
  public static Recorder start(DomainWorld world, RecordingSettings settings, long epochMillis) {
    Path directory = Retention.recordingDirectory(settings, world.name(), epochMillis, world.seed());
    return attach(new Recorder(world, settings, directory, epochMillis, null,
        () -> Retention.prepareRecording(settings, world.name(), directory)));
  }

  /**
   * Starts recording the world of room {@code roomId} of type {@code roomType}, created with
   * {@code options} (JSON), into {@code <directory>/<roomType>/<roomId>/}, after deleting the least
   * recently written recordings of that type beyond the settings' retention (never a live one).
   * Call it on the room's thread before its created hook runs; it stays attached until {@link
   * #finish()} or {@link #close()}, which the room's end calls. The directory is made, the old ones
   * deleted and the journal opened by the recorder's writer thread: the room's thread, which other
   * rooms share, never waits for the disk.
   */
  public static Recorder startRoom(
      DomainWorld world, RecordingSettings settings, long epochMillis, String roomType, String roomId, String options) {
    Path directory = Retention.roomDirectory(settings, roomType, roomId);
    JournalEvent.RoomStart room =
        new JournalEvent.RoomStart(roomType, roomId, options, world.storeOptions().holds().name());
    return attach(new Recorder(world, settings, directory, epochMillis, room,
        () -> Retention.prepareRoomRecording(settings, directory)));
  }

  private static Recorder attach(Recorder recorder) {
    Retention.LIVE.add(recorder.directory);
    recorder.writer.start();
    recorder.world.record(recorder);
    recorder.world.scheduler().afterEachTick(recorder.tickListener);
    return recorder;
  }

  /** This recording's directory: what {@code replay} and the summary read. */
  public Path directory() {
    return directory;
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
  public void disposed(long now) {
    write(out -> out.writeByte(Journal.DISPOSED).writeLong(now));
  }

  private void tickEnded(Tick tick) {
    if (stopped) {
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
    if (stopped) {
      return;
    }
    if (!pending.offer(event)) {
      stop(() -> "Recording " + directory + " stopped: its writer fell " + BACKLOG + " events behind", null);
    }
  }

  /**
   * The writer thread: makes the recording's directory and opens its journal, then appends each
   * event, in order, until {@link #finish()}; then closes the journal.
   */
  private void writeUntilClosed() {
    try {
      prepare.run();
      queue = Journal.open(directory, time, false);
      appender = queue.createAppender();
    } catch (RuntimeException failure) {
      stop(() -> "Recording " + directory + " did not start: " + failure.getMessage(), failure);
    }
    try {
      appendUntilEnd();
    } finally {
      if (queue != null) {
        queue.close();
      }
      Retention.LIVE.remove(directory);
      FINISHING.remove(Thread.currentThread());
    }
  }

  /**
   * Waits up to {@code timeoutMillis} until every recording of this process that was {@link
   * #finish()}ed is written and closed (a server's stop, after its rooms ended). Returns whether all
   * were.
   */
  public static boolean awaitFinished(long timeoutMillis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Thread writer : Set.copyOf(FINISHING)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      try {
        if (left <= 0) {
          return FINISHING.isEmpty();
        }
        writer.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return FINISHING.isEmpty() || Set.copyOf(FINISHING).stream().noneMatch(Thread::isAlive);
  }

  private void appendUntilEnd() {
    while (true) {
      Consumer<Bytes<?>> event;
      try {
        event = pending.take();
      } catch (InterruptedException e) {
        return;
      }
      if (event == END) {
        return;
      }
      if (stopped) {
        continue; // drain without writing
      }
      try {
        try (DocumentContext document = appender.writingDocument()) {
          event.accept(document.wire().bytes());
        }
        checkBound();
      } catch (RuntimeException failure) {
        stop(() -> "Recording " + directory + " stopped: the journal could not be written: " + failure, failure);
      }
    }
  }

  private void checkBound() {
    int cycle = appender.cycle();
    if (firstCycle == Integer.MIN_VALUE) {
      firstCycle = cycle;
    } else if (cycle - firstCycle >= settings.maxHours()) {
      stop(() -> "Recording " + directory + " stopped at its bound of " + settings.maxHours()
          + " hourly files", null);
    }
  }

  private void stop(Supplier<String> why, Throwable failure) {
    if (stopped) {
      return;
    }
    stopped = true;
    LOG.log(Level.WARNING, why);
    if (failure != null) {
      LOG.log(Level.FINE, "recording failure", failure);
    }
  }

  /**
   * Detaches from the world and hands the end to the writer, which appends what it was handed and
   * closes the journal on its own thread: the caller does not wait (a room's end). On the world's
   * thread (or once it has ended). Idempotent.
   */
  public void finish() {
    world.record(null);
    if (!finishing && writer.isAlive()) {
      finishing = true;
      FINISHING.add(writer);
      try {
        pending.put(END); // the writer takes events even once stopped, so there is room soon
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@link #finish()}, then waits until the journal is written and closed. Idempotent. */
  @Override
  public void close() {
    finish();
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopped = true;
  }

  @Override
  public String toString() {
    return "Recorder[" + directory + ", " + ordinal + " ticks]";
  }

}
