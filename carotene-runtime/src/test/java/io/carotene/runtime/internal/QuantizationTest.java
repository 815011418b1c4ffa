package io.carotene.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The quantization rule of PROTOCOL.md, section 5.2, at its edges. */
class QuantizationTest {
  /** The Arena's position: ±1000 in steps of 1/32, 64,000 steps in two bytes. */
  final Quantization position = new Quantization(-1000, 1000, 1.0 / 32);

  @Test
  void stepsAndWidthFollowTheRange() {
    assertThat(position.steps()).isEqualTo(64_000);
    assertThat(position.width()).isEqualTo(2);
    assertThat(new Quantization(0, 1, 1.0 / 255).width()).isEqualTo(1);
    assertThat(new Quantization(0, 256, 1).width()).as("256 steps need a second byte").isEqualTo(2);
    assertThat(new Quantization(0, 65_535, 1).width()).isEqualTo(2);
    assertThat(new Quantization(0, 65_536, 1).width()).isEqualTo(4);
    assertThat(new Quantization(0, Quantization.MAX_STEPS, 1).width()).isEqualTo(4);
  }

  @Test
  void minAndMaxAreTheFirstAndLastStepAndReadBackExactly() {
    assertThat(position.stepOf(-1000)).isZero();
    assertThat(position.stepOf(1000)).isEqualTo(64_000);
    assertThat(position.valueOf(0)).isEqualTo(-1000.0);
    assertThat(position.valueOf(64_000)).isEqualTo(1000.0);
    assertThat(position.stepOf(0)).isEqualTo(32_000);
  }

  @Test
  void valuesOutOfRangeClampToTheNearerEnd() {
    assertThat(position.stepOf(-1000.001)).isZero();
    assertThat(position.stepOf(-1e30)).isZero();
    assertThat(position.stepOf(Double.NEGATIVE_INFINITY)).isZero();
    assertThat(position.stepOf(1000.001)).isEqualTo(64_000);
    assertThat(position.stepOf(1e30)).isEqualTo(64_000);
    assertThat(position.stepOf(Double.POSITIVE_INFINITY)).isEqualTo(64_000);
  }

  @Test
  void nanIsSentAsMin() {
    assertThat(position.stepOf(Double.NaN)).isZero();
    assertThat(position.stepOf(Float.NaN)).isZero();
  }

  @Test
  void roundsToTheNearestStepAndHalfAStepUp() {
    double step = 1.0 / 32;
    assertThat(position.stepOf(-1000 + step * 0.49)).isZero();
    assertThat(position.stepOf(-1000 + step * 0.5)).isEqualTo(1);
    assertThat(position.stepOf(-1000 + step * 1.49)).isEqualTo(1);
    assertThat(position.stepOf(10 + step / 2)).isEqualTo(position.stepOf(10) + 1);
    assertThat(position.stepOf(-10 - step / 2)).as("half up, also below zero").isEqualTo(position.stepOf(-10));
  }

  @Test
  void everyValueInRangeReadsBackWithinHalfAStep() {
    Random random = new Random(7);
    for (Quantization q : new Quantization[] {position, new Quantization(-50, 50, 1.0 / 512), new Quantization(0, 1, 0.3),
        new Quantization(-1e5, 1e5, 0.001)}) {
      for (int i = 0; i < 10_000; i++) {
        float value = (float) (q.min() + random.nextDouble() * (q.max() - q.min()));
        assertThat(q.valueOf(q.stepOf(value))).isCloseTo(value, within(q.precision() / 2 + 1e-9 * Math.abs(value)));
      }
    }
  }

  @Test
  void aRangeWhoseStepsDoNotDivideItEndsWithinHalfAStepOfMax() {
    Quantization thirds = new Quantization(0, 1, 0.3); // steps 0, 0.3, 0.6, 0.9
    assertThat(thirds.steps()).isEqualTo(3);
    assertThat(thirds.stepOf(1)).isEqualTo(3);
    assertThat(thirds.valueOf(3)).isCloseTo(0.9, within(1e-12));
  }

  @Test
  void theStaticStepGeneratedCodeCallsAgreesWithTheRecord() {
    assertThat(Quantization.step(12.34f, -1000, 1.0 / 32, 64_000)).isEqualTo(position.stepOf(12.34f));
  }

  @Test
  void anUnsoundQuantizationIsRefused() {
    assertThatThrownBy(() -> new Quantization(1, 1, 0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Quantization(0, Double.POSITIVE_INFINITY, 0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Quantization(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Quantization(0, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Quantization(-1e6, 1e6, 1e-4)).hasMessageContaining("steps");
  }

  @Test
  void aQuantizedFieldMustBeAsWideAsItsSteps() {
    assertThat(WireField.quantized("x", "uq16", 0, 2, -1000, 1000, 1.0 / 32).schema())
        .containsEntry("type", "uq16")
        .containsEntry("min", -1000.0)
        .containsEntry("max", 1000.0)
        .containsEntry("precision", 0.03125);
    assertThatThrownBy(() -> WireField.quantized("x", "uq8", 0, 1, -1000, 1000, 1.0 / 32))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
