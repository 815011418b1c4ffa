package io.carotene.runtime.internal;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles, once, the class Chronicle Values would otherwise generate and compile with javac in
 * every JVM that opens a persisted Chronicle Map ({@code VanillaGlobalMutableState$$Native}), so a
 * child JVM that finds it on its class path skips about a second of CPU at start-up. Chronicle
 * Values loads a class of that name before generating one, so the child runs the same code either
 * way. Test-only: it reaches into Chronicle Values' package-private generator, and if that changes
 * in a later version it returns empty and the children just start slower.
 */
final class PrecompiledValueClasses {
  private static final String VALUE_TYPE = "net.openhft.chronicle.hash.VanillaGlobalMutableState";

  private PrecompiledValueClasses() {}

  /** A class-path directory holding the compiled class, or empty if it could not be made. */
  static Optional<Path> compileInto(Path directory) {
    try {
      String simpleName = "VanillaGlobalMutableState$$Native";
      Class<?> valueType = Class.forName(VALUE_TYPE);
      Class<?> model = Class.forName("net.openhft.chronicle.values.ValueModel");
      Object valueModel = model.getMethod("acquire", Class.class).invoke(null, valueType);
      Method generate =
          Class.forName("net.openhft.chronicle.values.Generators")
              .getDeclaredMethod("generateNativeClass", model, String.class);
      generate.setAccessible(true);
      String source = (String) generate.invoke(null, valueModel, simpleName);

      Path sources = Files.createDirectories(directory.resolve("sources"));
      Path classes = Files.createDirectories(directory.resolve("classes"));
      Path file = sources.resolve(simpleName + ".java");
      Files.writeString(file, source);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      List<String> arguments =
          List.of(
              "-nowarn", "-proc:none", "-cp", System.getProperty("java.class.path"),
              "-d", classes.toString(), file.toString());
      int status = javac.run(null, null, null, arguments.toArray(String[]::new));
      return status == 0 ? Optional.of(classes) : Optional.empty();
    } catch (ReflectiveOperationException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
