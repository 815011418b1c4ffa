package io.carotene.runtime.world;

import io.carotene.runtime.CallResult;
import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.Clock;
import io.carotene.runtime.ErrorCode;
import io.carotene.runtime.Session;
import io.carotene.runtime.World;
import io.carotene.runtime.internal.BadArgumentException;
import io.carotene.runtime.internal.BinaryOperation;
import io.carotene.runtime.internal.BoundCall;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.Dispatcher;
import io.carotene.runtime.internal.GeneratedApplication;
import io.carotene.runtime.internal.HttpCall;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.internal.LoopRegistration;
import io.carotene.runtime.internal.Operation;
import io.carotene.runtime.internal.RoomHooks;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.internal.TickJournal;
import io.carotene.runtime.internal.WorldParts;
import io.carotene.runtime.internal.WorldServices;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link World} as the runtime runs it: the engines behind its stores, its operations by name,
 * its routes and its loops' scheduler. Not API: game code sees the {@link World} interface; the
 * server, the socket, the snapshot publisher and the sandbox use the rest.
 */
public final class DomainWorld implements World {
  private static final Logger LOG = Logger.getLogger(DomainWorld.class.getName());

  private final String name;
  private final Clock clock;
  private final List<ChronicleStore<?, ?, ?>> stores;
  private final List<Object> storeHandles;
  private final Map<String, Operation> operationsByName = new LinkedHashMap<>();
  private final List<String> operationNames;
  private final List<HttpRoute> routes = new ArrayList<>();
  private final FixedStepScheduler scheduler;
  private final List<BinaryOperation> binaryLayouts = new ArrayList<>();
  private final List<Operation> binaryOperations = new ArrayList<>();
  private final RoomHooks roomHooks;
  private final List<Dispatcher> dispatchers;
  /** The persisted stores' tick journal; null when the world has none. */
  private final TickJournal journal;
  private final StoreOptions options;
  private final WorldServices services;
  private volatile WorldRecorder recorder;

  /**
   * Creates a new, not yet started world of {@code application} on {@code clock}: its stores
   * (sized by {@code options}) and its backends, with a random seed. Nothing is left open if this
   * fails.
   */
  public static DomainWorld create(CaroteneApplication application, Clock clock, StoreOptions options) {
    return create(application, clock, options, new SecureRandom().nextLong());
  }

  /**
   * Creates a new world as {@link #create(CaroteneApplication, Clock, StoreOptions)} does, its
   * random and id sources seeded with {@code seed}: the same seed and the same inputs make the same
   * world (a replay).
   */
  public static DomainWorld create(
      CaroteneApplication application, Clock clock, StoreOptions options, long seed) {
    StoreOptions worldOptions = options.forWorld();
    TickJournal journal = worldOptions.journal();
    GeneratedApplication generated = GeneratedApplication.of(application);
    WorldServices services = WorldServices.seeded(seed);
    WorldParts parts;
    try {
      parts = generated.createParts(worldOptions, services);
    } catch (RuntimeException | Error failure) {
      if (journal != null) {
        journal.close();
      }
      throw failure;
    }
    try {
      return new DomainWorld(application.name(), clock, parts, generated.roomHooks(parts), journal, options, services);
    } catch (RuntimeException | Error failure) {
      try {
        parts.close();
        if (journal != null) {
          journal.close();
        }
      } catch (RuntimeException closeFailure) {
        failure.addSuppressed(closeFailure);
      }
      throw failure;
    }
  }

  private DomainWorld(String name, Clock clock, WorldParts parts, RoomHooks roomHooks, TickJournal journal,
      StoreOptions options, WorldServices services) {
    this.name = name;
    this.roomHooks = roomHooks;
    this.options = options;
    this.services = services;
    this.clock = clock;
    this.journal = journal;
    this.stores = parts.engines();
    this.storeHandles = parts.stores();
    this.dispatchers = parts.dispatchers();
    List<LoopRegistration> loops = new ArrayList<>();
    Map<String, Dispatcher> declaredBy = new HashMap<>();
    // A server of rooms' process-wide world runs no loop: loops take room stores, which it lacks.
    boolean runsLoops = options.holds() != StoreOptions.Holds.SERVER_STORES;
    for (Dispatcher dispatcher : parts.dispatchers()) {
      if (runsLoops) {
        loops.addAll(dispatcher.loops());
      }
      routes.addAll(dispatcher.routes());
      for (Operation operation : dispatcher.operations()) {
        Dispatcher previous = declaredBy.putIfAbsent(operation.name(), dispatcher);
        if (previous != null) {
          throw new CaroteneConfigurationException(
              "Operation " + operation.name() + " is declared by both " + previous.backendName() + " and "
                  + dispatcher.backendName() + "; rename one with @Socket(\"...\")");
        }
        operationsByName.put(operation.name(), operation);
        if (operation.binary() != null) {
          binaryLayouts.add(operation.binary());
          binaryOperations.add(operation);
        }
      }
    }
    this.operationNames = List.copyOf(operationsByName.keySet());
    this.scheduler = new FixedStepScheduler(clock, loops, FixedStepScheduler.DEFAULT_MAX_CATCH_UP_TICKS);
    if (journal != null) {
      // First after each tick: the tick's writes, and the calls' writes before it, are committed
      // before anything (a snapshot) reads the world. See PERSISTENCE.md.
      scheduler.afterEachTick(tick -> journal.commit());
    }
  }

  /**
   * Commits what the world's persisted stores hold now as a tick's end: for code that writes
   * outside the scheduler's ticks (a test, a tool). Without persisted stores it does nothing.
   */
  public void commitTick() {
    if (journal != null) {
      journal.commit();
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /** This world is {@code room}'s: handlers that take a {@code Room} get it from now on. */
  public void room(io.carotene.runtime.Room room) {
    dispatchers.forEach(dispatcher -> dispatcher.room(room));
  }

  /** The lifecycle hooks of this world as a room; never null. */
  public RoomHooks roomHooks() {
    return roomHooks;
  }

  /** How the world's stores were created. */
  public StoreOptions storeOptions() {
    return options;
  }

  /** The world's seed, from which its random and id sources start. */
  public long seed() {
    return services.seed();
  }

  /** The world's random and id sources. */
  public WorldServices services() {
    return services;
  }

  /** Attaches the recording that hears of what changes the world from now on (null: none); between ticks. */
  public void record(WorldRecorder recorder) {
    this.recorder = recorder;
  }

  public FixedStepScheduler scheduler() {
    return scheduler;
  }

  /** Every store's engine, in declaration order. */
  public List<ChronicleStore<?, ?, ?>> stores() {
    return stores;
  }

  @Override
  public <S> S store(Class<S> type) {
    for (Object store : storeHandles) {
      if (type.isInstance(store)) {
        return type.cast(store);
      }
    }
    List<String> names = new ArrayList<>();
    for (Object store : storeHandles) {
      names.add(store.getClass().getSimpleName());
    }
    throw new IllegalArgumentException(
        "World " + name + " has no store of type " + type.getName() + "; its stores are " + names);
  }

  /** The operation names of every socket handler. */
  public List<String> operations() {
    return operationNames;
  }

  /** Every backend's {@code @Http} routes, in declaration order. */
  public List<HttpRoute> routes() {
    return List.copyOf(routes);
  }

  /** The layouts of the binary operations: the index is the frame's {@code op} (PROTOCOL.md, 5.2). */
  public List<BinaryOperation> binaryOperations() {
    return Collections.unmodifiableList(binaryLayouts);
  }

  /** The binary operation at {@code index} (a binary call frame's {@code op}), or {@code null}. */
  public Operation binaryOperation(int index) {
    return index >= 0 && index < binaryOperations.size() ? binaryOperations.get(index) : null;
  }

  /** The operation called {@code name}, or {@code null}. */
  public Operation operation(String name) {
    return operationsByName.get(name);
  }

  /** Binds {@code args} to the operation, then runs it; unknown operations, wrong arguments: {@code BAD_REQUEST}. */
  @Override
  public CallResult call(Session session, String operation, Object... args) {
    Operation found = operation == null ? null : operationsByName.get(operation);
    if (found == null) {
      return refuse(session, String.valueOf(operation),
          CallResult.badRequest("Unknown operation '" + operation + "'; this server knows " + operations()));
    }
    BoundCall call;
    try {
      call = found.bind(args == null ? new Object[0] : args);
    } catch (BadArgumentException e) {
      return refuse(session, found.name(), CallResult.badRequest(e.getMessage()));
    }
    return run(session, found, call);
  }

  private CallResult refuse(Session session, String operation, CallResult refusal) {
    refused(session, operation, refusal.error().name(), refusal.message(), 1);
    return refusal;
  }

  /** Runs a bound call as {@link #run(Session, Operation, BoundCall, long)} does, without a seq. */
  public CallResult run(Session session, Operation operation, BoundCall call) {
    return run(session, operation, call, -1);
  }

  /**
   * Runs a bound call of {@code operation} for {@code session}, on the world thread: its guards,
   * then its handler; an exception from the handler is logged and answered {@code INTERNAL}. {@code
   * seq} is the client's number for it (-1 when it has none), kept with the call in a recording.
   */
  public CallResult run(Session session, Operation operation, BoundCall call, long seq) {
    CallResult result;
    try {
      result = call.invoke(session);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> operation.name() + " failed on the server, answering INTERNAL: " + e);
      LOG.log(Level.FINE, operation.name() + " failure", e);
      result = CallResult.error(ErrorCode.INTERNAL, operation.name() + " failed on the server");
    }
    WorldRecorder recording = recorder;
    if (recording != null) {
      recording.called(session, operation, call, result, seq, clock.nanoTime());
    }
    return result;
  }

  /**
   * Tells the recording that {@code route}, which runs on the world's thread, answered {@code
   * result} to {@code call}: the HTTP side calls this on the world's thread right after the route.
   * A world without loops (a server of rooms' process-wide world) commits the route's writes here.
   */
  public void routed(HttpRoute route, HttpCall call, CallResult result) {
    if (recorder != null) {
      recorder.routed(route, call.session(), call.args().toString(), result, clock.nanoTime());
    }
    if (journal != null && scheduler.loopNames().isEmpty()) {
      journal.commit(); // no tick will: a world without loops commits each route's writes
    }
  }

  /** {@code session} took a seat ({@code joined}) or left it for {@code reason}, after the room's hooks ran. */
  public void seated(Session session, boolean joined, String reason) {
    if (recorder != null) {
      recorder.seated(session, joined, reason, clock.nanoTime());
    }
  }

  /** A join asked for a seat and the join-attempt hook answered {@code refusal} (null: let in). */
  public void joinAttempted(Session session, String options, String refusal) {
    if (recorder != null) {
      recorder.attempted(session, options, refusal, clock.nanoTime());
    }
  }

  /**
   * A join or call ({@code what}: {@code join} or the operation) was refused with {@code code}
   * before any hook or handler ran ({@code ROOM_FULL}, {@code BAD_REQUEST}…), {@code count} times.
   */
  public void refused(Session session, String what, String code, String message, long count) {
    if (recorder != null) {
      recorder.refused(session, what, code, message, count, clock.nanoTime());
    }
  }

  /** Whether a recording is attached (read from any thread, it may be a moment late). */
  public boolean recorded() {
    return recorder != null;
  }

  /** This world's room ended, once its disposed hook ran: a recording keeps it. */
  public void disposed() {
    if (recorder != null) {
      recorder.disposed(clock.nanoTime());
    }
  }

  /** Puts {@code model} into its store from outside game code (a test's {@code given}), or throws IllegalArgumentException. */
  public void put(Record model) {
    ChronicleStore<?, ?, ?> store = storeFor(model);
    store.putUnchecked(model);
    if (recorder != null) {
      recorder.put(store, model, clock.nanoTime());
    }
  }

  /** The engine of the store that holds {@code model}'s type. */
  public ChronicleStore<?, ?, ?> storeFor(Record model) {
    List<String> held = new ArrayList<>();
    for (ChronicleStore<?, ?, ?> store : stores) {
      if (store.modelType().isInstance(model)) {
        return store;
      }
      held.add(store.modelType().getSimpleName());
    }
    throw new IllegalArgumentException(
        "No store of world " + name + " holds " + model.getClass().getSimpleName()
            + "; its stores hold " + held);
  }

  /** Starts the loops' grid at the clock's current time. */
  public void start() {
    scheduler.start();
  }

  /**
   * Closes the stores. Persisted ones first commit what calls wrote since the last tick, so a clean
   * shutdown loses nothing, then release the data directory.
   */
  @Override
  public void close() {
    if (journal != null) {
      journal.commit();
    }
    List<ChronicleStore<?, ?, ?>> reversed = new ArrayList<>(stores);
    Collections.reverse(reversed);
    try {
      for (ChronicleStore<?, ?, ?> store : reversed) {
        store.close();
      }
    } finally {
      if (journal != null) {
        journal.close();
      }
    }
  }

  @Override
  public String toString() {
    return "World[" + name + ", stores=" + stores + ", operations=" + operations() + "]";
  }
}
