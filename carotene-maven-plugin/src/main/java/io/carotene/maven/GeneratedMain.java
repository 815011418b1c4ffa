package io.carotene.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the {@code main} class Carotene's processor generated for a game: the {@code <Domain>Server}
 * of its one {@code @Domain}.
 *
 * <p>It reads the generated sources (the processor marks what it writes with
 * {@code @Generated("io.carotene.processor.CaroteneProcessor")}, and only the server has a
 * {@code main}); when they are gone (a build that kept only target/classes) it reads the
 * {@code CaroteneApplication} service file the processor writes and takes each
 * {@code <Name>Application}'s {@code <Name>Server} whose class file is there.
 */
final class GeneratedMain {
  static final String PROCESSOR = "io.carotene.processor.CaroteneProcessor";
  static final String SERVICE_FILE = "META-INF/services/io.carotene.runtime.CaroteneApplication";

  private GeneratedMain() {}

  /**
   * The generated main class.
   *
   * @throws IllegalStateException when there is none, or more than one (then the message lists
   *     them, to choose one with {@code -Dcarotene.mainClass=…})
   */
  static String find(Path generatedSources, Path classes) throws IOException {
    List<String> found = fromSources(generatedSources);
    if (found.isEmpty()) {
      found = fromServiceFile(classes);
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.isEmpty()) {
      throw new IllegalStateException(
          "No generated Carotene server found: no source under "
              + generatedSources
              + " has a main written by "
              + PROCESSOR
              + ", and "
              + classes.resolve(SERVICE_FILE)
              + " names no application with its server. Is carotene-processor on the compiler's"
              + " annotationProcessorPaths (carotene-game-parent puts it there), and is there a"
              + " @Domain interface? Or name the class: -Dcarotene.mainClass=…");
    }
    throw new IllegalStateException(
        "More than one generated Carotene server: "
            + String.join(", ", found)
            + "; choose one with -Dcarotene.mainClass=… (or <carotene.mainClass> in the pom's properties)");
  }

  static List<String> fromSources(Path root) throws IOException {
    List<String> mains = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return mains;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java")).sorted()::iterator) {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        if (source.contains("@Generated(\"" + PROCESSOR + "\")")
            && source.contains("public static void main(String[] ")) {
          String relative = root.relativize(file).toString();
          mains.add(relative.substring(0, relative.length() - ".java".length()).replace(file.getFileSystem().getSeparator(), "."));
        }
      }
    }
    return mains;
  }

  static List<String> fromServiceFile(Path classes) throws IOException {
    List<String> mains = new ArrayList<>();
    Path services = classes.resolve(SERVICE_FILE);
    if (!Files.isRegularFile(services)) {
      return mains;
    }
    for (String line : Files.readAllLines(services, StandardCharsets.UTF_8)) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#") || !name.endsWith("Application")) {
        continue;
      }
      String server = name.substring(0, name.length() - "Application".length()) + "Server";
      if (Files.isRegularFile(classes.resolve(server.replace('.', '/') + ".class"))) {
        mains.add(server);
      }
    }
    return mains;
  }
}
