package io.carotene.processor.validation;

import java.util.Objects;

/**
 * What reading an element gave: a sound model, nothing (the errors were reported), or not yet (it
 * names types that a later round may generate).
 */
public sealed interface Outcome<T> {
  record Valid<T>(T model) implements Outcome<T> {
    public Valid {
      Objects.requireNonNull(model, "model");
    }
  }

  /** Errors were reported; generate nothing for the element. */
  record Invalid<T>() implements Outcome<T> {}

  /** The element refers to types that do not exist yet; try again next round. */
  record Deferred<T>() implements Outcome<T> {}

  static <T> Outcome<T> valid(T model) {
    return new Valid<>(model);
  }

  static <T> Outcome<T> invalid() {
    return new Invalid<>();
  }

  static <T> Outcome<T> deferred() {
    return new Deferred<>();
  }
}
