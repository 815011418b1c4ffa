package io.carotene.processor.validation;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads annotations as mirrors, never by loading their classes: a {@code Class} attribute may name
 * a type that is not compiled yet, and the mirrors are what error positions are made of.
 */
public final class Annotations {
  public static final String DOMAIN = "io.carotene.annotations.Domain";
  public static final String STORE = "io.carotene.annotations.Store";
  public static final String VISIBLE = "io.carotene.annotations.Visible";
  public static final String VISIBLE_IF = "io.carotene.annotations.VisibleIf";
  public static final String ID = "io.carotene.annotations.Id";
  public static final String QUANTIZED = "io.carotene.annotations.Quantized";
  public static final String BACKEND = "io.carotene.annotations.Backend";
  public static final String LOOP = "io.carotene.annotations.Loop";
  public static final String SOCKET = "io.carotene.annotations.Socket";
  public static final String HTTP = "io.carotene.annotations.Http";
  public static final String ON_CREATE = "io.carotene.annotations.OnCreate";
  public static final String ON_JOIN_ATTEMPT = "io.carotene.annotations.OnJoinAttempt";
  public static final String ON_JOIN = "io.carotene.annotations.OnJoin";
  public static final String ON_LEAVE = "io.carotene.annotations.OnLeave";
  public static final String ON_DISPOSE = "io.carotene.annotations.OnDispose";
  public static final String AUTHENTICATED = "io.carotene.annotations.Authenticated";
  public static final String SESSION_USER_MATCHES = "io.carotene.annotations.SessionUserMatches";

  private Annotations() {}

  /** The annotation of that type on {@code element}, if present. */
  public static Optional<AnnotationMirror> find(Element element, String annotationType) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotationType)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  public static boolean has(Element element, String annotationType) {
    return find(element, annotationType).isPresent();
  }

  /** The attribute's value as written, or null when the source leaves it to its default. */
  public static AnnotationValue explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** The attribute's value, written or default. */
  public static AnnotationValue value(Elements elements, AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    throw new IllegalArgumentException(
        "@" + mirror.getAnnotationType() + " has no attribute " + name);
  }
}
