package io.carotene.runtime.fleet;

import io.carotene.runtime.CaroteneConfigurationException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a server talks to its Agones sidecar. Every setting has a default; {@link #fromEnvironment}
 * reads the variables Agones and the deployment set.
 *
 * @param port the sidecar's HTTP port ({@code AGONES_SDK_HTTP_PORT}, 9358 by default)
 * @param countersPrefix the path before {@code /counters} and {@code /lists}: empty for current
 *     Agones releases, {@code /v1beta1} for older ones ({@code CAROTENE_AGONES_COUNTERS_PREFIX})
 * @param healthPeriod how often {@code Health} is sent while the world threads progress ({@code
 *     CAROTENE_AGONES_HEALTH_SECONDS}, 2 s by default: well inside Agones' default 5 s period)
 * @param stallAfter how long a world thread may be away from its loop (a tick or task running)
 *     before the pings stop; 5 s by default
 * @param requestTimeout how long one request may take; 2 s by default
 * @param minBackoff the first wait before a failed request is tried again; doubles up to {@code maxBackoff}
 * @param maxBackoff the longest wait between tries
 * @param matchEnd what happens once the last room of an allocated server is disposed ({@code
 *     CAROTENE_MATCH_END}: {@code shutdown}, the default, or {@code ready})
 */
public record AgonesSettings(
    String host,
    int port,
    String countersPrefix,
    Duration healthPeriod,
    Duration stallAfter,
    Duration requestTimeout,
    Duration minBackoff,
    Duration maxBackoff,
    MatchEndPolicy matchEnd) {

  /** The variable Agones sets in a game server's container; its presence turns the integration on. */
  public static final String PORT_VARIABLE = "AGONES_SDK_HTTP_PORT";

  /** The sidecar's HTTP port when {@link #PORT_VARIABLE} is not set. */
  public static final int DEFAULT_PORT = 9358;

  /** The Counter with the rooms this server hosts (count) and can host (capacity). */
  public static final String ROOMS_COUNTER = "rooms";

  /** The Counter with the players connected (count) and the most it takes (capacity). */
  public static final String PLAYERS_COUNTER = "players";

  /** The List with the ids of the players connected. */
  public static final String PLAYERS_LIST = "players";

  public AgonesSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(countersPrefix, "countersPrefix");
    Objects.requireNonNull(matchEnd, "matchEnd");
    if (port < 1 || port > 65535) {
      throw new CaroteneConfigurationException("The Agones sidecar port must be from 1 to 65535, got " + port);
    }
    if (!countersPrefix.isEmpty() && (!countersPrefix.startsWith("/") || countersPrefix.endsWith("/"))) {
      throw new CaroteneConfigurationException(
          "The Agones counters prefix must be empty or like /v1beta1 (a leading slash, none at the end), got '" + countersPrefix + "'");
    }
    positive("healthPeriod", healthPeriod);
    positive("stallAfter", stallAfter);
    positive("requestTimeout", requestTimeout);
    positive("minBackoff", minBackoff);
    positive("maxBackoff", maxBackoff);
  }

  /** The defaults, with the sidecar on {@code localhost:port}. */
  public static AgonesSettings onPort(int port) {
    return new AgonesSettings("localhost", port, "", Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(2), Duration.ofMillis(250), Duration.ofSeconds(5), MatchEndPolicy.SHUTDOWN);
  }

  /** The settings from the process's environment, or empty when {@code AGONES_SDK_HTTP_PORT} is not set. */
  public static Optional<AgonesSettings> fromEnvironment() {
    return fromVariables(System.getenv());
  }

  /** The settings from {@code variables} (as {@link #fromEnvironment} reads them). */
  public static Optional<AgonesSettings> fromVariables(Map<String, String> variables) {
    String port = variables.get(PORT_VARIABLE);
    if (port == null || port.isBlank()) {
      return Optional.empty();
    }
    AgonesSettings settings;
    try {
      settings = onPort(Integer.parseInt(port.trim()));
    } catch (NumberFormatException e) {
      throw new CaroteneConfigurationException(PORT_VARIABLE + " must be a port number, got '" + port + "'");
    }
    String prefix = variables.get("CAROTENE_AGONES_COUNTERS_PREFIX");
    if (prefix != null && !prefix.isBlank()) {
      settings = settings.withCountersPrefix(prefix.trim());
    }
    String health = variables.get("CAROTENE_AGONES_HEALTH_SECONDS");
    if (health != null && !health.isBlank()) {
      try {
        settings = settings.withHealthPeriod(Duration.ofMillis(Math.round(Double.parseDouble(health.trim()) * 1000)));
      } catch (NumberFormatException e) {
        throw new CaroteneConfigurationException("CAROTENE_AGONES_HEALTH_SECONDS must be a number of seconds, got '" + health + "'");
      }
    }
    String matchEnd = variables.get("CAROTENE_MATCH_END");
    if (matchEnd != null && !matchEnd.isBlank()) {
      switch (matchEnd.trim().toLowerCase(Locale.ROOT)) {
        case "shutdown" -> settings = settings.withMatchEnd(MatchEndPolicy.SHUTDOWN);
        case "ready" -> settings = settings.withMatchEnd(MatchEndPolicy.READY);
        default -> throw new CaroteneConfigurationException("CAROTENE_MATCH_END must be 'shutdown' or 'ready', got '" + matchEnd + "'");
      }
    }
    return Optional.of(settings);
  }

  public AgonesSettings withCountersPrefix(String prefix) {
    return new AgonesSettings(host, port, prefix, healthPeriod, stallAfter, requestTimeout, minBackoff, maxBackoff, matchEnd);
  }

  public AgonesSettings withHealthPeriod(Duration period) {
    return new AgonesSettings(host, port, countersPrefix, period, stallAfter, requestTimeout, minBackoff, maxBackoff, matchEnd);
  }

  public AgonesSettings withStallAfter(Duration stall) {
    return new AgonesSettings(host, port, countersPrefix, healthPeriod, stall, requestTimeout, minBackoff, maxBackoff, matchEnd);
  }

  public AgonesSettings withTimeouts(Duration request, Duration minBackoff, Duration maxBackoff) {
    return new AgonesSettings(host, port, countersPrefix, healthPeriod, stallAfter, request, minBackoff, maxBackoff, matchEnd);
  }

  public AgonesSettings withMatchEnd(MatchEndPolicy policy) {
    return new AgonesSettings(host, port, countersPrefix, healthPeriod, stallAfter, requestTimeout, minBackoff, maxBackoff, policy);
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new CaroteneConfigurationException("The Agones setting " + name + " must be a positive duration, got " + value);
    }
  }
}
