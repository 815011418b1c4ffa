package io.carotene.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** The JVM flags Chronicle Map needs: carotene-bom's {@code carotene.jvm.flags}, built into the plugin. */
final class CaroteneJvmFlags {
  private CaroteneJvmFlags() {}

  static List<String> list() {
    Properties properties = new Properties();
    try (InputStream in = CaroteneJvmFlags.class.getResourceAsStream("jvm-flags.properties")) {
      if (in == null) {
        throw new IllegalStateException("jvm-flags.properties is missing from carotene-maven-plugin");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String flags = properties.getProperty("flags", "").strip();
    if (flags.isEmpty() || flags.contains("${")) {
      throw new IllegalStateException("carotene-maven-plugin was built without carotene.jvm.flags: " + flags);
    }
    return Arrays.asList(flags.split("\\s+"));
  }
}
