package io.carotene.runtime.socket;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xnio.XnioIoThread;

/**
 * One per IO thread: the clients whose frames the world thread prepared this tick, written by that
 * IO thread in one task. Handing each client's frames over as its own task would wake the IO thread
 * once per client per tick (800 clients: 48,000 wake-ups a second); this wakes it once per tick.
 *
 * <p>The world thread stages clients in its own array, then moves them in one locked step into the
 * array the IO thread drains next; two arrays take turns, so the world thread appends to one while
 * the IO thread drains the other. Nothing is allocated in the steady state.
 */
public final class IoFlusher implements Runnable {
  private static final Logger LOG = Logger.getLogger(IoFlusher.class.getName());

  private final XnioIoThread ioThread;
  /** Where the clients' bytes written are counted. */
  final Traffic traffic;
  private ClientConnection[] filling = new ClientConnection[64];
  private int fillingCount;
  private ClientConnection[] draining = new ClientConnection[64];
  private boolean scheduled;
  /** World thread only: clients added since the last {@link #schedule()}. */
  private ClientConnection[] staged = new ClientConnection[64];
  private int stagedCount;

  IoFlusher(XnioIoThread ioThread, Traffic traffic) {
    this.ioThread = ioThread;
    this.traffic = traffic;
  }

  /**
   * World thread only: {@code client} has frames to write; they go with the next {@link
   * #schedule()}. No lock: clients are staged in the world thread's own array.
   */
  void add(ClientConnection client) {
    if (!client.joinBatch()) {
      return;
    }
    if (stagedCount == staged.length) {
      staged = Arrays.copyOf(staged, staged.length * 2);
    }
    staged[stagedCount++] = client;
  }

  /** World thread: hands every client staged since the last call to the IO thread, waking it once. */
  void schedule() {
    if (stagedCount == 0) {
      return;
    }
    boolean wake;
    synchronized (this) {
      if (fillingCount + stagedCount > filling.length) {
        filling = Arrays.copyOf(filling, Math.max(filling.length * 2, fillingCount + stagedCount));
      }
      System.arraycopy(staged, 0, filling, fillingCount, stagedCount);
      fillingCount += stagedCount;
      wake = !scheduled;
      scheduled = true;
    }
    Arrays.fill(staged, 0, stagedCount, null);
    stagedCount = 0;
    if (!wake) {
      return;
    }
    try {
      ioThread.execute(this);
    } catch (RejectedExecutionException stopping) {
      drainWithout();
    }
  }

  /** IO thread: writes every client's prepared frames, each client's in one socket write. */
  @Override
  public void run() {
    ClientConnection[] batch;
    int count;
    synchronized (this) {
      batch = filling;
      count = fillingCount;
      filling = draining.length >= batch.length ? draining : new ClientConnection[batch.length];
      fillingCount = 0;
      draining = batch;
      scheduled = false;
    }
    for (int i = 0; i < count; i++) {
      ClientConnection client = batch[i];
      batch[i] = null;
      try {
        client.flushOnIoThread();
      } catch (RuntimeException | LinkageError | AssertionError e) {
        // One client's failure must not strand the others in this batch: that client is closed.
        LOG.log(Level.WARNING, "Writing to a client failed; it is disconnected: " + e);
        client.abort();
      }
    }
  }

  /** Every IO thread's flusher, made as connections on it arrive. */
  static final class Registry {
    private final ConcurrentHashMap<XnioIoThread, IoFlusher> flushers =
        new ConcurrentHashMap<>();
    private final Traffic traffic;

    Registry(Traffic traffic) {
      this.traffic = traffic;
    }

    IoFlusher of(XnioIoThread ioThread) {
      return flushers.computeIfAbsent(ioThread, thread -> new IoFlusher(thread, traffic));
    }

    /** World thread: every flusher with clients added wakes its IO thread once. */
    void scheduleAll() {
      for (IoFlusher flusher : flushers.values()) {
        flusher.schedule();
      }
    }
  }

  /** The IO thread is gone (server stopping): nothing will be written; release what waits. */
  private void drainWithout() {
    synchronized (this) {
      for (int i = 0; i < fillingCount; i++) {
        filling[i].discardBatch();
        filling[i] = null;
      }
      fillingCount = 0;
      scheduled = false;
    }
  }
}
