package io.carotene.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/** The run's one report, as text or as one JSON object; built from what was counted, nothing else. */
final class Report {
  private final ObjectNode root = ServerMetrics.JSON.createObjectNode();

  Report(Options o, Run run, List<Bot> bots, Pacer pacer, Map<String, LongAdder> connectFailures,
      double connectSeconds, ServerMetrics start, ServerMetrics end, CpuStats cpuStart,
      CpuStats cpuEnd, String loadAverage, int threads, long openAtEnd, double serverWindowSeconds) {
    double window = o.seconds;
    List<Bot> connected = bots.stream().filter(b -> b.connection != null).toList();

    root.put("url", o.url.toString());
    root.put("bots", o.bots);
    root.put("cheaters", o.cheaters);
    root.put("rateHz", o.rate);
    root.put("warmupSeconds", o.warmup);
    root.put("windowSeconds", window);
    root.put("connected", connected.size());
    root.put("connectSeconds", round(connectSeconds, 2));
    ObjectNode failures = root.putObject("connectFailures");
    new TreeMap<>(connectFailures).forEach((k, v) -> failures.put(k, v.sum()));
    root.put("openAtEnd", openAtEnd);

    double[] snapshotRates = connected.stream().mapToDouble(b -> b.windowSnapshots / window).sorted().toArray();
    double[] byteRates = connected.stream().mapToDouble(b -> b.windowBytes / window).sorted().toArray();
    ObjectNode snaps = root.putObject("snapshotsPerSecondPerBot");
    snaps.put("min", round(min(snapshotRates), 2));
    snaps.put("median", round(median(snapshotRates), 2));
    snaps.put("max", round(max(snapshotRates), 2));
    // Relative to what most bots got: the server may send every n-th tick (CAROTENE_SNAPSHOT_EVERY).
    double slow = 0.95 * median(snapshotRates);
    snaps.put("botsBelow95PercentOfMedian", Arrays.stream(snapshotRates).filter(r -> r < slow).count());
    ObjectNode bytes = root.putObject("bytesPerSecondPerBot");
    bytes.put("min", Math.round(min(byteRates)));
    bytes.put("median", Math.round(median(byteRates)));
    bytes.put("max", Math.round(max(byteRates)));
    root.put("format", o.format);
    root.put("calls", o.calls);
    if (o.format.equals("binary")) {
      ObjectNode bin = root.putObject("binarySnapshots");
      long full = connected.stream().mapToLong(b -> b.windowFullSnapshots).sum();
      long deltas = connected.stream().mapToLong(b -> b.windowDeltaSnapshots).sum();
      long counted = connected.stream().mapToLong(b -> b.windowDeltaCounted).sum();
      bin.put("full", full);
      bin.put("deltas", deltas);
      bin.put("entriesPerFull", full == 0 ? 0 : round(connected.stream().mapToLong(b -> b.windowFullEntries).sum() / (double) full, 1));
      bin.put("entriesPerDelta", counted == 0 ? 0 : round(connected.stream().mapToLong(b -> b.windowDeltaEntries).sum() / (double) counted, 1));
      long updates = connected.stream().mapToLong(b -> b.windowDeltaUpdatesCounted).sum();
      bin.put("updatedPerDelta", updates == 0 ? 0 : round(connected.stream().mapToLong(b -> b.windowDeltaUpdated).sum() / (double) updates, 1));
      bin.put("removedPerDelta", counted == 0 ? 0 : round(connected.stream().mapToLong(b -> b.windowDeltaRemoved).sum() / (double) counted, 2));
    }
    ObjectNode missed = root.putObject("ticksMissedPerBot");
    missed.put("total", connected.stream().mapToLong(b -> b.windowMissedTicks).sum());
    missed.put("max", connected.stream().mapToLong(b -> b.windowMissedTicks).max().orElse(0));

    histogram(root.putObject("inputToAckMs"), run.ackLatencyMicros);
    long sentInWindow = connected.stream().mapToLong(b -> b.windowInputsSent).sum();
    ((ObjectNode) root.get("inputToAckMs")).put("sentInWindow", sentInWindow);
    histogram(root.putObject("snapshotIntervalMs"), run.snapshotIntervalMicros);

    ObjectNode inputs = root.putObject("inputs");
    inputs.put("sent", connected.stream().mapToLong(b -> b.inputsSent).sum());
    inputs.put("slotsSkippedInWindow", pacer.windowSlotsSkipped);
    inputs.put("slotsSkipped", pacer.slotsSkipped);
    inputs.put("sendsBusy", connected.stream().mapToLong(b -> b.sendsBusy).sum());
    inputs.put("sendFailures", connected.stream().mapToLong(b -> b.sendFailures).sum());
    inputs.put("neverAcked", connected.stream().mapToLong(Bot::overwrittenCalls).sum());
    histogram(inputs.putObject("sendLagMs"), run.sendLagMicros);

    ObjectNode cheats = root.putObject("cheats");
    cheats.put("sent", connected.stream().mapToLong(b -> b.cheatsSent).sum());
    cheats.put("rejected", run.cheatsRejected.sum());
    cheats.put("accepted", run.cheatsAccepted.sum());
    ObjectNode errors = root.putObject("errors");
    run.errors().forEach(errors::put);
    ObjectNode windowErrors = root.putObject("errorsInWindow");
    run.windowErrors().forEach(windowErrors::put);

    ObjectNode server = root.putObject("server");
    if (end.body != null) {
      server.set("metricsAtEnd", end.body);
    } else {
      server.put("metricsError", end.error);
    }
    JsonNode l0 = start.firstLoop();
    JsonNode l1 = end.firstLoop();
    if (l0 != null && l1 != null) {
      ObjectNode w = server.putObject("window");
      long ticks = ServerMetrics.longOf(l1, "ticks") - ServerMetrics.longOf(l0, "ticks");
      w.put("loop", l1.path("name").asText());
      w.put("seconds", round(serverWindowSeconds, 2));
      w.put("ticks", ticks);
      w.put("ticksPerSecond", round(ticks / serverWindowSeconds, 2));
      w.put("skipped", ServerMetrics.longOf(l1, "skipped") - ServerMetrics.longOf(l0, "skipped"));
      w.put("overruns", ServerMetrics.longOf(l1, "overruns") - ServerMetrics.longOf(l0, "overruns"));
      if (l0.has("meanDurationNanos") && l1.has("meanDurationNanos") && ticks > 0) {
        double total1 = (double) ServerMetrics.longOf(l1, "meanDurationNanos") * ServerMetrics.longOf(l1, "ticks");
        double total0 = (double) ServerMetrics.longOf(l0, "meanDurationNanos") * ServerMetrics.longOf(l0, "ticks");
        w.put("meanDurationMicros", round((total1 - total0) / ticks / 1000, 1));
      }
      Histogram intervals = ServerMetrics.intervalsBetween(l0, l1);
      if (intervals != null && intervals.getTotalCount() > 0) {
        w.put("intervalP50Ms", round(intervals.getValueAtPercentile(50) / 1e6, 2));
        w.put("intervalP99Ms", round(intervals.getValueAtPercentile(99) / 1e6, 2));
        w.put("intervalMaxMs", round(intervals.getMaxValue() / 1e6, 2));
      }
      Histogram afterTicks = ServerMetrics.afterTicksBetween(l0, l1);
      if (afterTicks != null && afterTicks.getTotalCount() > 0) {
        w.put("afterTickMeanMicros", round(afterTicks.getMean() / 1000, 1));
        w.put("afterTickP99Micros", afterTicks.getValueAtPercentile(99) / 1000);
      }
      w.put("maxDurationMicrosSinceStart", ServerMetrics.longOf(l1, "maxDurationMicros"));
      w.put("maxLateMicrosSinceStart", ServerMetrics.longOf(l1, "maxLateMicros"));
    }

    ObjectNode cpu = root.putObject("cpu");
    double cpuWindow = (cpuEnd.atNanos - cpuStart.atNanos) / 1e9;
    cpu.put("machineCores", Runtime.getRuntime().availableProcessors());
    cpu.put("loadgenCores", cores(cpuStart.selfSeconds, cpuEnd.selfSeconds, cpuWindow));
    cpu.put("serverCores", cores(cpuStart.serverSeconds, cpuEnd.serverSeconds, cpuWindow));
    cpu.put("machineBusyCores", cores(cpuStart.machineBusySeconds, cpuEnd.machineBusySeconds, cpuWindow));
    if (cpu.get("serverCores").asDouble() >= 0 && cpu.get("machineBusyCores").asDouble() >= 0) {
      cpu.put("otherCores", round(cpu.get("machineBusyCores").asDouble() - cpu.get("serverCores").asDouble()
          - cpu.get("loadgenCores").asDouble(), 2));
    }
    cpu.put("loadAverage", loadAverage);
    cpu.put("loadgenThreads", threads);
  }

  String json() {
    try {
      return ServerMetrics.JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String text() {
    StringBuilder s = new StringBuilder();
    JsonNode r = root;
    line(s, "Carotene load: %d bots (%d cheaters) against %s, %.0f Hz inputs, %.1f s measured after %.1f s warm-up",
        r.get("bots").asInt(), r.get("cheaters").asInt(), r.get("url").asText(), r.get("rateHz").asDouble(),
        r.get("windowSeconds").asDouble(), r.get("warmupSeconds").asDouble());
    line(s, "  connected            %d/%d in %.1f s, failures %s, still open at window end %d",
        r.get("connected").asInt(), r.get("bots").asInt(), r.get("connectSeconds").asDouble(),
        r.get("connectFailures"), r.get("openAtEnd").asLong());
    JsonNode sn = r.get("snapshotsPerSecondPerBot");
    line(s, "  snapshots/s per bot  min %.1f  median %.1f  max %.1f   (bots below 95%% of the median: %d)",
        sn.get("min").asDouble(), sn.get("median").asDouble(), sn.get("max").asDouble(),
        sn.get("botsBelow95PercentOfMedian").asLong());
    JsonNode b = r.get("bytesPerSecondPerBot");
    line(s, "  bytes/s per bot      median %s/s  max %s/s  (min %s/s)", human(b.get("median").asLong()),
        human(b.get("max").asLong()), human(b.get("min").asLong()));
    if (r.has("binarySnapshots")) {
      JsonNode bin = r.get("binarySnapshots");
      line(s, "  binary snapshots     %d full, %d deltas; entries per full %.1f (players in view), per delta %.1f entered, %.1f updated, %.2f removed",
          bin.get("full").asLong(), bin.get("deltas").asLong(), bin.get("entriesPerFull").asDouble(),
          bin.get("entriesPerDelta").asDouble(), bin.get("updatedPerDelta").asDouble(), bin.get("removedPerDelta").asDouble());
    } else {
      line(s, "  snapshots            JSON");
    }
    JsonNode m = r.get("ticksMissedPerBot");
    line(s, "  ticks missed         %d over all bots, at most %d by one bot", m.get("total").asLong(), m.get("max").asLong());
    line(s, "  input-to-ack         %s; inputs sent in window %d", percentiles(r.get("inputToAckMs")),
        r.get("inputToAckMs").get("sentInWindow").asLong());
    line(s, "  snapshot interval    %s (as bots saw it)", percentiles(r.get("snapshotIntervalMs")));
    JsonNode in = r.get("inputs");
    line(s, "  inputs               %d sent, %d slots skipped in window (pacer behind), %d busy sockets, %d send failures, %d never acked; send lag %s",
        in.get("sent").asLong(), in.get("slotsSkippedInWindow").asLong(), in.get("sendsBusy").asLong(),
        in.get("sendFailures").asLong(), in.get("neverAcked").asLong(), percentiles(in.get("sendLagMs")));
    JsonNode c = r.get("cheats");
    line(s, "  cheats               %d sent, %d REJECTED, %d accepted", c.get("sent").asLong(),
        c.get("rejected").asLong(), c.get("accepted").asLong());
    line(s, "  errors in window     %s", r.get("errorsInWindow").isEmpty() ? "none" : r.get("errorsInWindow").toString());
    line(s, "  errors, whole run    %s", r.get("errors").isEmpty() ? "none" : r.get("errors").toString());
    JsonNode sv = r.get("server");
    if (sv.has("metricsAtEnd")) {
      JsonNode e = sv.get("metricsAtEnd");
      long lastSnapshot = e.path("lastSnapshotBytes").asLong();
      for (JsonNode room : e.path("rooms")) { // a server of rooms: the largest room's last snapshot
        lastSnapshot = Math.max(lastSnapshot, room.path("lastSnapshotBytes").asLong());
      }
      line(s, "  server               %s: %d connections, last snapshot %s, slow clients dropped %d",
          e.path("world").asText(), e.path("connections").asLong(), human(lastSnapshot),
          e.path("slowClientsDropped").asLong());
    } else {
      line(s, "  server               /metrics.json failed: %s", sv.path("metricsError").asText());
    }
    if (sv.has("window")) {
      JsonNode w = sv.get("window");
      line(s, "  server tick (%s)  %.2f ticks/s in window, skipped %d, overruns %d, mean duration %s; since start: max duration %d us, max late %d us",
          w.get("loop").asText(), w.get("ticksPerSecond").asDouble(), w.get("skipped").asLong(), w.get("overruns").asLong(),
          w.has("meanDurationMicros") ? w.get("meanDurationMicros").asDouble() + " us" : "n/a",
          w.get("maxDurationMicrosSinceStart").asLong(), w.get("maxLateMicrosSinceStart").asLong());
      if (w.has("intervalP99Ms")) {
        line(s, "  server tick interval p50 %.2f ms  p99 %.2f ms  max %.2f ms (start to start, in window)",
            w.get("intervalP50Ms").asDouble(), w.get("intervalP99Ms").asDouble(), w.get("intervalMaxMs").asDouble());
      }
      if (w.has("afterTickMeanMicros")) {
        line(s, "  server after tick    mean %.1f us, p99 %d us on the world thread (snapshots encoded and handed over, in window)",
            w.get("afterTickMeanMicros").asDouble(), w.get("afterTickP99Micros").asLong());
      }
    }
    JsonNode cpu = r.get("cpu");
    line(s, "  cpu (cores busy)     loadgen %s, server %s, others %s, whole machine %s of %d; load average %s; loadgen threads %d",
        cpu.get("loadgenCores").asText(), cpu.get("serverCores").asText(), cpu.path("otherCores").asText("n/a"),
        cpu.get("machineBusyCores").asText(),
        cpu.get("machineCores").asInt(), cpu.get("loadAverage").asText(), cpu.get("loadgenThreads").asInt());
    return s.toString();
  }

  // ------------------------------------------------------------------------------------------

  private static void histogram(ObjectNode into, Histogram micros) {
    into.put("count", micros.getTotalCount());
    if (micros.getTotalCount() == 0) {
      return;
    }
    into.put("p50", round(micros.getValueAtPercentile(50) / 1000.0, 2));
    into.put("p99", round(micros.getValueAtPercentile(99) / 1000.0, 2));
    into.put("p999", round(micros.getValueAtPercentile(99.9) / 1000.0, 2));
    into.put("max", round(micros.getMaxValue() / 1000.0, 2));
  }

  private static String percentiles(JsonNode h) {
    if (h.get("count").asLong() == 0) {
      return "(none)";
    }
    return String.format(Locale.ROOT, "p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms  (n=%d)",
        h.get("p50").asDouble(), h.get("p99").asDouble(), h.get("p999").asDouble(), h.get("max").asDouble(),
        h.get("count").asLong());
  }

  private static double cores(double from, double to, double seconds) {
    return from < 0 || to < 0 || seconds <= 0 ? -1 : round((to - from) / seconds, 2);
  }

  private static String human(long bytes) {
    if (bytes >= 1_000_000) {
      return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f KB", bytes / 1e3);
  }

  private static void line(StringBuilder s, String format, Object... args) {
    s.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }

  private static double min(double[] sorted) {
    return sorted.length == 0 ? 0 : sorted[0];
  }

  private static double max(double[] sorted) {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }

  static double median(double[] sorted) {
    if (sorted.length == 0) {
      return 0;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
