package io.carotene.runtime.server;

/**
 * Server settings a domain ships with its code: implement it, register the class in {@code
 * META-INF/services/io.carotene.runtime.server.ServerCustomizer}, and every {@link
 * CaroteneServer.Builder} made for that domain (the generated main, {@code TestServer}) applies it
 * first; settings made on the builder afterwards win.
 */
public interface ServerCustomizer {
  /** The domain it applies to, as {@code @Domain} names it ({@code "Arena"}). */
  String domain();

  /** Adjusts the builder. */
  void customize(CaroteneServer.Builder builder);
}
