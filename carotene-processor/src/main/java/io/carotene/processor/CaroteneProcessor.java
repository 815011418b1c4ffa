package io.carotene.processor;

import com.google.auto.service.AutoService;
import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.DomainModel;
import io.carotene.processor.validation.Annotations;
import io.carotene.processor.validation.BackendReader;
import io.carotene.processor.validation.CrossTypeChecks;
import io.carotene.processor.validation.DeterminismScanner;
import io.carotene.processor.validation.DomainReader;
import io.carotene.processor.validation.ModelReader;
import io.carotene.processor.validation.NameClaims;
import io.carotene.processor.validation.ResultReader;
import io.carotene.processor.validation.StoreRegistry;
import io.carotene.processor.validation.StrayAnnotations;
import io.carotene.processor.writing.GeneratedFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The Carotene annotation processor: reads {@code @Domain}s and {@code @Backend}s, checks them,
 * and writes their flyweights, codecs, stores, dispatchers and one application per domain. This
 * class only runs the rounds: the {@code validation} readers and checks report problems and give
 * models, and {@link GeneratedFiles} writes them.
 *
 * <p><b>Rounds.</b> Per-element output (codecs, stores, dispatchers) is written as soon as its
 * element can be read. A backend's parameters name generated stores ({@code GameWorldStore}),
 * which do not exist in the round that generates them; such a backend is deferred, and fetched
 * again by name in the next round (as auto-common's {@code BasicAnnotationProcessor} does).
 *
 * <p>The whole-program output, {@code <Domain>Application} and the service file, needs every
 * backend. It is written once, in the first round in which nothing is deferred and either no new
 * Carotene element appeared or nothing was generated (so no later round would bring more from us).
 * Writing it then, rather than at {@code processingOver()}, keeps the source file out of javac's
 * last round, whose files are not processed and which javac warns about. A Carotene element that
 * another processor generates after that is an error ({@code [Carotene/LateElement]}).
 */
@AutoService(Processor.class)
public final class CaroteneProcessor extends AbstractProcessor {
  private static final List<String> ANNOTATIONS =
      List.of(
          Annotations.DOMAIN,
          Annotations.STORE,
          Annotations.ID,
          Annotations.BACKEND,
          Annotations.LOOP,
          Annotations.SOCKET,
          Annotations.HTTP,
          Annotations.ON_CREATE,
          Annotations.ON_JOIN_ATTEMPT,
          Annotations.ON_JOIN,
          Annotations.ON_LEAVE,
          Annotations.ON_DISPOSE,
          Annotations.AUTHENTICATED,
          Annotations.SESSION_USER_MATCHES);

  private Elements elements;
  private Diagnostics diagnostics;
  private DeferringReader<DomainModel> domainReader;
  private DeferringReader<BackendModel> backendReader;
  private StrayAnnotations strays;
  private CrossTypeChecks crossTypeChecks;
  private GeneratedFiles files;
  private final StoreRegistry stores = new StoreRegistry();

  private final Map<String, DomainModel> domains = new LinkedHashMap<>();
  private final List<BackendModel> backends = new ArrayList<>();
  private boolean applicationsWritten;

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    elements = processingEnv.getElementUtils();
    diagnostics = new Diagnostics(processingEnv.getMessager());
    NameClaims names = new NameClaims(diagnostics);
    ModelReader models = new ModelReader(diagnostics, names);
    domainReader =
        new DeferringReader<>(
            elements,
            diagnostics,
            new DomainReader(elements, diagnostics, models, names)::read,
            this::acceptDomain);
    BackendReader backendModels =
        new BackendReader(
            elements,
            processingEnv.getTypeUtils(),
            diagnostics,
            models,
            new ResultReader(diagnostics, names),
            stores,
            DeterminismScanner.create(processingEnv, diagnostics));
    backendReader =
        new DeferringReader<>(elements, diagnostics, backendModels::read, this::acceptBackend);
    strays = new StrayAnnotations(diagnostics);
    crossTypeChecks = new CrossTypeChecks(elements, diagnostics);
    files = new GeneratedFiles(processingEnv.getFiler(), diagnostics);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.copyOf(ANNOTATIONS);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.processingOver()) {
      finish();
      return false;
    }
    files.startRound();
    for (TypeElement annotation : annotations) {
      strays.check(round, annotation);
    }
    Set<String> newDomains = annotatedTypes(round, Annotations.DOMAIN);
    Set<String> newBackends = annotatedTypes(round, Annotations.BACKEND);
    if (applicationsWritten) {
      reportLate(newDomains);
      reportLate(newBackends);
      return false;
    }
    domainReader.read(newDomains, false);
    backendReader.read(newBackends, false);

    boolean nothingDeferred = !domainReader.hasDeferred() && !backendReader.hasDeferred();
    boolean quiet = annotations.isEmpty() || !files.writtenThisRound();
    if (nothingDeferred && quiet && !domains.isEmpty()) {
      writeApplications();
    }
    return false;
  }

  /** The last round: what is still deferred will never resolve. */
  private void finish() {
    files.startLastRound();
    // With errors already reported, an unresolved type is most likely their echo: stay quiet.
    boolean reportUnresolved = diagnostics.errorCount() == 0;
    domainReader.read(Set.of(), reportUnresolved);
    backendReader.read(Set.of(), reportUnresolved);
    if (!applicationsWritten && !domains.isEmpty()) {
      writeApplications();
    }
  }

  private Set<String> annotatedTypes(RoundEnvironment round, String annotation) {
    TypeElement type = elements.getTypeElement(annotation);
    Set<String> names = new LinkedHashSet<>();
    if (type != null) {
      for (TypeElement element : ElementFilter.typesIn(round.getElementsAnnotatedWith(type))) {
        names.add(element.getQualifiedName().toString());
      }
    }
    return names;
  }

  private void reportLate(Set<String> names) {
    for (String name : names) {
      diagnostics.error(Message.LATE_ELEMENT, elements.getTypeElement(name), name);
    }
  }

  private void acceptDomain(DomainModel domain) {
    domains.put(domain.qualifiedName(), domain);
    stores.register(domain);
    files.domain(domain);
  }

  private void acceptBackend(BackendModel backend) {
    backends.add(backend);
    files.backend(backend);
  }

  /**
   * Gives each backend its domain, then writes one application per domain and the service file;
   * writes nothing if any backend cannot be placed or any error was reported.
   */
  private void writeApplications() {
    applicationsWritten = true;
    if (diagnostics.errorCount() > 0) {
      return;
    }
    Map<String, List<BackendModel>> backendsByDomain = crossTypeChecks.check(domains, backends);
    if (diagnostics.errorCount() > 0) {
      return;
    }
    files.applications(domains.values(), backendsByDomain);
  }
}
