package io.carotene.runtime.internal;

import io.carotene.runtime.CallResult;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code @Http} method as its generated dispatcher presents it to the server: the method and
 * path template it answers, whether it must run on the world's thread (it takes a store or view),
 * and the call into the backend.
 *
 * <p>The handler decodes its arguments from {@link HttpCall#args()} with {@link JsonArgs} (a
 * {@link BadArgumentException} answers 400), runs the generated guards (answering {@code
 * FORBIDDEN}), then the backend method; the server turns a {@code Rejection} into 422 and the
 * handler's {@link CallResult#value()} into the JSON body.
 *
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}
 * @param path a path template such as {@code /api/players/{id}}
 * @param onWorldThread whether the handler touches a store, and so must run on the world thread
 * @param serverScoped whether the stores it takes are {@code scope = Scope.SERVER}: on a server of
 *     rooms it runs at its path on the process's server world, not in a room
 */
public record HttpRoute(String method, String path, boolean onWorldThread, boolean serverScoped, Handler handler) {
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  public HttpRoute {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(handler, "handler");
    method = method.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("HTTP method must be one of " + METHODS + ", got " + method);
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("An HTTP route's path must start with '/', got '" + path + "'");
    }
  }

  /** A route that takes no server-scoped store. */
  public HttpRoute(String method, String path, boolean onWorldThread, Handler handler) {
    this(method, path, onWorldThread, false, handler);
  }

  /** Whether requests to this route carry a JSON body whose members are the arguments. */
  public boolean hasBody() {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  /** The generated call into the backend. */
  @FunctionalInterface
  public interface Handler {
    CallResult handle(HttpCall call);
  }
}
