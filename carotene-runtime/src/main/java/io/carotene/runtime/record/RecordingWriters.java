package io.carotene.runtime.record;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The process's journal writers: at most {@link #THREADS} threads, however many worlds record.
 * Each recording is pinned to one writer for its whole life (a Chronicle Queue appender stays on
 * the thread that opened it), the least loaded when it starts, and that writer appends its events
 * in order; a writer serves its recordings in turn, {@link JournalOutput#BATCH} events at a time,
 * so a busy room does not hold up the others for long. A writer with no recording left ends after
 * {@link #IDLE_MILLIS}: a process that records nothing has no writer thread. Daemon threads: a
 * server's stop waits for its journals ({@link Recorder#awaitFinished}), nothing else does. Not
 * API.
 */
final class RecordingWriters {
  /** The most writer threads: the machine's cores, at most four (a writer mostly copies bytes into mapped files). */
  static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  /** How long a writer without recordings waits for one before its thread ends. */
  static final long IDLE_MILLIS = 1_000;
  /** The thread names' prefix, followed by the writer's number. */
  static final String THREAD_PREFIX = "carotene-recorder-";

  private static final Writer[] WRITERS = new Writer[THREADS];

  static {
    for (int i = 0; i < THREADS; i++) {
      WRITERS[i] = new Writer(i);
    }
  }

  private RecordingWriters() {}

  /** Pins {@code output} to the least loaded writer (starting its thread if it has none) and returns it. */
  static Writer assign(JournalOutput output) {
    synchronized (WRITERS) {
      Writer least = WRITERS[0];
      for (Writer writer : WRITERS) {
        if (writer.load < least.load) {
          least = writer;
        }
      }
      least.load++;
      if (least.thread == null) {
        least.thread = new Thread(least::run, THREAD_PREFIX + least.number);
        least.thread.setDaemon(true);
        least.thread.start();
      }
      return least;
    }
  }

  /** Writer threads alive now: at most {@link #THREADS}. */
  static int threadsAlive() {
    synchronized (WRITERS) {
      int alive = 0;
      for (Writer writer : WRITERS) {
        alive += writer.thread == null ? 0 : 1;
      }
      return alive;
    }
  }

  /** One writer thread and the recordings that have events for it, each queued once at most. */
  static final class Writer {
    private final int number;
    private final LinkedBlockingQueue<JournalOutput> ready = new LinkedBlockingQueue<>();
    /** Recordings pinned here and not yet closed; guarded by {@code WRITERS}. */
    private int load;
    /** Guarded by {@code WRITERS}; null when it ended (idle) or never started. */
    private Thread thread;

    private Writer(int number) {
      this.number = number;
    }

    /** {@code output} has events to append (its own flag makes sure it is queued once). */
    void schedule(JournalOutput output) {
      ready.add(output);
    }

    /** Called by {@code output}'s writer once it closed its journal. */
    void released() {
      synchronized (WRITERS) {
        load--;
      }
    }

    private void run() {
      while (true) {
        JournalOutput output;
        try {
          output = ready.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          output = null;
        }
        if (output != null) {
          output.drain();
          continue;
        }
        synchronized (WRITERS) {
          if (load == 0 && ready.isEmpty()) {
            thread = null;
            return;
          }
        }
      }
    }
  }
}
