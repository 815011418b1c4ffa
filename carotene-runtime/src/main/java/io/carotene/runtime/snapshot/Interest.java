package io.carotene.runtime.snapshot;

import java.util.Objects;

/**
 * How far a client sees into one visible store: which of its entries the client's snapshots carry.
 * Declared on the store ({@code @Visible}, {@code @VisibleIf}); a store without a declaration is
 * private and has no interest. The server may override a visible store's declaration ({@code
 * CaroteneServer.Builder.interest(store, interest)}), but not make a private store visible.
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
public sealed interface Interest<F> permits Interest.Everything, Interest.Radius, Interest.Filter {
  /** One coordinate of an entry, read from its flyweight. */
  @FunctionalInterface
  interface Coordinate<F> {
    float of(F entry);
  }

  /** A user-supplied visibility rule: whether the client whose session user id is given sees the entry. */
  @FunctionalInterface
  interface Rule<F> {
    boolean sees(String viewerUserId, F entry);
  }

  /** Every entry, to every client ({@code @Visible} without a radius). */
  @SuppressWarnings("unchecked")
  static <F> Interest<F> everything() {
    return (Interest<F>) Everything.INSTANCE;
  }

  /**
   * The entries within {@code radius} (on the x–z plane, the ground) of the client's own entry:
   * the one whose id equals the session's user id. A client with no entry of its own in the store
   * sees none of it. Served from a uniform grid rebuilt once per tick, so a client costs about the
   * entries near it, not the whole store.
   */
  static <F> Interest<F> radius(float radius, Coordinate<F> x, Coordinate<F> z) {
    return new Radius<>(radius, x, z);
  }

  /**
   * The entries {@code rule} lets the client see. It runs for every entry and every client each
   * tick (O(clients × entries)): prefer {@link #radius} for distance.
   */
  static <F> Interest<F> filter(Rule<F> rule) {
    return new Filter<>(rule);
  }

  /** This interest with another radius; an interest that is not a radius is returned as it is. */
  default Interest<F> withRadius(float radius) {
    return this instanceof Radius<F> around ? radius(radius, around.x(), around.z()) : this;
  }

  /** See {@link #everything()}. */
  record Everything<F>() implements Interest<F> {
    private static final Everything<?> INSTANCE = new Everything<>();

    @Override
    public String toString() {
      return "Interest.everything()";
    }
  }

  /** See {@link #radius(float, Coordinate, Coordinate)}. */
  record Radius<F>(float radius, Coordinate<F> x, Coordinate<F> z) implements Interest<F> {
    public Radius {
      if (!(radius > 0) || Float.isInfinite(radius)) {
        throw new IllegalArgumentException("An interest radius must be positive and finite, got " + radius);
      }
      Objects.requireNonNull(x, "x");
      Objects.requireNonNull(z, "z");
    }

    @Override
    public String toString() {
      return "Interest.radius(" + radius + ")";
    }
  }

  /** See {@link #filter(Rule)}. */
  record Filter<F>(Rule<F> rule) implements Interest<F> {
    public Filter {
      Objects.requireNonNull(rule, "filter");
    }

    @Override
    public String toString() {
      return "Interest.filter(" + rule + ")";
    }
  }
}
