package io.carotene.runtime.internal;

import io.carotene.runtime.CaroteneConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chronicle Map reaches into JDK internals; without these flags it fails deep inside with an
 * {@code IllegalAccessError}. Checking them first turns that into one message listing exactly
 * what to add. Keep in step with {@code carotene.jvm.flags} in carotene-bom's pom.
 */
public final class JvmFlags {
  /** Every flag Carotene's off-heap stores need on JDK 17 and later. */
  public static final List<String> REQUIRED =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");

  private JvmFlags() {}

  /** The required flags this JVM was started without; empty when all is well. */
  public static List<String> missing() {
    Module unnamed = JvmFlags.class.getClassLoader().getUnnamedModule();
    Module base = Object.class.getModule();
    List<String> missing = new ArrayList<>();
    if (!base.isOpen("java.lang", unnamed)) {
      missing.add(REQUIRED.get(0));
    }
    if (!base.isOpen("java.lang.reflect", unnamed)) {
      missing.add(REQUIRED.get(1));
    }
    Optional<Module> compiler = ModuleLayer.boot().findModule("jdk.compiler");
    if (compiler.isEmpty()) {
      throw new CaroteneConfigurationException(
          "Carotene's off-heap stores compile classes at run time and need a full JDK (module"
              + " jdk.compiler), but this Java runtime has none. Run with a JDK 17+, not a JRE.");
    }
    if (!compiler.get().isExported("com.sun.tools.javac.file", unnamed)) {
      missing.add(REQUIRED.get(2));
    }
    if (!base.isExported("jdk.internal.ref", unnamed)) {
      missing.add(REQUIRED.get(3));
    }
    if (!base.isExported("sun.nio.ch", unnamed)) {
      missing.add(REQUIRED.get(4));
    }
    return missing;
  }

  /** Fails with a message listing the missing flags, if any. */
  public static void require() {
    List<String> missing = missing();
    if (!missing.isEmpty()) {
      throw new CaroteneConfigurationException(message(missing));
    }
  }

  /**
   * The missing flags come first, on the message's first line: a build tool's summary often keeps
   * only that line of a failure, and the flags are what the reader needs.
   */
  static String message(List<String> missing) {
    return "Missing JVM flags: " + String.join(" ", missing)
        + "\nCarotene's off-heap stores (Chronicle Map) need them. Add all of them to the java command"
        + " line, or to surefire's <argLine> for tests: "
        + String.join(" ", REQUIRED);
  }
}
