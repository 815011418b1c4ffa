package io.carotene.runtime.internal;

import io.carotene.runtime.Tick;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One {@code @Loop} as the generated dispatcher registers it: its name, its period as parsed at
 * compile time, and the call into the backend.
 */
public record LoopRegistration(String name, long periodNanos, Consumer<Tick> body) {
  public LoopRegistration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
    if (periodNanos <= 0) {
      throw new IllegalArgumentException("Loop " + name + ": period must be positive, got " + periodNanos + "ns");
    }
  }
}
