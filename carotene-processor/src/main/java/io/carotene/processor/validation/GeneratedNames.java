package io.carotene.processor.validation;

import com.palantir.javapoet.ClassName;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which source claimed each generated type name, across rounds: two records named {@code Vector3}
 * in one package would both want {@code MutableVector3}, which is a compile error of ours, not a
 * confusing "attempt to recreate a file" from javac.
 */
public final class GeneratedNames {
  private final Map<String, String> ownerByName = new HashMap<>();

  /**
   * Claims {@code name} for {@code owner}; returns the other owner when it is already taken by a
   * different source.
   */
  public Optional<String> claim(ClassName name, String owner) {
    String previous = ownerByName.putIfAbsent(name.canonicalName(), owner);
    return previous == null || previous.equals(owner) ? Optional.empty() : Optional.of(previous);
  }
}
