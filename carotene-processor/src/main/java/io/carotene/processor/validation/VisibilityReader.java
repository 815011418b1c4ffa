package io.carotene.processor.validation;

import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.ValueKind;
import io.carotene.processor.model.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reads what clients see of a store: its {@code @Visible} (everyone, or a radius around the
 * viewer's own entry along two components of the model) or its {@code @VisibleIf} method;
 * neither makes it private.
 */
final class VisibilityReader {
  private final Elements elements;
  private final Diagnostics diagnostics;

  VisibilityReader(Elements elements, Diagnostics diagnostics) {
    this.elements = elements;
    this.diagnostics = diagnostics;
  }

  /** The store's visibility, or empty after reporting what is wrong with its declaration. */
  Optional<Visibility> read(TypeElement store, RecordModel model) {
    Optional<AnnotationMirror> visible = Annotations.find(store, Annotations.VISIBLE);
    List<ExecutableElement> filters =
        ElementFilter.methodsIn(store.getEnclosedElements()).stream()
            .filter(method -> Annotations.has(method, Annotations.VISIBLE_IF))
            .toList();
    int declarations = (visible.isPresent() ? 1 : 0) + filters.size();
    if (declarations > 1) {
      List<String> found = new ArrayList<>();
      visible.ifPresent(v -> found.add("@Visible"));
      filters.forEach(f -> found.add("@VisibleIf " + f.getSimpleName() + "()"));
      ExecutableElement second = filters.get(visible.isPresent() ? 0 : 1);
      diagnostics.error(
          Message.VISIBLE_TWICE,
          second,
          Annotations.find(second, Annotations.VISIBLE_IF).orElse(null),
          store.getSimpleName(),
          String.join(", ", found));
      return Optional.empty();
    }
    Optional<Visibility> read =
        visible.isPresent()
            ? readVisible(store, visible.get(), model)
            : filters.isEmpty() ? Optional.of(new Visibility.Private()) : readFilter(filters.get(0), model);
    if (read.isPresent() && model.fixedSize() < 0
        && (read.get() instanceof Visibility.Radius || read.get() instanceof Visibility.Filter)) {
      // The snapshot path sends a variable-size store whole: a radius or filter would leak.
      boolean radius = read.get() instanceof Visibility.Radius;
      diagnostics.error(
          Message.VISIBLE_VARIABLE_SIZE,
          radius ? store : filters.get(0),
          radius ? visible.get() : Annotations.find(filters.get(0), Annotations.VISIBLE_IF).orElse(null),
          store.getSimpleName(),
          radius ? "a @Visible radius" : "a @VisibleIf filter",
          model.simpleName());
      return Optional.empty();
    }
    return read;
  }

  private Optional<Visibility> readVisible(TypeElement store, AnnotationMirror visible, RecordModel model) {
    double radius = (Double) Annotations.value(elements, visible, "radius").getValue();
    AnnotationValue radiusValue = Annotations.explicitValue(visible, "radius");
    AnnotationValue xValue = Annotations.explicitValue(visible, "x");
    AnnotationValue zValue = Annotations.explicitValue(visible, "z");
    if (radius == 0 && radiusValue == null && xValue == null && zValue == null) {
      return Optional.of(new Visibility.Everyone());
    }
    if (!(radius > 0) || Double.isInfinite(radius) || radius > Float.MAX_VALUE) {
      diagnostics.error(
          Message.VISIBLE_RADIUS,
          store,
          visible,
          radiusValue != null ? radiusValue : xValue != null ? xValue : zValue,
          radius);
      return Optional.empty();
    }
    Optional<Coordinate> x = coordinate(store, visible, "x", xValue, model);
    Optional<Coordinate> z = coordinate(store, visible, "z", zValue, model);
    if (x.isEmpty() || z.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Visibility.Radius(radius, x.get().path(), x.get().isDouble(), z.get().path(), z.get().isDouble()));
  }

  private record Coordinate(List<String> path, boolean isDouble) {}

  private Optional<Coordinate> coordinate(
      TypeElement store, AnnotationMirror visible, String attribute, AnnotationValue value, RecordModel model) {
    String text = value == null ? "" : (String) value.getValue();
    String problem;
    if (text.isBlank()) {
      problem = "is missing: a radius needs both coordinates";
    } else {
      RecordModel within = model;
      List<String> path = List.of(text.split("\\.", -1));
      problem = null;
      for (int i = 0; i < path.size() && problem == null; i++) {
        String name = path.get(i);
        Optional<ComponentModel> component =
            within.components().stream().filter(c -> c.name().equals(name)).findFirst();
        boolean last = i == path.size() - 1;
        if (component.isEmpty()) {
          problem = "names no component '" + name + "' of " + within.simpleName();
        } else if (!last) {
          if (component.get().type().kind() != ValueKind.RECORD) {
            problem = "goes through '" + name + "', which is not a record";
          } else {
            within = component.get().type().record();
          }
        } else {
          ValueKind kind = component.get().type().kind();
          boolean primitive = component.get().type().typeName().isPrimitive();
          if ((kind == ValueKind.FLOAT || kind == ValueKind.DOUBLE) && primitive) {
            return Optional.of(new Coordinate(path, kind == ValueKind.DOUBLE));
          }
          problem = "names '" + name + "', a " + component.get().type().typeName() + ", not a float or double";
        }
      }
    }
    diagnostics.error(
        Message.VISIBLE_COORDINATE,
        store,
        visible,
        value,
        attribute,
        text,
        problem,
        model.simpleName(),
        attribute);
    return Optional.empty();
  }

  private Optional<Visibility> readFilter(ExecutableElement method, RecordModel model) {
    String flyweight = model.mutableName().simpleName();
    List<? extends VariableElement> parameters = method.getParameters();
    boolean shape =
        method.getModifiers().contains(Modifier.STATIC)
            && method.getReturnType().getKind() == TypeKind.BOOLEAN
            && parameters.size() == 2
            && parameters.get(0).asType().toString().equals("java.lang.String");
    Boolean takesFlyweight = null;
    if (shape) {
      TypeMirror entry = parameters.get(1).asType();
      String written = entry.toString();
      if (written.equals(model.recordName().canonicalName())) {
        takesFlyweight = false;
      } else if (written.equals(model.mutableName().canonicalName())
          || (entry.getKind() == TypeKind.ERROR && (written.equals(flyweight) || written.endsWith("." + flyweight)))) {
        // In the first round the flyweight is not generated yet: javac knows it only by name.
        takesFlyweight = true;
      }
    }
    if (takesFlyweight == null) {
      diagnostics.error(
          Message.VISIBLE_IF_SIGNATURE,
          method,
          Annotations.find(method, Annotations.VISIBLE_IF).orElse(null),
          method.getSimpleName(),
          method.getSimpleName(),
          flyweight,
          model.simpleName());
      return Optional.empty();
    }
    return Optional.of(new Visibility.Filter(method.getSimpleName().toString(), takesFlyweight));
  }
}
