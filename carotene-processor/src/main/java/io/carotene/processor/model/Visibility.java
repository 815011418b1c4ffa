package io.carotene.processor.model;

import java.util.List;

/** What clients receive of a store, as its {@code @Visible} or {@code @VisibleIf} declares. */
public sealed interface Visibility {
  /** No declaration: the store never leaves the server. */
  record Private() implements Visibility {}

  /** {@code @Visible}: every entry, to every client. */
  record Everyone() implements Visibility {}

  /**
   * {@code @Visible(radius = ..., x = ..., z = ...)}.
   *
   * @param x the component names from the model to the x coordinate ({@code [position, x]})
   * @param xIsDouble whether that coordinate is a {@code double} (narrowed to float)
   */
  record Radius(double radius, List<String> x, boolean xIsDouble, List<String> z, boolean zIsDouble)
      implements Visibility {
    public Radius {
      x = List.copyOf(x);
      z = List.copyOf(z);
    }
  }

  /**
   * A {@code @VisibleIf} method of the store interface.
   *
   * @param method its name
   * @param takesFlyweight whether it takes the flyweight ({@code MutablePlayer}), else the model
   */
  record Filter(String method, boolean takesFlyweight) implements Visibility {}
}
