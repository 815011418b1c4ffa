package io.carotene.runtime.record;

import io.carotene.runtime.CaroteneConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether and how a world is recorded (see the runtime's README, "Record and replay"). Each world
 * start writes one recording, a directory of Chronicle Queue files under {@code directory}, rolled
 * every hour of the world's clock.
 *
 * <p>Retention: a recording stops (logged once) when it reaches {@code maxHours} hourly files, so
 * one recording is bounded; and when a world starts recording, the oldest recordings in {@code
 * directory} are deleted so that at most {@code keepRecordings} remain, the new one included.
 *
 * @param directory where recordings go, one subdirectory each
 * @param checksumEveryTicks a checksum of the stores every this many ticks (1: every tick)
 * @param stateEveryTicks every entry of every store every this many ticks, so a divergence can
 *     name the entities and fields that differ; a multiple of {@code checksumEveryTicks}, or 0
 *     for never
 * @param keepRecordings the most recordings kept in {@code directory}
 * @param maxHours the most hourly files one recording writes
 * @param buildId the build of the game's code, kept in the recording (replays warn on another)
 */
public record RecordingSettings(
    Path directory, int checksumEveryTicks, int stateEveryTicks, int keepRecordings, int maxHours, String buildId) {

  /** The environment variable that switches recording on: the directory recordings go to. */
  public static final String DIRECTORY_VARIABLE = "CAROTENE_RECORD_DIR";

  public RecordingSettings {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(buildId, "buildId");
    require(checksumEveryTicks > 0, "checksumEveryTicks must be positive, " + checksumEveryTicks + " given");
    require(stateEveryTicks >= 0, "stateEveryTicks must be 0 or more, " + stateEveryTicks + " given");
    require(stateEveryTicks % checksumEveryTicks == 0,
        "stateEveryTicks (" + stateEveryTicks + ") must be a multiple of checksumEveryTicks ("
            + checksumEveryTicks + ")");
    require(keepRecordings > 0, "keepRecordings must be positive, " + keepRecordings + " given");
    require(maxHours > 0, "maxHours must be positive, " + maxHours + " given");
  }

  /**
   * Recording into {@code directory}: a checksum every tick, every entry once a second at 60 Hz
   * (every 60 ticks), the 20 newest recordings kept, each at most 24 hours long.
   */
  public static RecordingSettings into(Path directory) {
    return new RecordingSettings(directory, 1, 60, 20, 24, defaultBuildId());
  }

  /**
   * The settings the environment asks for: {@value #DIRECTORY_VARIABLE} switches recording on;
   * {@code CAROTENE_RECORD_CHECKSUM_EVERY}, {@code CAROTENE_RECORD_STATE_EVERY} and {@code
   * CAROTENE_RECORD_KEEP} change the defaults of {@link #into}.
   */
  public static Optional<RecordingSettings> fromEnvironment(Map<String, String> environment) {
    String directory = environment.get(DIRECTORY_VARIABLE);
    if (directory == null || directory.isBlank()) {
      return Optional.empty();
    }
    RecordingSettings defaults = into(Path.of(directory));
    return Optional.of(
        new RecordingSettings(
            defaults.directory(),
            number(environment, "CAROTENE_RECORD_CHECKSUM_EVERY", defaults.checksumEveryTicks()),
            number(environment, "CAROTENE_RECORD_STATE_EVERY", defaults.stateEveryTicks()),
            number(environment, "CAROTENE_RECORD_KEEP", defaults.keepRecordings()),
            defaults.maxHours(),
            defaults.buildId()));
  }

  public RecordingSettings withChecksumEvery(int ticks, int stateEveryTicks) {
    return new RecordingSettings(directory, ticks, stateEveryTicks, keepRecordings, maxHours, buildId);
  }

  public RecordingSettings withBuildId(String buildId) {
    return new RecordingSettings(directory, checksumEveryTicks, stateEveryTicks, keepRecordings, maxHours, buildId);
  }

  public RecordingSettings withKeepRecordings(int keep) {
    return new RecordingSettings(directory, checksumEveryTicks, stateEveryTicks, keep, maxHours, buildId);
  }

  /** The game's jar version when it has one, else {@code dev}. */
  static String defaultBuildId() {
    String version = RecordingSettings.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  private static int number(Map<String, String> environment, String name, int fallback) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new CaroteneConfigurationException(name + " must be a whole number, '" + value + "' given");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new CaroteneConfigurationException("Recording: " + message);
    }
  }
}
