package io.carotene.processor.model;

/**
 * One record component.
 *
 * @param name the component's name, which is also the flyweight's field, getter and setter, and
 *     the JSON member
 * @param type its type
 * @param isId whether it carries {@code @Id}: read-only on the flyweight
 * @param quantization its {@code @Quantized}, on a float, a double or a record of them; null when
 *     it has none
 */
public record ComponentModel(String name, ValueType type, boolean isId, Quantization quantization) {}
