package io.carotene.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.record.SourcesState;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RngTest {
  @Test
  void isSplitMix64SoItsNumbersAreFixedForEverJvm() {
    // SplitMix64's published first outputs for seed 0: no JDK update can change them.
    Rng random = new Rng(0);

    assertThat(random.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    assertThat(random.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
  }

  @Test
  void theSameSeedGivesTheSameNumbersAndAnotherSeedOthers() {
    Rng a = new Rng(42);
    Rng b = new Rng(42);
    Rng c = new Rng(43);
    for (int i = 0; i < 100; i++) {
      long next = a.nextLong();
      assertThat(b.nextLong()).isEqualTo(next);
      assertThat(c.nextLong()).isNotEqualTo(next);
    }
  }

  @Test
  void boundedNumbersStayInTheirRange() {
    Rng random = new Rng(7);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      int die = random.nextInt(6);
      assertThat(die).isBetween(0, 5);
      seen.add(die);
      assertThat(random.nextFloat()).isGreaterThanOrEqualTo(0f).isLessThan(1f);
      assertThat(random.nextDouble()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    assertThatThrownBy(() -> random.nextInt(0)).hasMessage("bound must be positive, 0 given");
  }

  @Test
  void idsAreVersionFourUuidsThatRepeatWithTheSeed() {
    Ids ids = new Ids(5);
    Ids again = new Ids(5);
    Set<UUID> distinct = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      UUID id = ids.nextUuid();
      assertThat(again.nextUuid()).isEqualTo(id);
      assertThat(id.version()).isEqualTo(4);
      assertThat(id.variant()).isEqualTo(2);
      distinct.add(id);
    }
    assertThat(distinct).hasSize(1000);
    assertThat(new Ids(6).nextUuid()).isNotEqualTo(new Ids(5).nextUuid());
    assertThat(ids.nextLong()).isEqualTo(1);
    assertThat(ids.nextLong()).isEqualTo(2);
  }

  @Test
  void aWorldsSourcesRestoredFromTheirStateGoOnWithTheSameNumbersAndIdsAsTheOriginal() {
    io.carotene.runtime.internal.WorldServices original = io.carotene.runtime.internal.WorldServices.seeded(7);
    for (int i = 0; i < 37; i++) {
      original.random().nextInt(100);
      original.ids().nextUuid();
      original.ids().nextLong();
    }
    long[] state = SourcesState.of(original);
    io.carotene.runtime.internal.WorldServices restored = io.carotene.runtime.internal.WorldServices.seeded(99);

    SourcesState.restore(restored, state);

    assertThat(state).hasSize(SourcesState.LONGS);
    for (int i = 0; i < 10; i++) {
      assertThat(restored.random().nextLong()).isEqualTo(original.random().nextLong());
      assertThat(restored.ids().nextUuid()).isEqualTo(original.ids().nextUuid());
      assertThat(restored.ids().nextLong()).isEqualTo(original.ids().nextLong()).isEqualTo(38 + i);
    }
    assertThatThrownBy(() -> SourcesState.restore(restored, new long[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The sources' state is 3 numbers, got 2");
  }
}
