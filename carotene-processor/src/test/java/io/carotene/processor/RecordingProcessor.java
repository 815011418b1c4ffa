package io.carotene.processor;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager.Location;
import javax.tools.JavaFileObject;

/**
 * The Carotene processor with its {@link Filer} watched: records the name of every source file
 * it creates, so a test of a failed compilation (whose generated files compile-testing does not
 * expose) can still see what was generated.
 */
final class RecordingProcessor implements Processor {
  private final Processor delegate = new CaroteneProcessor();
  private final List<String> sourceFiles = new CopyOnWriteArrayList<>();

  /** The qualified names of the source files created, in order. */
  List<String> sourceFiles() {
    return sourceFiles;
  }

  @Override
  public void init(ProcessingEnvironment environment) {
    Filer filer = environment.getFiler();
    Filer recording =
        new Filer() {
          @Override
          public JavaFileObject createSourceFile(CharSequence name, Element... originating)
              throws IOException {
            sourceFiles.add(name.toString());
            return filer.createSourceFile(name, originating);
          }

          @Override
          public JavaFileObject createClassFile(CharSequence name, Element... originating)
              throws IOException {
            return filer.createClassFile(name, originating);
          }

          @Override
          public FileObject createResource(
              Location location, CharSequence pkg, CharSequence relativeName, Element... originating)
              throws IOException {
            return filer.createResource(location, pkg, relativeName, originating);
          }

          @Override
          public FileObject getResource(Location location, CharSequence pkg, CharSequence relativeName)
              throws IOException {
            return filer.getResource(location, pkg, relativeName);
          }
        };
    delegate.init(
        new ProcessingEnvironment() {
          @Override
          public Map<String, String> getOptions() {
            return environment.getOptions();
          }

          @Override
          public Messager getMessager() {
            return environment.getMessager();
          }

          @Override
          public Filer getFiler() {
            return recording;
          }

          @Override
          public Elements getElementUtils() {
            return environment.getElementUtils();
          }

          @Override
          public Types getTypeUtils() {
            return environment.getTypeUtils();
          }

          @Override
          public SourceVersion getSourceVersion() {
            return environment.getSourceVersion();
          }

          @Override
          public Locale getLocale() {
            return environment.getLocale();
          }
        });
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return delegate.process(annotations, round);
  }

  @Override
  public Iterable<? extends Completion> getCompletions(
      Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
    return delegate.getCompletions(element, annotation, member, userText);
  }
}
