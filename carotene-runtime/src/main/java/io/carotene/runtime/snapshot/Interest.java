package io.carotene.runtime.snapshot;

import io.carotene.runtime.server.CaroteneServer;
import java.util.Objects;

/**
 * How far a client sees into one store: which of its entries the client's snapshots carry. Set per
 * store on the server ({@link CaroteneServer.Builder#interest(String, Interest)}); a store without
 * one is seen whole ({@link #everything()}).
 *
 * <pre>{@code
 * CaroteneServer.builder(new ArenaApplication())
 *     .interest("GameWorld", Interest.<MutablePlayer>radius(50f, p -> p.position().x(), p -> p.position().z()))
 * }</pre>
 *
 * <p>The functions receive the store's reused flyweight on the world thread: read it, never keep
 * it, and do not allocate (they run once per entry per tick, or per entry per client for a
 * {@link #filter}).
 *
 * @param <F> the store's flyweight type ({@code MutablePlayer})
 */
public final class Interest<F> {
  /** One coordinate of an entry, read from its flyweight. */
  @FunctionalInterface
  public interface Coordinate<F> {
    float of(F entry);
  }

  /** A user-supplied visibility rule: whether the client whose session user id is given sees the entry. */
  @FunctionalInterface
  public interface Filter<F> {
    boolean sees(String viewerUserId, F entry);
  }

  enum Kind {
    EVERYTHING,
    RADIUS,
    FILTER
  }

  private static final Interest<?> EVERYTHING = new Interest<>(Kind.EVERYTHING, 0, null, null, null);

  final Kind kind;
  final float radius;
  final Coordinate<F> x;
  final Coordinate<F> z;
  final Filter<F> filter;

  private Interest(Kind kind, float radius, Coordinate<F> x, Coordinate<F> z, Filter<F> filter) {
    this.kind = kind;
    this.radius = radius;
    this.x = x;
    this.z = z;
    this.filter = filter;
  }

  /** Every entry, to every client: the default. */
  @SuppressWarnings("unchecked")
  public static <F> Interest<F> everything() {
    return (Interest<F>) EVERYTHING;
  }

  /**
   * The entries within {@code radius} (on the x–z plane, the ground) of the client's own entry:
   * the one whose id equals the session's user id. A client with no entry of its own in the store
   * sees none of it. Served from a uniform grid rebuilt once per tick, so a client costs about the
   * entries near it, not the whole store.
   */
  public static <F> Interest<F> radius(float radius, Coordinate<F> x, Coordinate<F> z) {
    if (!(radius > 0) || Float.isInfinite(radius)) {
      throw new IllegalArgumentException("An interest radius must be positive and finite, got " + radius);
    }
    return new Interest<>(Kind.RADIUS, radius, Objects.requireNonNull(x, "x"), Objects.requireNonNull(z, "z"), null);
  }

  /**
   * The entries {@code filter} lets the client see. It runs for every entry and every client each
   * tick (O(clients × entries)): prefer {@link #radius} for distance.
   */
  public static <F> Interest<F> filter(Filter<F> filter) {
    return new Interest<>(Kind.FILTER, 0, null, null, Objects.requireNonNull(filter, "filter"));
  }

  /** This interest with another radius; an interest that is not a radius is returned as it is. */
  public Interest<F> withRadius(float radius) {
    return kind == Kind.RADIUS ? radius(radius, x, z) : this;
  }

  /** Whether this is {@link #everything()}. */
  public boolean isEverything() {
    return kind == Kind.EVERYTHING;
  }

  /** A radius interest's x coordinate; null for the others. */
  public Coordinate<F> x() {
    return x;
  }

  /** A radius interest's z coordinate; null for the others. */
  public Coordinate<F> z() {
    return z;
  }

  /** A filter interest's filter; null for the others. */
  public Filter<F> filter() {
    return filter;
  }

  /** The radius, or 0 when this is not a radius interest. */
  public float radius() {
    return radius;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case EVERYTHING -> "Interest.everything()";
      case RADIUS -> "Interest.radius(" + radius + ")";
      case FILTER -> "Interest.filter(" + filter + ")";
    };
  }
}
