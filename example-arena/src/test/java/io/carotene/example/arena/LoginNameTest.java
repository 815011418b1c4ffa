package io.carotene.example.arena;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.Rejection;
import org.junit.jupiter.api.Test;

class LoginNameTest {
  private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 units

  @Test
  void aNameIsCountedInCodePointsSoThirtyTwoEmojiFitAndThirtyThreeDoNot() {
    assertThatCode(() -> ArenaHttp.checkName(EMOJI.repeat(32))).doesNotThrowAnyException();
    assertThatThrownBy(() -> ArenaHttp.checkName(EMOJI.repeat(33)))
        .isInstanceOf(Rejection.class)
        .hasMessage("A name must be 1 to 32 characters");
  }

  @Test
  void thirtyTwoLettersFitAndThirtyThreeDoNot() {
    assertThatCode(() -> ArenaHttp.checkName("a".repeat(32))).doesNotThrowAnyException();
    assertThatThrownBy(() -> ArenaHttp.checkName("a".repeat(33))).isInstanceOf(Rejection.class);
  }

  @Test
  void controlCharactersAreRefused() {
    for (String name : new String[] {"al\u0000ice", "bob\n", "\u0007", "eve\u009b"}) {
      assertThatThrownBy(() -> ArenaHttp.checkName(name)).as(name).isInstanceOf(Rejection.class)
          .hasMessage("A name must be 1 to 32 characters");
    }
  }

  @Test
  void loneSurrogatesAreRefused() {
    for (String name : new String[] {"a\uD83D", "\uDE00b", "x\uDE00\uD83Dy"}) {
      assertThatThrownBy(() -> ArenaHttp.checkName(name)).as(name).isInstanceOf(Rejection.class);
    }
  }

  @Test
  void blankNamesAreRefusedAndOrdinaryOnesAccepted() {
    assertThatThrownBy(() -> ArenaHttp.checkName("   ")).isInstanceOf(Rejection.class);
    assertThatCode(() -> ArenaHttp.checkName("Zoë the 3rd")).doesNotThrowAnyException();
  }
}
