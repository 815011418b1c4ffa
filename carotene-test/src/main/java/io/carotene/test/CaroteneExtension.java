package io.carotene.test;

import io.carotene.runtime.CaroteneApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link CaroteneTest}: finds the domain's generated {@link
 * CaroteneApplication} (a service the processor registers), gives each test method its own {@link
 * Sandbox}, and closes it after the test.
 */
public final class CaroteneExtension implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(CaroteneExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Sandbox.class || type == FrozenClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "A Sandbox belongs to one test method; declare it as a parameter of the @Test method,"
              + " not of a constructor or a class-level callback");
    }
    Sandbox sandbox =
        context
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                OpenSandbox.class, key -> new OpenSandbox(createSandbox(context)), OpenSandbox.class)
            .sandbox;
    Class<?> type = parameter.getParameter().getType();
    return type == FrozenClock.class ? sandbox.clock() : sandbox;
  }

  private static Sandbox createSandbox(ExtensionContext context) {
    CaroteneTest config =
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), CaroteneTest.class)
            .orElseThrow(
                () ->
                    new ExtensionConfigurationException(
                        "Annotate " + context.getRequiredTestClass().getName() + " with @CaroteneTest"));
    CaroteneApplication application = findApplication(config.value());
    return new Sandbox(application, config.capacity());
  }

  static CaroteneApplication findApplication(Class<?> domain) {
    List<CaroteneApplication> found = new ArrayList<>();
    for (CaroteneApplication application : ServiceLoader.load(CaroteneApplication.class)) {
      found.add(application);
    }
    List<String> names = new ArrayList<>();
    for (CaroteneApplication application : found) {
      names.add(application.domain().getName());
      if (application.domain() == domain) {
        return application;
      }
    }
    if (domain == void.class && found.size() == 1) {
      return found.get(0);
    }
    if (found.isEmpty()) {
      throw new ExtensionConfigurationException(
          "No Carotene application is on the test class path. Is carotene-processor on the"
              + " compiler's annotationProcessorPaths, and does a @Domain interface exist?");
    }
    if (domain == void.class) {
      throw new ExtensionConfigurationException(
          "Several Carotene applications are on the class path " + names
              + "; name one with @CaroteneTest(YourDomain.class)");
    }
    throw new ExtensionConfigurationException(
        domain.getName() + " has no generated Carotene application; is it annotated @Domain? Found: " + names);
  }

  /** Closes the sandbox (and its off-heap stores) when the test method's context closes. */
  private static final class OpenSandbox implements ExtensionContext.Store.CloseableResource {
    final Sandbox sandbox;

    OpenSandbox(Sandbox sandbox) {
      this.sandbox = sandbox;
    }

    @Override
    public void close() {
      sandbox.close();
    }
  }
}
