package io.carotene.processor.validation;

import com.palantir.javapoet.ClassName;
import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * Which source claimed each generated type name, across rounds: two records named {@code Vector3}
 * in one package would both want {@code MutableVector3}, which is a compile error of ours, not a
 * confusing "attempt to recreate a file" from javac. The names themselves come from {@link
 * io.carotene.processor.model.GeneratedNames}.
 */
public final class NameClaims {
  private final Diagnostics diagnostics;
  private final Map<String, String> ownerByName = new HashMap<>();

  public NameClaims(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /**
   * Claims {@code name} for {@code owner}; when a different source already took it, reports
   * {@code [Carotene/GeneratedNameClash]} on {@code owner} and returns false.
   */
  public boolean claim(ClassName name, TypeElement owner) {
    String ownerName = owner.getQualifiedName().toString();
    String previous = ownerByName.putIfAbsent(name.canonicalName(), ownerName);
    if (previous == null || previous.equals(ownerName)) {
      return true;
    }
    diagnostics.error(
        Message.GENERATED_NAME_CLASH, owner, ownerName, name.canonicalName(), previous);
    return false;
  }
}
