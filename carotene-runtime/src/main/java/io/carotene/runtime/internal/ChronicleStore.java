package io.carotene.runtime.internal;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.store.Flyweight;
import io.carotene.runtime.store.WritableStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import net.openhft.chronicle.hash.serialization.BytesReader;
import net.openhft.chronicle.hash.serialization.BytesWriter;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * A store off-heap: the engine every generated {@code <Name>Store} holds. Entries are the model's
 * generated flyweight, encoded by its generated codec; the model's id is the key.
 *
 * <p>A model of fixed size (no text fields) lives in a dense off-heap slab indexed by a Chronicle
 * Map from id to slot, so a tick walks memory in order; any other model lives as Chronicle Map
 * values. Either way the heap does not grow with the world.
 *
 * <p>Not thread-safe by design: a world's stores are used only from the world's thread, which is
 * what lets in-place passes reuse one flyweight.
 */
public final class ChronicleStore<K, M extends Record, F extends Flyweight<M>>
    implements WritableStore<K, M, F>, AutoCloseable {

  static {
    ChronicleDefaults.apply();
  }

  private final String name;
  private final Class<M> modelType;
  private final long capacity;
  private final FlyweightMarshaller<F> codec;
  private final Function<? super M, ? extends K> idOf;
  private final Entries<K, F> entries;
  /** Whether the entries live in files of a data directory. */
  private final boolean persisted;
  /** The flyweight of passes over every entry ({@code updateEach}, {@code readEach}). */
  private final F passCursor;
  /** The flyweight of {@code update(id, ...)}, apart so that a pass may update another entry. */
  private final F updateCursor;
  /** The flyweight of single reads and writes ({@code find}, {@code put}, {@code all}). */
  private final F scratch;
  private boolean inPass;
  /** Ids removed while a pass ran; removed when it ends. Allocated on first use. */
  private List<K> removedDuringPass;

  /**
   * An ephemeral store: off-heap memory, gone when the process ends.
   *
   * @param idOf reads a model's {@code @Id} ({@code Player::id})
   */
  public ChronicleStore(
      String name,
      Class<K> keyType,
      Class<M> modelType,
      Class<F> flyweightType,
      FlyweightMarshaller<F> codec,
      long capacity,
      Function<? super M, ? extends K> idOf) {
    this(name, keyType, modelType, flyweightType, codec, capacity, idOf, (TickJournal) null, null);
  }

  /**
   * A persisted store ({@code @Store(engine = PERSISTED)}): its entries live in files in {@code
   * options}' data directory, under {@code name}, and a world resumes from them at the end of the
   * last committed tick (see PERSISTENCE.md).
   *
   * @param layout the model's fields in off-heap order, {@code "name type"} each, which the files
   *     record so that a changed model is refused rather than misread
   * <p>Without a data directory, where {@code options} do not require one (a test sandbox), the
   * store runs in memory only.
   *
   * @throws CaroteneConfigurationException when no data directory is set, the directory is in use
   *     or not writable, or its files hold another layout
   */
  public ChronicleStore(
      String name,
      Class<K> keyType,
      Class<M> modelType,
      Class<F> flyweightType,
      FlyweightMarshaller<F> codec,
      long capacity,
      Function<? super M, ? extends K> idOf,
      StoreOptions options,
      List<String> layout) {
    this(name, keyType, modelType, flyweightType, codec, capacity, idOf, journalFor(name, options),
        new ModelLayout(modelType.getName(), codec.fixedSize(), layout));
  }

  /** The options' journal; null (in memory only) when no directory is set and none is required. */
  private static TickJournal journalFor(String name, StoreOptions options) {
    if (options.journal() == null && options.requireDataDirectory()) {
      throw new CaroteneConfigurationException(
          name + " is @Store(engine = PERSISTED) but no data directory is set: set"
              + " CAROTENE_DATA_DIR (or CaroteneServer.Builder.dataDirectory(path)) to the"
              + " directory its files live in.");
    }
    return options.journal();
  }

  private ChronicleStore(
      String name,
      Class<K> keyType,
      Class<M> modelType,
      Class<F> flyweightType,
      FlyweightMarshaller<F> codec,
      long capacity,
      Function<? super M, ? extends K> idOf,
      TickJournal journal,
      ModelLayout layout) {
    JvmFlags.require();
    if (capacity <= 0) {
      throw new CaroteneConfigurationException(
          name + ": capacity must be positive, " + capacity + " given. Set @Store(capacity = ...).");
    }
    this.name = name;
    this.modelType = modelType;
    this.capacity = capacity;
    this.codec = codec;
    this.idOf = idOf;
    this.persisted = journal != null;
    this.passCursor = codec.newFlyweight();
    this.updateCursor = codec.newFlyweight();
    this.scratch = codec.newFlyweight();
    Function<F, K> idOfFlyweight = flyweight -> idOf(flyweight.toRecord());
    Path directory = null;
    ModelLayout appendedTo = null;
    if (journal != null) {
      directory = journal.storeDirectory(name);
      appendedTo = PersistedEntries.checkLayout(journal, name, directory, layout, codec);
    }
    if (codec.fixedSize() > 0) {
      // The id-to-slot index is derived from the slab, so it stays in memory even when persisted.
      ChronicleMap<K, Long> slots = keyed(ChronicleMapBuilder.of(keyType, Long.class), keyType).create();
      this.entries =
          directory == null
              ? new SlabEntries<>(slots, codec, idOfFlyweight, capacity)
              : PersistedEntries.slab(journal, directory, slots, codec, idOfFlyweight, capacity);
    } else {
      ChronicleMapBuilder<K, F> builder =
          keyed(ChronicleMapBuilder.of(keyType, flyweightType), keyType)
              .valueMarshallers(codec, codec)
              .averageValueSize(codec.averageSize());
      this.entries =
          directory == null
              ? new MapValueEntries<>(builder.create())
              : PersistedMaps.open(journal, directory, builder, codec, idOfFlyweight, appendedTo, layout);
    }
  }

  private <V> ChronicleMapBuilder<K, V> keyed(ChronicleMapBuilder<K, V> builder, Class<K> keyType) {
    // No Chronicle exit hook: on SIGTERM it would close the map while the world still runs its
    // last tick (hooks run concurrently); the world closes its stores once its thread has ended.
    builder.name(name).entries(capacity).skipCloseOnExitHook(true);
    if (keyType == UUID.class) {
      @SuppressWarnings("unchecked")
      BytesReader<K> reader = (BytesReader<K>) UuidMarshaller.INSTANCE;
      @SuppressWarnings("unchecked")
      BytesWriter<K> writer = (BytesWriter<K>) UuidMarshaller.INSTANCE;
      builder.keyMarshallers(reader, writer).constantKeySizeBySample(keyType.cast(new UUID(0, 0)));
    } else if (keyType == String.class) {
      builder.averageKeySize(24);
    }
    return builder;
  }

  /** The model's id. */
  private K idOf(M model) {
    return idOf.apply(model);
  }

  /**
   * The id of {@code model}, a record of {@link #modelType()}: for the runtime's generic callers
   * (the snapshot layout probes).
   *
   * @throws ClassCastException when it is not this store's model type
   */
  public final Object idOfRecord(Record model) {
    return idOf(modelType.cast(model));
  }

  @Override
  public final String name() {
    return name;
  }

  /** Whether this store's entries live in files of a data directory. */
  public final boolean persisted() {
    return persisted;
  }

  /** The model type this store holds. */
  public final Class<M> modelType() {
    return modelType;
  }

  /** The codec that encodes this store's entries. */
  public final FlyweightMarshaller<F> codec() {
    return codec;
  }

  @Override
  public final Optional<M> find(K id) {
    Objects.requireNonNull(id, "id");
    return entries.read(id, scratch) ? Optional.of(scratch.toRecord()) : Optional.empty();
  }

  @Override
  public final M get(K id) {
    return find(id)
        .orElseThrow(() -> new NoSuchElementException(name + " has no entry with id " + id));
  }

  @Override
  public final boolean contains(K id) {
    return entries.containsKey(Objects.requireNonNull(id, "id"));
  }

  @Override
  public final int count() {
    return entries.size();
  }

  @Override
  public final List<M> all() {
    List<M> all = new ArrayList<>(entries.size());
    entries.forEach(scratch, entry -> all.add(entry.toRecord()), false);
    return all;
  }

  @Override
  public final void put(M model) {
    Objects.requireNonNull(model, "model");
    K id = Objects.requireNonNull(idOf(model), () -> name + ": a model's id must not be null");
    if (entries.size() >= capacity && !entries.containsKey(id)) {
      throw new CaroteneConfigurationException(
          name + " is full: it holds its capacity of " + capacity + " entries. Raise"
              + " @Store(capacity = ...) on " + name + ".");
    }
    scratch.set(model);
    entries.write(id, scratch);
  }

  /**
   * Puts a model whose type was checked by the caller against {@link #modelType()}: for generic
   * callers (the test sandbox's {@code given}) that hold a store of unknown type.
   *
   * @throws ClassCastException when it is not this store's model type
   */
  public final void putUnchecked(Record model) {
    put(modelType.cast(model));
  }

  @Override
  public final void batchUpdate(Iterable<? extends M> models) {
    for (M model : models) {
      put(model);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Inside {@link #updateEach} or {@link #readEach} (a player dies during the tick), the entry
   * is removed when the pass ends, so the pass neither skips nor overwrites another entry.
   */
  @Override
  public final boolean remove(K id) {
    Objects.requireNonNull(id, "id");
    if (!inPass) {
      return entries.remove(id);
    }
    if (!entries.containsKey(id) || (removedDuringPass != null && removedDuringPass.contains(id))) {
      return false;
    }
    if (removedDuringPass == null) {
      removedDuringPass = new ArrayList<>();
    }
    removedDuringPass.add(id);
    return true;
  }

  @Override
  public final void clear() {
    if (inPass) {
      throw new IllegalStateException(name + ".clear() cannot run inside updateEach or readEach");
    }
    entries.clear();
  }

  /**
   * {@inheritDoc}
   *
   * <p>May run inside a pass to change another entry (a collision, damage); change the pass's own
   * entry through the pass's flyweight instead, since the pass writes it back after.
   */
  @Override
  public final boolean update(K id, Consumer<? super F> action) {
    return entries.update(Objects.requireNonNull(id, "id"), updateCursor, action);
  }

  @Override
  public final void updateEach(Consumer<? super F> action) {
    pass(action, true);
  }

  private void pass(Consumer<? super F> action, boolean writeBack) {
    if (inPass) {
      throw new IllegalStateException(
          name + ": updateEach and readEach cannot run inside another updateEach or readEach");
    }
    inPass = true;
    try {
      entries.forEach(passCursor, action, writeBack);
    } finally {
      inPass = false;
      if (removedDuringPass != null && !removedDuringPass.isEmpty()) {
        for (K id : removedDuringPass) {
          entries.remove(id);
        }
        removedDuringPass.clear();
      }
    }
  }

  /**
   * Runs {@code action} on every entry with one reused flyweight, without writing back: for the
   * runtime's read-only passes (snapshots). Do not keep the flyweight past the call.
   */
  public final void readEach(Consumer<? super F> action) {
    pass(action, false);
  }

  @Override
  public void close() {
    entries.close();
  }

  @Override
  public String toString() {
    return name + "[" + entries.size() + " entries]";
  }
}
