package io.carotene.runtime.server;

import io.carotene.runtime.internal.Dispatcher;
import io.carotene.runtime.internal.GeneratedApplication;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.internal.LoopRegistration;
import io.carotene.runtime.internal.Operation;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.internal.WorldParts;
import io.carotene.runtime.internal.WorldServices;
import java.util.List;

/**
 * A domain with no stores and no loops whose one backend has {@code routes}, as the processor
 * would write it: the routes are all there is.
 */
public record RoutesApplication(List<HttpRoute> routes) implements GeneratedApplication {
  public RoutesApplication(HttpRoute... routes) {
    this(List.of(routes));
  }

  @Override
  public Class<?> domain() {
    return RoutesApplication.class;
  }

  @Override
  public String name() {
    return "Routes";
  }

  @Override
  public WorldParts createParts(StoreOptions options, WorldServices services) {
    return new WorldParts(List.of(), List.of(), List.of(new RoutesOnly(routes)));
  }

  /** A backend's dispatcher as the processor writes one for a backend with routes and nothing else. */
  private record RoutesOnly(List<HttpRoute> routes) implements Dispatcher {
    @Override
    public String backendName() {
      return "RoutesOnly";
    }

    @Override
    public List<LoopRegistration> loops() {
      return List.of();
    }

    @Override
    public List<Operation> operations() {
      return List.of();
    }
  }
}
