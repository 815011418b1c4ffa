package io.carotene.runtime;

import io.carotene.runtime.world.FixedStepScheduler;
import io.carotene.runtime.world.WorldThread;
import io.carotene.runtime.internal.BinaryOperation;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.Dispatcher;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.internal.LoopRegistration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A domain's stores with the loops and handlers that update them. A world is single-threaded: its
 * owner (a {@link WorldThread} in a server, the test thread in the sandbox) makes every call, so
 * game code needs no locks and runs in a deterministic order.
 */
public final class World implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(World.class.getName());

  private final String name;
  private final Clock clock;
  private final List<ChronicleStore<?, ?, ?>> stores;
  private final Map<String, Dispatcher> dispatchersByOperation = new LinkedHashMap<>();
  private final List<HttpRoute> routes = new ArrayList<>();
  private final FixedStepScheduler scheduler;
  private final List<BinaryOperation> binaryOperations = new ArrayList<>();
  private final List<Dispatcher> binaryDispatchers = new ArrayList<>();

  public World(
      String name,
      Clock clock,
      List<? extends ChronicleStore<?, ?, ?>> stores,
      List<? extends Dispatcher> dispatchers) {
    this.name = name;
    this.clock = clock;
    this.stores = List.copyOf(stores);
    List<LoopRegistration> loops = new ArrayList<>();
    for (Dispatcher dispatcher : dispatchers) {
      loops.addAll(dispatcher.loops());
      routes.addAll(dispatcher.routes());
      for (BinaryOperation operation : dispatcher.binaryOperations()) {
        binaryOperations.add(operation);
        binaryDispatchers.add(dispatcher);
      }
      for (String operation : dispatcher.operations()) {
        Dispatcher previous = dispatchersByOperation.putIfAbsent(operation, dispatcher);
        if (previous != null) {
          throw new CaroteneConfigurationException(
              "Operation " + operation + " is declared by both " + previous.backendName() + " and "
                  + dispatcher.backendName() + "; rename one with @Socket(\"...\")");
        }
      }
    }
    this.scheduler = new FixedStepScheduler(clock, loops, FixedStepScheduler.DEFAULT_MAX_CATCH_UP_TICKS);
  }

  public String name() {
    return name;
  }

  public Clock clock() {
    return clock;
  }

  public FixedStepScheduler scheduler() {
    return scheduler;
  }

  /** Every store, in declaration order. */
  public List<ChronicleStore<?, ?, ?>> stores() {
    return stores;
  }

  /**
   * The store whose generated type is, or implements, {@code type}: pass {@code
   * GameWorldStore.class} to write or {@code GameWorldView.class} to read.
   */
  public <S> S store(Class<S> type) {
    for (ChronicleStore<?, ?, ?> store : stores) {
      if (type.isInstance(store)) {
        return type.cast(store);
      }
    }
    List<String> names = new ArrayList<>();
    for (ChronicleStore<?, ?, ?> store : stores) {
      names.add(store.getClass().getSimpleName());
    }
    throw new IllegalArgumentException(
        "World " + name + " has no store of type " + type.getName() + "; its stores are " + names);
  }

  /** The operation names of every socket handler. */
  public List<String> operations() {
    return List.copyOf(dispatchersByOperation.keySet());
  }

  /** Every backend's {@code @Http} routes, in declaration order. */
  public List<HttpRoute> routes() {
    return List.copyOf(routes);
  }

  /**
   * The operations a binary call frame may name; an operation's index in this list is its {@code
   * op} in the frame and its {@code index} in the schema (PROTOCOL.md, section 5.2).
   */
  public List<BinaryOperation> binaryOperations() {
    return Collections.unmodifiableList(binaryOperations);
  }

  /** The dispatcher of the binary operation at {@code index}, or {@code null}. */
  public Dispatcher binaryDispatcher(int index) {
    return index >= 0 && index < binaryDispatchers.size() ? binaryDispatchers.get(index) : null;
  }

  /** The dispatcher that serves {@code operation}, or {@code null}. */
  public Dispatcher dispatcherFor(String operation) {
    return dispatchersByOperation.get(operation);
  }

  /**
   * Calls a socket handler as {@code session}. Never throws for a bad call: an unknown operation
   * or wrong arguments answer {@code BAD_REQUEST}, and a handler that fails with anything but a
   * {@link Rejection} answers {@code INTERNAL} (logged on one line, without a stack trace; the
   * world is unharmed).
   */
  public CallResult call(Session session, String operation, Object... args) {
    Dispatcher dispatcher = operation == null ? null : dispatchersByOperation.get(operation);
    if (dispatcher == null) {
      return CallResult.badRequest(
          "Unknown operation '" + operation + "'; this server knows " + operations());
    }
    try {
      return dispatcher.call(session, operation, args == null ? new Object[0] : args);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> operation + " failed on the server, answering INTERNAL: " + e);
      LOG.log(Level.FINE, operation + " failure", e);
      return CallResult.error(ErrorCode.INTERNAL, operation + " failed on the server");
    }
  }

  /** Starts the loops' grid at the clock's current time. */
  public void start() {
    scheduler.start();
  }

  @Override
  public void close() {
    List<ChronicleStore<?, ?, ?>> reversed = new ArrayList<>(stores);
    Collections.reverse(reversed);
    for (ChronicleStore<?, ?, ?> store : reversed) {
      store.close();
    }
  }

  @Override
  public String toString() {
    return "World[" + name + ", stores=" + stores + ", operations=" + operations() + "]";
  }
}
