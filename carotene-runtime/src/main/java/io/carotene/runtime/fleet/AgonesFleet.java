package io.carotene.runtime.fleet;

import io.carotene.runtime.world.WorldLiveness;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A server under Agones: {@code Ready} once it listens ({@link #start}), {@code Health} every
 * {@link AgonesSettings#healthPeriod()} only while every world thread progresses, the {@code
 * GameServer} followed on {@code GET /watch/gameserver}, capacity as Counters and a List, the end
 * of a match per {@link MatchEndPolicy}, and {@code Shutdown} when the server stops.
 *
 * <p>Requests to the sidecar go out one at a time, in order, on the fleet's own thread; a failed
 * one is tried again with backoff (from {@link AgonesSettings#minBackoff()} doubling to {@link
 * AgonesSettings#maxBackoff()}) before the next, so a sidecar that starts after the server, or
 * goes away for a while, gets every state change once it answers. Counter updates carry absolute
 * values and list updates accept "already there"/"not there", so a retried request has the effect
 * of one. An outage is logged once; nothing here ever stops the server.
 */
public final class AgonesFleet implements Fleet, FleetCapacity, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AgonesFleet.class.getName());

  private final AgonesSettings settings;
  private final AgonesClient client;
  private final SidecarOutage outage;
  private final ScheduledExecutorService calls;
  private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
  private final AtomicReference<GameServerInfo> seen = new AtomicReference<>();
  private final List<Consumer<GameServerInfo>> changeListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<GameServerInfo>> allocationListeners = new CopyOnWriteArrayList<>();
  private final Set<String> players = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean roomsDirty = new AtomicBoolean();
  private final AtomicBoolean playersDirty = new AtomicBoolean();
  private volatile int rooms;
  private volatile int roomCapacity;
  private volatile boolean closed;
  private ScheduledFuture<?> pings;
  private Thread watch;
  // Only on the calls thread:
  private boolean retryScheduled;
  private long backoffNanos;
  private boolean stallReported;

  public AgonesFleet(AgonesSettings settings) {
    this.settings = settings;
    this.client = new AgonesClient(settings);
    this.outage = new SidecarOutage(settings.host() + ":" + settings.port());
    this.calls = Executors.newSingleThreadScheduledExecutor(daemon("carotene-agones"));
    this.backoffNanos = settings.minBackoff().toNanos();
  }

  /** The client this fleet sends with, for what {@link Fleet} does not cover (reserve, allocate). */
  public AgonesClient client() {
    return client;
  }

  /**
   * Sends {@code Ready}, starts the {@code Health} pings (each sent only while {@code liveness}
   * says every world thread progressed within {@link AgonesSettings#stallAfter()}) and the watch.
   * Call once the server listens.
   */
  public synchronized void start(WorldLiveness liveness) {
    if (pings != null) {
      throw new IllegalStateException("The Agones fleet already started");
    }
    send("POST /ready", client::ready, status -> false);
    long period = settings.healthPeriod().toNanos();
    pings = calls.scheduleAtFixedRate(() -> ping(liveness), period, period, TimeUnit.NANOSECONDS);
    watch = daemon("carotene-agones-watch").newThread(this::watch);
    watch.start();
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public Optional<GameServerInfo> gameServer() {
    return Optional.ofNullable(seen.get());
  }

  @Override
  public void onChange(Consumer<GameServerInfo> listener) {
    changeListeners.add(listener);
  }

  @Override
  public void onAllocated(Consumer<GameServerInfo> listener) {
    allocationListeners.add(listener);
  }

  @Override
  public void setLabel(String key, String value) {
    send("PUT /metadata/label " + key, () -> client.setLabel(key, value), status -> false);
  }

  @Override
  public void setAnnotation(String key, String value) {
    send("PUT /metadata/annotation " + key, () -> client.setAnnotation(key, value), status -> false);
  }

  @Override
  public void roomsChanged(int count, int capacity) {
    rooms = count;
    roomCapacity = capacity;
    if (roomsDirty.compareAndSet(false, true)) {
      send("PATCH counter " + AgonesSettings.ROOMS_COUNTER, () -> {
        roomsDirty.set(false); // a change from here on sends again
        client.setCounter(AgonesSettings.ROOMS_COUNTER, (long) rooms, (long) roomCapacity);
      }, status -> false);
    }
  }

  @Override
  public void playerJoined(String playerId) {
    if (players.add(playerId)) {
      // 409: already in the list (a retry of a request that got through)
      send("add " + playerId + " to list " + AgonesSettings.PLAYERS_LIST,
          () -> client.addListValue(AgonesSettings.PLAYERS_LIST, playerId), status -> status == 409);
      playersChanged();
    }
  }

  @Override
  public void playerLeft(String playerId) {
    if (players.remove(playerId)) {
      send("remove " + playerId + " from list " + AgonesSettings.PLAYERS_LIST,
          () -> client.removeListValue(AgonesSettings.PLAYERS_LIST, playerId), status -> status == 404);
      playersChanged();
    }
  }

  @Override
  public void lastRoomDisposed() {
    if (!allocated()) {
      return; // a server nobody allocated stays Ready
    }
    if (settings.matchEnd() == MatchEndPolicy.SHUTDOWN) {
      send("POST /shutdown", client::shutdown, status -> false);
    } else {
      send("POST /ready", client::ready, status -> false);
    }
  }

  /**
   * The server is stopping (SIGTERM): no more {@code Health}, and one {@code Shutdown} (tried once:
   * on a deleted pod the sidecar may already be gone). Then {@link #close}.
   */
  public void stopping() {
    ScheduledFuture<?> started;
    synchronized (this) {
      started = pings;
    }
    if (started != null) {
      started.cancel(false);
    }
    try {
      client.shutdown();
    } catch (AgonesException e) {
      LOG.info("Could not tell the Agones sidecar that the server shuts down: " + e.getMessage());
    }
  }

  /** Stops the pings, the watch and the requests not yet sent. */
  @Override
  public void close() {
    closed = true;
    calls.shutdownNow();
    Thread watching;
    synchronized (this) {
      watching = watch;
    }
    if (watching != null) {
      watching.interrupt();
    }
  }

  private void playersChanged() {
    if (playersDirty.compareAndSet(false, true)) {
      send("PATCH counter " + AgonesSettings.PLAYERS_COUNTER, () -> {
        playersDirty.set(false);
        client.setCounter(AgonesSettings.PLAYERS_COUNTER, (long) players.size(), null);
      }, status -> false);
    }
  }

  private void send(String what, Runnable call, IntPredicate doneAnyway) {
    if (closed) {
      return;
    }
    requests.add(new Request(what, call, doneAnyway));
    try {
      calls.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  /** Sends the queued requests in order; on a failure, tries the same one again after the backoff. */
  private void drain() {
    if (retryScheduled) {
      return; // the scheduled retry goes on from the head of the queue
    }
    Request request;
    while (!closed && (request = requests.peek()) != null) {
      try {
        request.call.run();
      } catch (AgonesException e) {
        if (closed) {
          return; // interrupted by close: not an outage
        }
        if (!request.doneAnyway.test(e.status())) {
          outage.failed(e);
          retryScheduled = true;
          calls.schedule(this::retry, backoffNanos, TimeUnit.NANOSECONDS);
          backoffNanos = Math.min(backoffNanos * 2, settings.maxBackoff().toNanos());
          return;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Dropped the Agones request " + request.what, e);
      }
      requests.poll();
      outage.answered();
      backoffNanos = settings.minBackoff().toNanos();
    }
  }

  private void retry() {
    retryScheduled = false;
    drain();
  }

  private void ping(WorldLiveness liveness) {
    if (!liveness.allProgressedWithin(settings.stallAfter().toNanos())) {
      if (!stallReported) {
        stallReported = true;
        LOG.severe("A world thread has been stuck for more than " + settings.stallAfter().toMillis()
            + " ms: Health pings to Agones stop until it comes back, and Agones will replace this server");
      }
      return;
    }
    if (stallReported) {
      stallReported = false;
      LOG.warning("The world threads progress again: Health pings to Agones resume");
    }
    try {
      client.health();
      outage.answered();
    } catch (AgonesException e) {
      if (!closed) {
        outage.failed(e);
      }
    }
  }

  /** Follows the GameServer; reconnects with backoff when the stream ends or fails. */
  private void watch() {
    long backoff = settings.minBackoff().toNanos();
    while (!closed) {
      try {
        client.watchGameServer(this::seen);
        backoff = settings.minBackoff().toNanos(); // it ran: the sidecar restarted or closed it
      } catch (AgonesException e) {
        if (closed || Thread.currentThread().isInterrupted()) {
          return;
        }
        outage.failed(e);
      }
      try {
        TimeUnit.NANOSECONDS.sleep(backoff);
      } catch (InterruptedException e) {
        return;
      }
      backoff = Math.min(backoff * 2, settings.maxBackoff().toNanos());
    }
  }

  private void seen(GameServerInfo info) {
    outage.answered();
    GameServerInfo previous = seen.getAndSet(info);
    notify(changeListeners, info);
    if (info.allocated() && (previous == null || !previous.allocated())) {
      notify(allocationListeners, info);
    }
  }

  private static void notify(List<Consumer<GameServerInfo>> listeners, GameServerInfo info) {
    for (Consumer<GameServerInfo> listener : listeners) {
      try {
        listener.accept(info);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "A GameServer listener failed; the others still run", e);
      }
    }
  }

  private static ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private record Request(String what, Runnable call, IntPredicate doneAnyway) {}
}
