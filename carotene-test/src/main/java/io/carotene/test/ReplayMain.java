package io.carotene.test;

import io.carotene.runtime.CaroteneApplication;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * {@code java -cp <game and carotene-test> io.carotene.test.ReplayMain <recording-directory>}:
 * prints the recording's summary (a single world's, or a room's: {@code
 * <record-dir>/<room-type>/<room-id>}), then replays it with the game's code on the class path (the
 * {@code CaroteneApplication} of the recorded domain) and prints {@code OK} or the first
 * divergence, and how long the replay took against the recorded time. Given a directory that holds recordings rather than one (the record directory, or a
 * room type's), it lists them. Exits 0 when the replay matches, 1 when it diverges, 2 on a usage
 * error.
 */
public final class ReplayMain {
  private ReplayMain() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("Usage: ReplayMain <recording-directory>");
      System.exit(2);
    }
    System.exit(run(Path.of(args[0]), System.out, System.err));
  }

  /** Prints the summary and the replay's outcome to {@code out}; returns the exit code. */
  public static int run(Path recording, PrintStream out, PrintStream err) {
    if (Files.isDirectory(recording) && !isRecording(recording)) {
      return list(recording, out, err);
    }
    RecordingSummary summary;
    try {
      summary = RecordingSummary.read(recording);
    } catch (RuntimeException e) {
      err.println("Cannot read " + recording + ": " + e.getMessage());
      return 2;
    }
    out.println(summary);
    CaroteneApplication application = null;
    for (CaroteneApplication candidate : ServiceLoader.load(CaroteneApplication.class)) {
      if (candidate.name().equals(summary.domain())) {
        application = candidate;
      }
    }
    if (application == null) {
      err.println("No " + summary.domain() + " application on the class path: add the game's jar");
      return 2;
    }
    try {
      long began = System.nanoTime();
      out.println(Replay.of(application, recording).replay());
      double seconds = (System.nanoTime() - began) / 1e9;
      out.printf(java.util.Locale.ROOT, "Replayed in %.2f s: %.1f× the recorded %.1f s%n", seconds,
          summary.duration().toNanos() / 1e9 / seconds, summary.duration().toNanos() / 1e9);
      return 0;
    } catch (ReplayDivergence divergence) {
      out.println(divergence.getMessage());
      return 1;
    }
  }

  /** Lists the recordings under {@code directory} (two levels: types, then rooms) with their ticks. */
  private static int list(Path directory, PrintStream out, PrintStream err) {
    List<Path> found;
    try (Stream<Path> walk = Files.walk(directory, 2)) {
      found = walk.filter(Files::isDirectory).filter(ReplayMain::isRecording).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (found.isEmpty()) {
      err.println("No recording in " + directory);
      return 2;
    }
    out.println(found.size() + (found.size() == 1 ? " recording" : " recordings") + " in " + directory
        + "; replay one by naming its directory:");
    for (Path recording : found) {
      String what;
      try {
        RecordingSummary summary = RecordingSummary.read(recording);
        what = summary.ticks() + " ticks, " + summary.players().size() + " players, "
            + summary.rejectionsByCode().values().stream().mapToLong(Long::longValue).sum() + " rejections";
      } catch (RuntimeException unreadable) {
        what = "unreadable: " + unreadable.getMessage();
      }
      out.println("  " + recording + "  (" + what + ")");
    }
    return 2;
  }

  private static boolean isRecording(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.anyMatch(file -> file.getFileName().toString().endsWith(".cq4"));
    } catch (IOException e) {
      return false;
    }
  }
}
