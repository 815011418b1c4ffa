package io.carotene.runtime.server;

import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.fleet.AgonesSettings;
import io.carotene.runtime.internal.JvmFlags;
import io.carotene.runtime.limit.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * What a generated {@code <Domain>Server.main} runs: reads {@code PORT} (default 8080), {@code
 * HOST} (default every interface) and {@code CAROTENE_SECRET}, starts a {@link CaroteneServer},
 * logs one line with its address, and on SIGTERM or SIGINT stops it cleanly and exits 0 (SIGTERM
 * drains first when {@code CAROTENE_DRAIN_SECONDS} is set: see {@link ServerDrain}). With
 * {@code AGONES_SDK_HTTP_PORT} set (Agones sets it) the server is an Agones GameServer: see
 * {@link AgonesSettings#fromVariables} for the other variables. A setup
 * problem (a missing JVM flag, a bad PORT, a taken port, a short secret) prints what to fix and
 * exits 2, without a stack trace.
 */
public final class ServerMain {
  /** The exit status when the server cannot start as configured. */
  public static final int EXIT_CONFIGURATION = 2;

  private static final String LOG_FORMAT = "%1$tF %1$tT %4$s %3$s - %5$s%6$s%n";

  /** Keeps the quieted loggers' levels from being collected with the loggers. */
  private static final List<Logger> QUIETED =
      List.of(
          Logger.getLogger("org.xnio"),
          Logger.getLogger("org.jboss.threads"),
          Logger.getLogger("io.undertow"),
          Logger.getLogger("net.openhft"));

  private ServerMain() {}

  /** Serves {@code application}'s world and its generated routes until SIGTERM. */
  public static void run(CaroteneApplication application) {
    run(application, builder -> {});
  }

  /**
   * As {@link #run(CaroteneApplication)}, with {@code settings} applied to the builder after the
   * environment's: how a game's own main declares its room types ({@code
   * builder.roomType(...)}).
   */
  public static void run(CaroteneApplication application, Consumer<CaroteneServer.Builder> settings) {
    configureLogging();
    Logger log = Logger.getLogger(ServerMain.class.getName());
    // Before the server accepts traffic: a SIGTERM as soon as /health answers must drain, not
    // take the JVM's default (exit 143 with no close frames). One during start stops it once up.
    CountDownLatch stopRequested = new CountDownLatch(1);
    AtomicBoolean terminated = new AtomicBoolean(); // SIGTERM (the orchestrator) drains; SIGINT stops at once
    Signal.handle(new Signal("TERM"), signal -> {
      terminated.set(true);
      stopRequested.countDown();
    });
    Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
    CaroteneServer server;
    Duration drain;
    try {
      drain = drainDeadline();
      List<String> missing = JvmFlags.missing();
      if (!missing.isEmpty()) {
        JvmFlags.require(); // throws with the message listing them
      }
      CaroteneServer.Builder builder =
          CaroteneServer.builder(application).port(port()).host(env("HOST", "0.0.0.0"));
      interestRadius(builder);
      snapshotEvery(builder);
      ioThreads(builder);
      httpRateLimit(builder);
      maxRooms(builder);
      AgonesSettings.fromEnvironment().ifPresent(builder::agones); // AGONES_SDK_HTTP_PORT: under Agones
      persistence(builder);
      settings.accept(builder);
      server = builder.start();
    } catch (CaroteneConfigurationException e) {
      System.err.println(application.name() + " server cannot start: " + e.getMessage());
      System.exit(EXIT_CONFIGURATION);
      return;
    }

    log.info(application.name() + " server listening on " + env("HOST", "0.0.0.0") + ":"
        + server.port() + " (http://localhost:" + server.port() + ", WebSocket ws://localhost:"
        + server.port() + CaroteneServer.WEBSOCKET_PATH + ")");
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info(application.name() + " server stopping");
    int status = 0;
    try {
      if (terminated.get() && !drain.isZero()) {
        ServerDrain.thenStop(server, drain);
      } else {
        server.stop();
      }
      log.info(application.name() + " server stopped");
    } catch (RuntimeException e) {
      log.log(Level.SEVERE, "Stopping the server failed", e);
      status = 1;
    }
    System.exit(status);
  }

  private static int port() {
    String text = env("PORT", "8080");
    try {
      int port = Integer.parseInt(text.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new CaroteneConfigurationException("PORT must be a number from 0 to 65535, got '" + text + "'");
    }
  }

  /** {@code CAROTENE_INTEREST_RADIUS}: overrides every radius interest; 0 or {@code off} sees everything. */
  private static void interestRadius(CaroteneServer.Builder builder) {
    String text = System.getenv("CAROTENE_INTEREST_RADIUS");
    if (text == null || text.isBlank()) {
      return;
    }
    if (text.trim().equalsIgnoreCase("off")) {
      builder.interestRadius(0);
      return;
    }
    try {
      builder.interestRadius(Float.parseFloat(text.trim()));
    } catch (NumberFormatException e) {
      throw new CaroteneConfigurationException(
          "CAROTENE_INTEREST_RADIUS must be a number (or 'off'), got '" + text + "'");
    }
  }

  /** {@code CAROTENE_SNAPSHOT_EVERY}: a snapshot after every that many ticks, for rooms that do not say. */
  private static void snapshotEvery(CaroteneServer.Builder builder) {
    String text = System.getenv("CAROTENE_SNAPSHOT_EVERY");
    if (text == null || text.isBlank()) {
      return;
    }
    try {
      builder.snapshotEvery(Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      throw new CaroteneConfigurationException(
          "CAROTENE_SNAPSHOT_EVERY must be a whole number of ticks from 1 to 16, got '" + text + "'");
    }
  }

  /** {@code CAROTENE_IO_THREADS}: how many IO threads serve the sockets (default: half the cores, at least one). */
  private static void ioThreads(CaroteneServer.Builder builder) {
    String text = System.getenv("CAROTENE_IO_THREADS");
    if (text == null || text.isBlank()) {
      return;
    }
    try {
      int threads = Integer.parseInt(text.trim());
      if (threads < 1) {
        throw new NumberFormatException();
      }
      builder.ioThreads(threads);
    } catch (NumberFormatException e) {
      throw new CaroteneConfigurationException("CAROTENE_IO_THREADS must be a number from 1, got '" + text + "'");
    }
  }

  /** {@code CAROTENE_DRAIN_SECONDS}: how long SIGTERM lets the rooms in play finish (0, the default: no drain). */
  private static Duration drainDeadline() {
    String text = env(ServerDrain.DEADLINE_VARIABLE, "0");
    try {
      long seconds = Long.parseLong(text.trim());
      if (seconds < 0) {
        throw new NumberFormatException();
      }
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      throw new CaroteneConfigurationException(ServerDrain.DEADLINE_VARIABLE + " must be a whole number of seconds from 0, got '" + text + "'");
    }
  }

  /** {@code CAROTENE_MAX_ROOMS}: the most rooms alive at once (and the rooms Counter's capacity under Agones). */
  private static void maxRooms(CaroteneServer.Builder builder) {
    String text = System.getenv("CAROTENE_MAX_ROOMS");
    if (text == null || text.isBlank()) {
      return;
    }
    try {
      builder.maxRooms(Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      throw new CaroteneConfigurationException("CAROTENE_MAX_ROOMS must be a number from 1, got '" + text + "'");
    }
  }

  /**
   * {@code CAROTENE_HTTP_RATE_LIMIT}: HTTP requests per client address, {@code <perSecond>} or
   * {@code <perSecond>/<burst>} (burst twice the rate when not given), or {@code off}.
   */
  private static void httpRateLimit(CaroteneServer.Builder builder) {
    String text = System.getenv("CAROTENE_HTTP_RATE_LIMIT");
    if (text == null || text.isBlank()) {
      return;
    }
    if (text.trim().equalsIgnoreCase("off")) {
      builder.httpRateLimit(null);
      return;
    }
    try {
      String[] parts = text.trim().split("/", -1);
      double perSecond = Double.parseDouble(parts[0]);
      int burst = parts.length > 1 ? Integer.parseInt(parts[1]) : (int) Math.max(1, Math.ceil(perSecond * 2));
      if (parts.length > 2) {
        throw new NumberFormatException();
      }
      builder.httpRateLimit(new RateLimit(perSecond, burst));
    } catch (IllegalArgumentException e) { // NumberFormatException too
      throw new CaroteneConfigurationException("CAROTENE_HTTP_RATE_LIMIT must be 'off', <requests per second>"
          + " or <requests per second>/<burst> (e.g. 20/40), got '" + text + "'");
    }
  }

  /**
   * {@code CAROTENE_DATA_DIR}: the persisted stores' directory; {@code CAROTENE_MIGRATE=append-fields}
   * lets them take models with fields added at the end; {@code CAROTENE_REOPEN_ROOMS=true} opens
   * every kept persistent room at start.
   */
  private static void persistence(CaroteneServer.Builder builder) {
    String directory = System.getenv("CAROTENE_DATA_DIR");
    builder.dataDirectory(directory == null || directory.isBlank() ? null : Path.of(directory.trim()));
    String migrate = env("CAROTENE_MIGRATE", "off").trim();
    if (!migrate.equals("off") && !migrate.equals("append-fields")) {
      throw new CaroteneConfigurationException(
          "CAROTENE_MIGRATE must be 'append-fields' or 'off', got '" + migrate + "'");
    }
    builder.migrateAppendedFields(migrate.equals("append-fields"));
    String reopen = env("CAROTENE_REOPEN_ROOMS", "false").trim();
    if (!reopen.equals("true") && !reopen.equals("false")) {
      throw new CaroteneConfigurationException("CAROTENE_REOPEN_ROOMS must be 'true' or 'false', got '" + reopen + "'");
    }
    builder.reopenPersistentRooms(reopen.equals("true"));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** One line per record; the libraries' start-up banners are kept out of the way. */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
    }
    for (Logger logger : QUIETED) {
      logger.setLevel(Level.WARNING);
    }
  }
}
