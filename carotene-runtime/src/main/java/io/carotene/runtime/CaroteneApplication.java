package io.carotene.runtime;

import io.carotene.runtime.internal.StoreOptions;

/**
 * A domain and its backends, as the processor wires them: one generated {@code <Domain>Application}
 * per {@code @Domain}, registered as a service so the test sandbox and the server can find it.
 */
public interface CaroteneApplication {
  /** The {@code @Domain} interface this application was generated from. */
  Class<?> domain();

  /** The domain's name ({@code Arena}). */
  String name();

  /** Creates the domain's stores and backends as a new, not yet started, world. */
  World createWorld(Clock clock, StoreOptions options);
}
