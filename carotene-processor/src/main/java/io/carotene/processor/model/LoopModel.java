package io.carotene.processor.model;

import java.util.List;

/**
 * One {@code @Loop} method.
 *
 * @param methodName the method
 * @param loopName the method's name with its first letter in upper case ({@code PhysicsTick})
 * @param periodNanos the parsed period
 * @param isStatic whether the method is static
 * @param parameters its parameters, each a {@link Parameter.TickParameter} or a store
 */
public record LoopModel(
    String methodName, String loopName, long periodNanos, boolean isStatic, List<Parameter> parameters) {
  public LoopModel {
    parameters = List.copyOf(parameters);
  }
}
