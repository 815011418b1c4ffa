package io.carotene.test.server;

import io.carotene.runtime.CaroteneApplication;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link TestServer} for a test class (in a {@code static} field: one server for all its
 * tests) or for each test (in an instance field), stops it after, and injects it into test methods
 * that ask for a {@code TestServer} parameter. The running server lives in JUnit's extension store
 * under this extension's own namespace, so it is closed with the context that started it, even when
 * a test fails.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestServerExtension arena = TestServerExtension.of(ArenaApplication::new);
 *
 * @Test
 * void loginWorks(TestServer server) { assertThat(server.post("/api/login", Map.of("name", "a")).status()).isEqualTo(200); }
 * }</pre>
 */
public final class TestServerExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  private static final String SERVER = "server";

  private final Supplier<? extends CaroteneApplication> application;
  private final Consumer<TestServer.Builder> configuration;
  /** Namespaced by this instance: two extensions in one class keep two servers. */
  private final Namespace namespace = Namespace.create(TestServerExtension.class, this);

  private TestServerExtension(Supplier<? extends CaroteneApplication> application, Consumer<TestServer.Builder> configuration) {
    this.application = application;
    this.configuration = configuration;
  }

  /** A server of {@code application} with the default test settings. */
  public static TestServerExtension of(Supplier<? extends CaroteneApplication> application) {
    return new TestServerExtension(application, builder -> {});
  }

  /** A server of {@code application}, set up by {@code configuration} (rate limit, interest, …). */
  public static TestServerExtension of(
      Supplier<? extends CaroteneApplication> application, Consumer<TestServer.Builder> configuration) {
    return new TestServerExtension(application, configuration);
  }

  /** Registered on a static field: one server for the class, closed after its last test. */
  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(namespace).getOrComputeIfAbsent(SERVER, key -> new RunningServer(start()), RunningServer.class);
  }

  /** Registered on an instance field (no {@code beforeAll}): one server per test, closed after it. */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (find(context) == null) {
      context.getStore(namespace).put(SERVER, new RunningServer(start()));
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RunningServer running = find(context);
    if (running == null) {
      throw new ExtensionConfigurationException(
          "The test server is not running: register TestServerExtension with @RegisterExtension");
    }
    return running.server();
  }

  /** The server of this context or an enclosing one (the store looks up its parents). */
  private RunningServer find(ExtensionContext context) {
    return context.getStore(namespace).get(SERVER, RunningServer.class);
  }

  private TestServer start() {
    TestServer.Builder builder = TestServer.builder(application.get());
    configuration.accept(builder);
    return builder.start();
  }

  /** Closes the server when JUnit closes the context that stored it. */
  private record RunningServer(TestServer server) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      server.close();
    }
  }
}
