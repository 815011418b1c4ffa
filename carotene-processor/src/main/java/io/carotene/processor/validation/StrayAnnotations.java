package io.carotene.processor.validation;

import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Carotene annotations in places where nothing would read them: a {@code @Loop} in a class that
 * is not a {@code @Backend}, a {@code @Store} outside a {@code @Domain}, a guard without a {@code
 * @Socket} or {@code @Http}. Silently ignoring them would leave a game without its tick.
 */
public final class StrayAnnotations {
  private final Diagnostics diagnostics;

  public StrayAnnotations(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Reports the stray annotations among this round's elements. */
  public void check(RoundEnvironment round, TypeElement annotationType) {
    String name = annotationType.getQualifiedName().toString();
    for (Element element : round.getElementsAnnotatedWith(annotationType)) {
      AnnotationMirror mirror = Annotations.find(element, name).orElse(null);
      if (mirror == null) {
        continue;
      }
      switch (name) {
        case Annotations.LOOP, Annotations.SOCKET, Annotations.HTTP, Annotations.ON_CREATE,
            Annotations.ON_JOIN_ATTEMPT, Annotations.ON_JOIN, Annotations.ON_LEAVE, Annotations.ON_DISPOSE -> {
          Element owner = element.getEnclosingElement();
          if (!Annotations.has(owner, Annotations.BACKEND)) {
            diagnostics.error(
                Message.OUTSIDE_BACKEND,
                element,
                mirror,
                annotationType.getSimpleName(),
                element.getSimpleName(),
                owner.getSimpleName());
          }
        }
        case Annotations.STORE -> {
          if (!Annotations.has(element.getEnclosingElement(), Annotations.DOMAIN)) {
            diagnostics.error(Message.STORE_OUTSIDE_DOMAIN, element, mirror, element.getSimpleName());
          }
        }
        case Annotations.AUTHENTICATED, Annotations.SESSION_USER_MATCHES -> {
          if (!Annotations.has(element, Annotations.SOCKET)
              && !Annotations.has(element, Annotations.HTTP)) {
            diagnostics.error(
                Message.GUARD_WITHOUT_SOCKET,
                element,
                mirror,
                annotationType.getSimpleName(),
                element.getSimpleName());
          }
        }
        default -> {}
      }
    }
  }
}
