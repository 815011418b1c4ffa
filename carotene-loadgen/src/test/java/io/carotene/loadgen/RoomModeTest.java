package io.carotene.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.auth.InvalidTokenException;
import io.carotene.runtime.auth.Tokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The room mode's own pieces: the bots' tokens and its options. */
class RoomModeTest {
  private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-for-hs256";

  @Test
  void aTokenTheBotsSignIsAcceptedByAServerWithTheSameSecret() throws Exception {
    String user = UUID.randomUUID().toString();

    String token = new DevTokens(SECRET).issue(user);

    assertThat(Tokens.withSecret(SECRET).session(token).userId()).isEqualTo(user);
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefused() {
    String token = new DevTokens(SECRET + "-other").issue(UUID.randomUUID().toString());

    assertThatThrownBy(() -> Tokens.withSecret(SECRET).session(token)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void roomModeNeedsTheServersSecretAndChurnNeedsRooms() {
    assertThat(Options.parse(new String[] {"--rooms", "50", "--secret", SECRET}).rooms).isEqualTo(50);
    assertThatThrownBy(() -> Options.parse(new String[] {"--churn", "4", "--secret", SECRET}))
        .isInstanceOf(Options.Usage.class).hasMessageContaining("--churn needs --rooms");
    assertThatThrownBy(() -> new DevTokens("short")).isInstanceOf(Options.Usage.class).hasMessageContaining("32 bytes");
  }

  @Test
  void theDefaultFlowJoinsAnArenaAfterLoginAndTheSingleWorldFlowIsAFlagThatExcludesRooms() {
    Options options = Options.parse(new String[0]);

    assertThat(options.rooms).isZero();
    assertThat(options.churn).isZero();
    assertThat(options.singleWorld).isFalse();
    assertThat(options.roomType).isEqualTo("arena");
    assertThat(Options.parse(new String[] {"--single-world"}).singleWorld).isTrue();
    assertThatThrownBy(() -> Options.parse(new String[] {"--single-world", "--rooms", "4", "--secret", SECRET}))
        .isInstanceOf(Options.Usage.class).hasMessageContaining("--single-world and --rooms exclude each other");
  }
}
