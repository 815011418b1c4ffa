package io.carotene.processor;

import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.validation.Outcome;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads the elements of one kind ({@code @Domain}s, {@code @Backend}s) across rounds: an element
 * whose types do not exist yet is deferred, and fetched again by name in the next round (elements
 * of an earlier round are stale), as auto-common's {@code BasicAnnotationProcessor} does.
 *
 * @param <T> the model the reader gives
 */
final class DeferringReader<T> {
  /** Reads one element; {@code lastRound} turns what is still unresolved into errors. */
  @FunctionalInterface
  interface Reader<T> {
    Outcome<T> read(TypeElement element, boolean lastRound);
  }

  private final Elements elements;
  private final Diagnostics diagnostics;
  private final Reader<T> reader;
  private final Consumer<T> onValid;
  private final Set<String> deferred = new LinkedHashSet<>();

  /**
   * @param onValid what to do with a sound model (register it, write its code)
   */
  DeferringReader(
      Elements elements, Diagnostics diagnostics, Reader<T> reader, Consumer<T> onValid) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.reader = reader;
    this.onValid = onValid;
  }

  /** Reads what was deferred, then the elements named {@code newNames} (qualified names). */
  void read(Set<String> newNames, boolean lastRound) {
    Set<String> toRead = new LinkedHashSet<>(deferred);
    toRead.addAll(newNames);
    deferred.clear();
    for (String name : toRead) {
      TypeElement element = elements.getTypeElement(name);
      try {
        Outcome<T> outcome = reader.read(element, lastRound);
        if (outcome instanceof Outcome.Valid<T> valid) {
          onValid.accept(valid.model());
        } else if (outcome instanceof Outcome.Deferred<T>) {
          deferred.add(name);
        }
      } catch (RuntimeException e) {
        // A bug of ours on one element is reported on it and spares the others.
        diagnostics.error(Message.INTERNAL_ERROR, element, element.getQualifiedName(), e);
      }
    }
  }

  /** Whether some element waits for a later round. */
  boolean hasDeferred() {
    return !deferred.isEmpty();
  }
}
