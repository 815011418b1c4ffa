package io.carotene.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.CaroteneConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingSettingsTest {
  @Test
  void recordingIsOffUnlessTheEnvironmentNamesADirectory() {
    assertThat(RecordingSettings.fromEnvironment(Map.of())).isEmpty();
    assertThat(RecordingSettings.fromEnvironment(Map.of("CAROTENE_RECORD_DIR", " "))).isEmpty();
  }

  @Test
  void theEnvironmentSetsTheDirectoryAndChangesTheDefaults() {
    RecordingSettings settings = RecordingSettings.fromEnvironment(Map.of(
        "CAROTENE_RECORD_DIR", "/var/recordings",
        "CAROTENE_RECORD_CHECKSUM_EVERY", "2",
        "CAROTENE_RECORD_STATE_EVERY", "10",
        "CAROTENE_RECORD_KEEP", "3")).orElseThrow();

    assertThat(settings.directory()).isEqualTo(Path.of("/var/recordings"));
    assertThat(settings.checksumEveryTicks()).isEqualTo(2);
    assertThat(settings.stateEveryTicks()).isEqualTo(10);
    assertThat(settings.keepRecordings()).isEqualTo(3);
    assertThat(settings.maxHours()).isEqualTo(24);
  }

  @Test
  void aStatePeriodThatIsNotAMultipleOfTheChecksumPeriodIsRefusedSayingWhy() {
    assertThatThrownBy(() -> RecordingSettings.into(Path.of("r")).withChecksumEvery(4, 6))
        .isInstanceOf(CaroteneConfigurationException.class)
        .hasMessage("Recording: stateEveryTicks (6) must be a multiple of checksumEveryTicks (4)");
    assertThatThrownBy(() -> RecordingSettings.fromEnvironment(
            Map.of("CAROTENE_RECORD_DIR", "r", "CAROTENE_RECORD_KEEP", "many")))
        .hasMessage("CAROTENE_RECORD_KEEP must be a whole number, 'many' given");
  }
}
