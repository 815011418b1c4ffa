package io.carotene.test;

import io.carotene.runtime.CaroteneApplication;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * {@code java -cp <game and carotene-test> io.carotene.test.ReplayMain <recording-directory>}:
 * prints the recording's summary, then replays it with the game's code on the class path (the
 * {@code CaroteneApplication} of the recorded domain) and prints {@code OK} or the first
 * divergence. Exits 0 when the replay matches, 1 when it diverges, 2 on a usage error.
 */
public final class ReplayMain {
  private ReplayMain() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("Usage: ReplayMain <recording-directory>");
      System.exit(2);
    }
    System.exit(run(Path.of(args[0])));
  }

  /** Prints the summary and the replay's outcome; returns the exit code. */
  static int run(Path recording) {
    RecordingSummary summary;
    try {
      summary = RecordingSummary.read(recording);
    } catch (RuntimeException e) {
      System.err.println("Cannot read " + recording + ": " + e.getMessage());
      return 2;
    }
    System.out.println(summary);
    CaroteneApplication application = null;
    for (CaroteneApplication candidate : ServiceLoader.load(CaroteneApplication.class)) {
      if (candidate.name().equals(summary.domain())) {
        application = candidate;
      }
    }
    if (application == null) {
      System.err.println("No " + summary.domain() + " application on the class path: add the game's jar");
      return 2;
    }
    try {
      System.out.println(Replay.of(application, recording).replay());
      return 0;
    } catch (ReplayDivergence divergence) {
      System.out.println(divergence.getMessage());
      return 1;
    }
  }
}
