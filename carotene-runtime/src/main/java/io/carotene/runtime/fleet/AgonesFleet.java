package io.carotene.runtime.fleet;

import io.carotene.runtime.world.WorldLiveness;
import java.util.HashSet;
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
  private volatile boolean draining;
  private volatile boolean closed;
  private ScheduledFuture<?> pings;
  private Thread watch;
  // Only on the calls thread:
  private final Set<String> listed = new HashSet<>(); // the player ids the sidecar's List has from us
  private final Set<String> refusalsLogged = new HashSet<>();
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
      playersChanged();
    }
  }

  @Override
  public void playerLeft(String playerId) {
    if (players.remove(playerId)) {
      playersChanged();
    }
  }

  @Override
  public void lastRoomDisposed() {
    if (draining || !allocated()) {
      return; // a draining server goes away; a server nobody allocated stays Ready
    }
    if (settings.matchEnd() == MatchEndPolicy.SHUTDOWN) {
      send("POST /shutdown", client::shutdown, status -> false);
    } else {
      send("POST /ready", client::ready, status -> false);
    }
  }

  /**
   * The server drains (SIGTERM): its rooms play on, so {@code Health} goes on and capacity is still
   * reported, but the end of its last room no longer returns it to {@code Ready}; {@link #stopping}
   * follows.
   */
  public void draining() {
    draining = true;
  }

  /**
   * The server is stopping: no more {@code Health}, capacity or match-end requests, and one {@code
   * Shutdown} (tried once: on a deleted pod the sidecar may already be gone). Then {@link #close}.
   */
  public void stopping() {
    draining = true;
    closed = true; // the rooms ending now are not reported one by one
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

  /**
   * Queues one sync of the players (unless one is already queued): it sends the List the
   * difference between the ids it has from us and the ids connected now, then the Counter. A join
   * and a leave between two syncs cancel out and send nothing.
   */
  private void playersChanged() {
    if (playersDirty.compareAndSet(false, true)) {
      send("players sync", this::syncPlayers, status -> false);
    }
  }

  /** On the calls thread; a failure leaves {@link #listed} as far as it got, and the retry goes on from there. */
  private void syncPlayers() {
    playersDirty.set(false); // a change from here on syncs again
    Set<String> now = Set.copyOf(players);
    for (String gone : List.copyOf(listed)) {
      if (!now.contains(gone)) {
        // 404: not in the list (a retry of a request that got through)
        listValue(() -> client.removeListValue(AgonesSettings.PLAYERS_LIST, gone), 404);
        listed.remove(gone);
      }
    }
    for (String joined : now) {
      if (!listed.contains(joined)) {
        listValue(() -> client.addListValue(AgonesSettings.PLAYERS_LIST, joined), 409); // 409: already there
        listed.add(joined);
      }
    }
    client.setCounter(AgonesSettings.PLAYERS_COUNTER, (long) now.size(), null);
  }

  private void listValue(Runnable call, int doneAnyway) {
    try {
      call.run();
    } catch (AgonesException e) {
      if (e.status() == doneAnyway) {
        return;
      }
      if (refused(e.status())) {
        refusedOnce("update of list " + AgonesSettings.PLAYERS_LIST, e); // e.g. at capacity: the next sync tries again
        return;
      }
      throw e;
    }
  }

  /** A 4xx the sidecar will answer again however often it is asked (not a timeout or a throttle). */
  private static boolean refused(int status) {
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }

  private void refusedOnce(String what, AgonesException e) {
    if (refusalsLogged.add(what)) {
      LOG.warning("The Agones sidecar refused the " + what + " (" + e.getMessage()
          + "); not retried. Check the Fleet's counters and lists (names, capacities) against the server's");
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
      long sent = System.nanoTime();
      try {
        request.call.run();
      } catch (AgonesException e) {
        if (closed) {
          return; // interrupted by close: not an outage
        }
        if (refused(e.status()) && !request.doneAnyway.test(e.status())) {
          refusedOnce(request.what, e); // asked again it would answer the same: the queue goes on
        } else if (!request.doneAnyway.test(e.status())) {
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
      outage.answered(sent);
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
    long sent = System.nanoTime();
    try {
      client.health();
      outage.answered(sent);
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
        long sent = System.nanoTime();
        client.watchGameServer(info -> seen(info, sent));
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

  private void seen(GameServerInfo info, long watchSentAtNanos) {
    outage.answered(watchSentAtNanos);
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
