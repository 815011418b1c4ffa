package io.carotene.test.server;

import io.carotene.runtime.CaroteneApplication;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link TestServer} for a test class (in a {@code static} field: one server for all its
 * tests) or for each test (in an instance field), stops it after, and injects it into test methods
 * that ask for a {@code TestServer} parameter.
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
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final Supplier<? extends CaroteneApplication> application;
  private final Consumer<TestServer.Builder> configuration;
  private TestServer server;
  private boolean perClass;

  private TestServerExtension(Supplier<? extends CaroteneApplication> application, Consumer<TestServer.Builder> configuration) {
    this.application = application;
    this.configuration = configuration;
  }

  /** A server of {@code application} with the default test settings. */
  public static TestServerExtension of(Supplier<? extends CaroteneApplication> application) {
    return new TestServerExtension(application, builder -> {});
  }

  /** A server of {@code application}, set up by {@code configuration} (routes, rate limit, …). */
  public static TestServerExtension of(
      Supplier<? extends CaroteneApplication> application, Consumer<TestServer.Builder> configuration) {
    return new TestServerExtension(application, configuration);
  }

  /** The running server. */
  public TestServer server() {
    if (server == null) {
      throw new ExtensionConfigurationException(
          "The test server is not running: register TestServerExtension with @RegisterExtension");
    }
    return server;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    server = start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      server = start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server();
  }

  private TestServer start() {
    TestServer.Builder builder = TestServer.builder(application.get());
    configuration.accept(builder);
    return builder.start();
  }

  private void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
