package io.carotene.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.DomainModel;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.ResultType;
import io.carotene.processor.model.StoreModel;
import io.carotene.processor.validation.Annotations;
import io.carotene.processor.validation.BackendReader;
import io.carotene.processor.validation.CrossTypeChecks;
import io.carotene.processor.validation.DomainReader;
import io.carotene.processor.validation.ModelReader;
import io.carotene.processor.validation.NameClaims;
import io.carotene.processor.validation.ResultReader;
import io.carotene.processor.validation.StoreRegistry;
import io.carotene.processor.validation.StrayAnnotations;
import io.carotene.processor.writing.ApplicationWriter;
import io.carotene.processor.writing.CodecWriter;
import io.carotene.processor.writing.DispatcherWriter;
import io.carotene.processor.writing.FlyweightWriter;
import io.carotene.processor.writing.ResultWriter;
import io.carotene.processor.writing.ServerWriter;
import io.carotene.processor.writing.ServiceFileWriter;
import io.carotene.processor.writing.StoreWriter;
import io.carotene.processor.writing.WireWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
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
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The Carotene annotation processor: reads {@code @Domain}s and {@code @Backend}s, checks them,
 * and writes their flyweights, codecs, stores, dispatchers and one application per domain.
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
          Annotations.AUTHENTICATED,
          Annotations.SESSION_USER_MATCHES);

  private Elements elements;
  private Diagnostics diagnostics;
  private DeferringReader<DomainModel> domainReader;
  private DeferringReader<BackendModel> backendReader;
  private StrayAnnotations strays;
  private CrossTypeChecks crossTypeChecks;
  private final StoreRegistry stores = new StoreRegistry();

  private final Map<String, DomainModel> domains = new LinkedHashMap<>();
  private final List<BackendModel> backends = new ArrayList<>();
  private final Set<String> writtenRecords = new HashSet<>();
  private final Set<String> writtenResultRecords = new HashSet<>();
  private boolean applicationsWritten;
  private boolean generatedThisRound;
  private boolean lastRound;

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
            stores);
    backendReader =
        new DeferringReader<>(elements, diagnostics, backendModels::read, this::acceptBackend);
    strays = new StrayAnnotations(diagnostics);
    crossTypeChecks = new CrossTypeChecks(elements, diagnostics);
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
    generatedThisRound = false;
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
    boolean quiet = annotations.isEmpty() || !generatedThisRound;
    if (nothingDeferred && quiet && !domains.isEmpty()) {
      writeApplications();
    }
    return false;
  }

  /** The last round: what is still deferred will never resolve. */
  private void finish() {
    lastRound = true;
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
    writeDomain(domain);
  }

  private void acceptBackend(BackendModel backend) {
    backends.add(backend);
    backend.argumentRecords().forEach(this::writeRecord);
    backend.resultRecords().forEach(this::writeResultRecord);
    write(DispatcherWriter.write(backend));
  }

  private void writeDomain(DomainModel domain) {
    for (StoreModel store : domain.stores()) {
      writeRecord(store.model());
      StoreWriter.write(store).forEach(this::write);
    }
  }

  /**
   * Writes a record's flyweight and codec (and wire format, for a record with an {@code @Id}), and
   * those of the records it contains, once.
   */
  private void writeRecord(RecordModel record) {
    if (!writtenRecords.add(record.recordName().canonicalName())) {
      return;
    }
    for (ComponentModel component : record.components()) {
      if (component.type().record() != null) {
        writeRecord(component.type().record());
      }
    }
    write(FlyweightWriter.write(record));
    write(CodecWriter.write(record));
    if (CodecWriter.isMarshaller(record)) {
      write(WireWriter.write(record));
    }
  }

  /** Writes a returned record's {@code <Name>Json}, once. */
  private void writeResultRecord(ResultType.ResultRecord record) {
    if (writtenResultRecords.add(record.recordName().canonicalName())) {
      write(ResultWriter.write(record));
    }
  }

  /**
   * Writes one source file. A sound element's code is written even when another element has
   * errors, so that its users do not drown the real error in "cannot find symbol"; but not in the
   * last round after errors, when javac compiles nothing anyway.
   */
  private void write(JavaFile file) {
    if (lastRound && diagnostics.errorCount() > 0) {
      return;
    }
    try {
      file.writeTo(processingEnv.getFiler());
      generatedThisRound = true;
    } catch (IOException e) {
      Element origin = file.typeSpec().originatingElements().get(0);
      diagnostics.error(
          Message.WRITE_FAILED, origin, file.packageName() + "." + file.typeSpec().name(), e);
    }
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
    List<ClassName> applications = new ArrayList<>();
    List<Element> originating = new ArrayList<>();
    for (DomainModel domain : domains.values()) {
      List<BackendModel> own = backendsByDomain.get(domain.qualifiedName());
      own.sort(Comparator.comparing(backend -> backend.backendName().canonicalName()));
      write(ApplicationWriter.write(domain, own));
      write(ServerWriter.write(domain, own));
      applications.add(domain.applicationName());
      originating.add(domain.element());
      own.forEach(backend -> originating.add(backend.element()));
    }
    try {
      ServiceFileWriter.write(processingEnv.getFiler(), applications, originating);
    } catch (IOException e) {
      diagnostics.error(
          Message.WRITE_FAILED, domains.values().iterator().next().element(), ServiceFileWriter.PATH, e);
    }
  }
}
