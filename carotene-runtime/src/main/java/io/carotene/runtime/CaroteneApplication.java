package io.carotene.runtime;

/**
 * A domain and its backends, as the processor wires them: the generated {@code
 * <Domain>Application} of a {@code @Domain}, registered as a service so that the server and the
 * test sandbox can find it. Pass one to {@code CaroteneServer.builder(...)}, {@code
 * TestServer.start(...)} or {@code @CaroteneTest}; only the processor implements it.
 */
public interface CaroteneApplication {
  /** The {@code @Domain} interface this application was generated from. */
  Class<?> domain();

  /** The domain's name ({@code Arena}). */
  String name();
}
