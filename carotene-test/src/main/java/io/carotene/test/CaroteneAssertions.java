package io.carotene.test;

import io.carotene.runtime.CallResult;

/**
 * AssertJ entry points for Carotene results. Import statically beside AssertJ's own:
 *
 * <pre>{@code
 * assertThat(sandbox.call(session, "HandleInput", id, input)).failsWith("Speed hack detected");
 * }</pre>
 */
public final class CaroteneAssertions {
  private CaroteneAssertions() {}

  public static CallResultAssert assertThat(CallResult actual) {
    return new CallResultAssert(actual);
  }
}
