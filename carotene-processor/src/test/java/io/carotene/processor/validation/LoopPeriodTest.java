package io.carotene.processor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.processor.diagnostics.Message;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoopPeriodTest {

  @ParameterizedTest
  @CsvSource({"16ms, 16000000", "1s, 1000000000", "2m, 120000000000", "1000us, 1000000", "1ms, 1000000"})
  void wholeNumberAndUnitParseToNanoseconds(String text, long nanos) {
    assertThat(LoopPeriod.parse(text)).isEqualTo(new LoopPeriod.Result(nanos, Optional.empty()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"16 parsecs", "16", "ms", "", "16 ms", "-5ms", "1.5s", "16MS", "999999999999m"})
  void anythingElseIsNotAPeriod(String text) {
    assertThat(LoopPeriod.parse(text).problem()).contains(Message.LOOP_PERIOD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0ms", "0s", "0us", "000m"})
  void zeroIsItsOwnProblem(String text) {
    assertThat(LoopPeriod.parse(text).problem()).contains(Message.LOOP_PERIOD_ZERO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1us", "999us"})
  void underOneMillisecondIsTooShort(String text) {
    assertThat(LoopPeriod.parse(text).problem()).contains(Message.LOOP_PERIOD_TOO_SHORT);
  }
}
