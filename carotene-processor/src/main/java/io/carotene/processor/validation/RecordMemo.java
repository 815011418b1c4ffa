package io.carotene.processor.validation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.TypeElement;

/**
 * Reads each record once per compilation (a record used by many handlers or stores is reported
 * once), and knows which records are being read: one met again while it is being read contains
 * itself.
 *
 * @param <T> what reading a record gives
 */
final class RecordMemo<T> {
  private final Map<String, T> read = new HashMap<>();
  private final Deque<String> reading = new ArrayDeque<>();

  /** Whether {@code qualifiedName} is being read, further up the stack. */
  boolean isReading(String qualifiedName) {
    return reading.contains(qualifiedName);
  }

  /** What {@code reader} gave for {@code record}, read now if it was not read before. */
  T read(TypeElement record, Function<TypeElement, T> reader) {
    String qualifiedName = record.getQualifiedName().toString();
    T known = read.get(qualifiedName);
    if (known != null) {
      return known;
    }
    reading.push(qualifiedName);
    T result;
    try {
      result = reader.apply(record);
    } finally {
      reading.pop();
    }
    read.put(qualifiedName, result);
    return result;
  }
}
