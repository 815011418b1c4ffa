package io.carotene.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The server process's memory, read from this machine (needs {@code --server-pid}): live heap
 * after a full GC ({@code jcmd GC.class_histogram}'s total, which forces the GC), resident memory
 * ({@code VmRSS}), and the JVM's committed native memory when the server runs with {@code
 * -XX:NativeMemoryTracking=summary}. A field is -1 when it cannot be read.
 */
record ServerMemory(long liveHeapBytes, long rssKb, long nmtCommittedKb) {
  static ServerMemory read(long pid) {
    if (pid <= 0) {
      return new ServerMemory(-1, -1, -1);
    }
    long heap = -1;
    for (String line : jcmd(pid, "GC.class_histogram").lines().toList()) {
      if (line.startsWith("Total")) {
        String[] fields = line.trim().split("\\s+");
        heap = Long.parseLong(fields[fields.length - 1]);
      }
    }
    long rss = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    long nmt = -1;
    for (String line : jcmd(pid, "VM.native_memory", "summary").lines().toList()) {
      int at = line.indexOf("committed=");
      if (line.startsWith("Total:") && at >= 0) {
        nmt = Long.parseLong(line.substring(at + 10).replaceAll("[^0-9].*", ""));
      }
    }
    return new ServerMemory(heap, rss, nmt);
  }

  private static String jcmd(long pid, String... command) {
    String[] args = new String[command.length + 2];
    args[0] = "jcmd";
    args[1] = Long.toString(pid);
    System.arraycopy(command, 0, args, 2, command.length);
    try {
      Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes());
      process.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
