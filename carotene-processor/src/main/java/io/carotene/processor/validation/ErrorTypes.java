package io.carotene.processor.validation;

import java.util.Optional;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Finds types javac could not resolve. In the first round, the types the processor is about to
 * generate ({@code GameWorldStore}) are such error types; whoever names them waits for the next
 * round.
 */
final class ErrorTypes {
  private ErrorTypes() {}

  static boolean contains(TypeMirror type) {
    return find(type).isPresent();
  }

  /** The first unresolved type within {@code type}, including its type arguments. */
  static Optional<TypeMirror> find(TypeMirror type) {
    if (type == null) {
      return Optional.empty();
    }
    if (type.getKind() == TypeKind.ERROR) {
      return Optional.of(type);
    }
    if (type instanceof ArrayType array) {
      return find(array.getComponentType());
    }
    if (type instanceof WildcardType wildcard) {
      Optional<TypeMirror> extendsBound = find(wildcard.getExtendsBound());
      return extendsBound.isPresent() ? extendsBound : find(wildcard.getSuperBound());
    }
    if (type instanceof DeclaredType declared) {
      for (TypeMirror argument : declared.getTypeArguments()) {
        Optional<TypeMirror> found = find(argument);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
