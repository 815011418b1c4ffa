package io.carotene.runtime.record;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * One recording's way to its journal: the bounded queue of events the world's thread hands over,
 * and, on the {@link RecordingWriters writer} it is pinned to, the journal they are appended to.
 * The writer makes the directory, deletes what retention drops and opens the journal before the
 * first event, appends the events in the order they were handed over, and closes the journal at
 * the end. A failure to write, or {@value #BACKLOG} events not yet written, stops the recording,
 * logged once. Not API.
 */
final class JournalOutput {
  private static final Logger LOG = Logger.getLogger(JournalOutput.class.getName());
  /** Events the writer has not appended yet, beyond which the recording stops. */
  static final int BACKLOG = 1 << 16;
  /** Events a writer appends for one recording before it turns to the next. */
  static final int BATCH = 4096;
  /** The last event: the journal closes after it. */
  static final Consumer<Bytes<?>> END = out -> {};

  /** Recordings finished but maybe not yet closed, for {@link #awaitFinished}. */
  private static final Set<JournalOutput> FINISHING = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final Runnable prepare;
  private final TimeProvider time;
  private final int maxHours;
  private final ArrayBlockingQueue<Consumer<Bytes<?>>> pending = new ArrayBlockingQueue<>(BACKLOG);
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final RecordingWriters.Writer writer;
  private volatile boolean stopped;
  private volatile boolean stoppedEarly;
  private boolean finishing;
  /** Writer side. */
  private boolean opened;
  private SingleChronicleQueue queue;
  private ExcerptAppender appender;
  private int firstCycle = Integer.MIN_VALUE;

  JournalOutput(Path directory, Runnable prepare, TimeProvider time, int maxHours) {
    this.directory = directory;
    this.prepare = prepare;
    this.time = time;
    this.maxHours = maxHours;
    Retention.LIVE.add(directory);
    this.writer = RecordingWriters.assign(this);
  }

  Path directory() {
    return directory;
  }

  boolean stopped() {
    return stopped;
  }

  /** Whether the recording stopped before its end (a failure, a writer too far behind). */
  boolean stoppedEarly() {
    return stoppedEarly;
  }

  /** On the world's thread: hands the event to the writer, never waiting for it. */
  void offer(Consumer<Bytes<?>> event) {
    if (stopped || finishing) {
      return;
    }
    if (!pending.offer(event)) {
      stop(() -> "Recording " + directory + " stopped: its writer fell " + BACKLOG + " events behind", null);
      return;
    }
    wake();
  }

  private void wake() {
    if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
      writer.schedule(this);
    }
  }

  /**
   * Hands over the end: the writer appends what it was handed, then closes the journal. Does not
   * wait. Idempotent.
   */
  void finish() {
    if (finishing) {
      return;
    }
    finishing = true;
    FINISHING.add(this);
    try {
      pending.put(END); // the writer takes events even once stopped, so there is room soon
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    wake();
  }

  /** Waits until the journal is closed. */
  void awaitClosed() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopped = true;
  }

  /**
   * Waits up to {@code timeoutMillis} until every recording of this process that was finished is
   * written and closed. Returns whether all were.
   */
  static boolean awaitFinished(long timeoutMillis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (JournalOutput output : Set.copyOf(FINISHING)) {
      try {
        if (!output.closed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          return false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** On the writer: appends up to {@link #BATCH} events, then queues itself again if more wait. */
  void drain() {
    if (!opened) {
      open();
    }
    for (int i = 0; i < BATCH; i++) {
      Consumer<Bytes<?>> event = pending.poll();
      if (event == null) {
        break;
      }
      if (event == END) {
        close();
        return;
      }
      if (!stopped) {
        append(event);
      } // else drain without writing
    }
    scheduled.set(false);
    if (!pending.isEmpty()) {
      wake();
    }
  }

  private void open() {
    opened = true;
    try {
      prepare.run();
      queue = Journal.open(directory, time, false);
      appender = queue.createAppender();
    } catch (RuntimeException failure) {
      stop(() -> "Recording " + directory + " did not start: " + failure.getMessage(), failure);
    }
  }

  private void append(Consumer<Bytes<?>> event) {
    try {
      try (DocumentContext document = appender.writingDocument()) {
        event.accept(document.wire().bytes());
      }
      int cycle = appender.cycle();
      if (firstCycle == Integer.MIN_VALUE) {
        firstCycle = cycle;
      } else if (cycle - firstCycle >= maxHours) {
        stop(() -> "Recording " + directory + " stopped at its bound of " + maxHours + " hourly files", null);
      }
    } catch (RuntimeException failure) {
      stop(() -> "Recording " + directory + " stopped: the journal could not be written: " + failure, failure);
    }
  }

  private void close() {
    try {
      if (queue != null) {
        queue.close();
      }
    } finally {
      Retention.LIVE.remove(directory);
      FINISHING.remove(this);
      writer.released();
      closed.countDown();
    }
  }

  void stop(Supplier<String> why, Throwable failure) {
    if (stopped) {
      return;
    }
    stopped = true;
    stoppedEarly = true;
    LOG.log(Level.WARNING, why);
    if (failure != null) {
      LOG.log(Level.FINE, "recording failure", failure);
    }
  }
}
