package io.carotene.processor.diagnostics;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * The one place that prints diagnostics. Each error names a {@link Message} and the most precise
 * position known (the attribute's value when there is one, so the caret lands on {@code every =
 * "16 parsecs"}). It counts errors, so a reader can tell whether the element it read was sound.
 */
public final class Diagnostics {
  private final Messager messager;
  private int errors;

  public Diagnostics(Messager messager) {
    this.messager = messager;
  }

  public void error(Message message, Element element, Object... args) {
    errors++;
    messager.printMessage(Kind.ERROR, message.format(args), element);
  }

  /** An error on an annotation of {@code element}; {@code annotation} may be null. */
  public void error(Message message, Element element, AnnotationMirror annotation, Object... args) {
    errors++;
    if (annotation == null) {
      messager.printMessage(Kind.ERROR, message.format(args), element);
    } else {
      messager.printMessage(Kind.ERROR, message.format(args), element, annotation);
    }
  }

  /** An error on one attribute of an annotation; {@code value} may be null (not written out). */
  public void error(
      Message message,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Object... args) {
    errors++;
    if (value == null) {
      messager.printMessage(Kind.ERROR, message.format(args), element, annotation);
    } else {
      messager.printMessage(Kind.ERROR, message.format(args), element, annotation, value);
    }
  }

  /** Information, not a problem: what was generated, for a reader of the build's output. */
  public void note(Element element, String text) {
    messager.printMessage(Kind.NOTE, text, element);
  }

  public void warning(Message message, Element element, Object... args) {
    messager.printMessage(Kind.WARNING, message.format(args), element);
  }

  /** A warning on one attribute of an annotation; {@code value} may be null. */
  public void warning(
      Message message,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Object... args) {
    if (value == null) {
      messager.printMessage(Kind.WARNING, message.format(args), element, annotation);
    } else {
      messager.printMessage(Kind.WARNING, message.format(args), element, annotation, value);
    }
  }

  /** A warning on a piece of a method's source: a call, an expression, a loop. */
  public void warning(Message message, Trees trees, Tree tree, CompilationUnitTree unit, Object... args) {
    trees.printMessage(Kind.WARNING, message.format(args), tree, unit);
  }

  /** How many errors were reported so far; compare before and after reading an element. */
  public int errorCount() {
    return errors;
  }
}
