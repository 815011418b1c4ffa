package io.carotene.runtime.internal;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.Flyweight;
import io.carotene.runtime.WritableStore;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

/**
 * A store over an off-heap Chronicle Map, the base of every generated {@code <Name>Store}. Values
 * are the model's generated flyweight, encoded by its generated codec; the model's id is the key.
 *
 * <p>Not thread-safe by design: a world's stores are used only from the world's thread, which is
 * what lets in-place passes reuse one flyweight.
 */
public abstract class ChronicleStore<K, M extends Record, F extends Flyweight<M>>
    implements WritableStore<K, M, F>, AutoCloseable {

  static {
    ChronicleDefaults.apply();
  }

  private final String name;
  private final Class<M> modelType;
  private final long capacity;
  private final ChronicleMap<K, F> map;
  private final F cursor;
  private final FlyweightMarshaller<F> codec;
  private final F scratch;

  protected ChronicleStore(
      String name,
      Class<K> keyType,
      Class<M> modelType,
      Class<F> flyweightType,
      FlyweightMarshaller<F> codec,
      long capacity) {
    JvmFlags.require();
    this.name = name;
    this.modelType = modelType;
    this.capacity = capacity;
    this.codec = codec;
    this.cursor = codec.newFlyweight();
    this.scratch = codec.newFlyweight();
    ChronicleMapBuilder<K, F> builder =
        ChronicleMapBuilder.of(keyType, flyweightType)
            .name(name)
            .entries(capacity)
            .valueMarshallers(codec, codec);
    if (codec.fixedSize() > 0) {
      builder.constantValueSizeBySample(codec.newFlyweight());
    } else {
      builder.averageValueSize(codec.averageSize());
    }
    if (keyType == UUID.class) {
      @SuppressWarnings("unchecked")
      ChronicleMapBuilder<K, F> uuidKeys =
          builder
              .keyMarshallers(
                  (net.openhft.chronicle.hash.serialization.BytesReader<K>) UuidMarshaller.INSTANCE,
                  (net.openhft.chronicle.hash.serialization.BytesWriter<K>) UuidMarshaller.INSTANCE)
              .constantKeySizeBySample(keyType.cast(new UUID(0, 0)));
      builder = uuidKeys;
    } else if (keyType == String.class) {
      builder.averageKeySize(24);
    }
    this.map = builder.create();
  }

  /** The model's id. */
  protected abstract K idOf(M model);

  @Override
  public final String name() {
    return name;
  }

  /** The model type this store holds. */
  public final Class<M> modelType() {
    return modelType;
  }

  @Override
  public final Optional<M> find(K id) {
    Objects.requireNonNull(id, "id");
    F found = map.getUsing(id, scratch);
    return found == null ? Optional.empty() : Optional.of(found.toRecord());
  }

  @Override
  public final M get(K id) {
    return find(id)
        .orElseThrow(() -> new NoSuchElementException(name + " has no entry with id " + id));
  }

  @Override
  public final boolean contains(K id) {
    return map.containsKey(Objects.requireNonNull(id, "id"));
  }

  @Override
  public final int count() {
    return map.size();
  }

  @Override
  public final List<M> all() {
    List<M> all = new ArrayList<>(map.size());
    map.forEachEntry(entry -> all.add(entry.value().getUsing(scratch).toRecord()));
    return all;
  }

  @Override
  public final void put(M model) {
    Objects.requireNonNull(model, "model");
    K id = Objects.requireNonNull(idOf(model), () -> name + ": a model's id must not be null");
    if (map.size() >= capacity && !map.containsKey(id)) {
      throw new CaroteneConfigurationException(
          name + " is full: it holds its capacity of " + capacity + " entries. Raise"
              + " @Store(capacity = ...) on " + name + ".");
    }
    scratch.set(model);
    map.put(id, scratch);
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

  @Override
  public final boolean remove(K id) {
    return map.remove(Objects.requireNonNull(id, "id")) != null;
  }

  @Override
  public final void clear() {
    map.clear();
  }

  @Override
  public final boolean update(K id, Consumer<? super F> action) {
    try (ExternalMapQueryContext<K, F, ?> context = map.queryContext(id)) {
      context.updateLock().lock();
      MapEntry<K, F> entry = context.entry();
      if (entry == null) {
        return false;
      }
      F flyweight = entry.value().getUsing(cursor);
      action.accept(flyweight);
      entry.doReplaceValue(context.wrapValueAsData(flyweight));
      return true;
    }
  }

  @Override
  public final void updateEach(Consumer<? super F> action) {
    map.forEachEntry(
        entry -> {
          Data<F> value = entry.value();
          F flyweight = value.getUsing(cursor);
          action.accept(flyweight);
          entry.doReplaceValue(entry.context().wrapValueAsData(flyweight));
        });
  }

  /**
   * Runs {@code action} on every entry with one reused flyweight, without writing back: for the
   * runtime's read-only passes (snapshots). Do not keep the flyweight past the call.
   */
  public final void readEach(Consumer<? super F> action) {
    map.forEachEntry(entry -> action.accept(entry.value().getUsing(cursor)));
  }

  /** The codec that encodes this store's entries. */
  public final FlyweightMarshaller<F> codec() {
    return codec;
  }

  @Override
  public void close() {
    map.close();
  }

  @Override
  public String toString() {
    return name + "[" + map.size() + " entries]";
  }
}
