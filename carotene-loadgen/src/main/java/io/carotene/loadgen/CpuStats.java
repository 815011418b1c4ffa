package io.carotene.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from Linux's /proc, so a report says who used the cores: this process, the server (by
 * pid), and the whole machine (others too: compilers, other benchmarks). Everything reads -1 where
 * /proc is not there.
 */
final class CpuStats {
  /** Linux's USER_HZ: /proc counts CPU time in these ticks (100 on every common kernel). */
  private static final double CLOCK_TICKS = 100.0;

  final long atNanos = System.nanoTime();
  final double selfSeconds;
  final double serverSeconds;
  final double machineBusySeconds;
  final double machineTotalSeconds;

  CpuStats(long serverPid) {
    selfSeconds = processSeconds("self");
    serverSeconds = serverPid > 0 ? processSeconds(Long.toString(serverPid)) : -1;
    double[] machine = machineSeconds();
    machineBusySeconds = machine[0];
    machineTotalSeconds = machine[1];
  }

  /** utime + stime of /proc/<pid>/stat (fields 14 and 15). */
  private static double processSeconds(String pid) {
    Times times = Times.of(pid);
    return times == null ? -1 : times.userSeconds() + times.kernelSeconds();
  }

  /** A process's CPU time so far, split into user and kernel time. */
  record Times(double userSeconds, double kernelSeconds) {
    /** This process's times, or zeros where /proc is not there. */
    static Times ofSelf() {
      Times times = of("self");
      return times == null ? new Times(0, 0) : times;
    }

    /** utime and stime of /proc/<pid>/stat (fields 14 and 15), or null. */
    static Times of(String pid) {
      try {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state); utime is field 14, stime field 15
        return new Times(Long.parseLong(fields[11]) / CLOCK_TICKS, Long.parseLong(fields[12]) / CLOCK_TICKS);
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
  }

  /** {busy, total} seconds summed over all cores, from the first line of /proc/stat. */
  private static double[] machineSeconds() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      long total = 0;
      long idle = 0;
      for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
        long v = Long.parseLong(f[i]);
        total += v;
        if (i == 4 || i == 5) {
          idle += v;
        }
      }
      return new double[] {(total - idle) / CLOCK_TICKS, total / CLOCK_TICKS};
    } catch (IOException | RuntimeException e) {
      return new double[] {-1, -1};
    }
  }

  /** The 1-, 5- and 15-minute load averages, or null. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
