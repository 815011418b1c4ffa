package io.carotene.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.DomainModel;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.ResultType;
import io.carotene.processor.model.RouteModel;
import io.carotene.processor.model.StoreModel;
import io.carotene.processor.validation.Annotations;
import io.carotene.processor.validation.BackendReader;
import io.carotene.processor.validation.DomainReader;
import io.carotene.processor.validation.ModelReader;
import io.carotene.processor.validation.NameClaims;
import io.carotene.processor.validation.Outcome;
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
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
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
  private DomainReader domainReader;
  private BackendReader backendReader;
  private StrayAnnotations strays;
  private final StoreRegistry stores = new StoreRegistry();

  private final Map<String, DomainModel> domains = new LinkedHashMap<>();
  private final List<BackendModel> backends = new ArrayList<>();
  private final Set<String> deferredDomains = new LinkedHashSet<>();
  private final Set<String> deferredBackends = new LinkedHashSet<>();
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
    domainReader = new DomainReader(elements, diagnostics, models, names);
    backendReader =
        new BackendReader(
            elements,
            processingEnv.getTypeUtils(),
            diagnostics,
            models,
            new ResultReader(diagnostics, names),
            stores);
    strays = new StrayAnnotations(diagnostics);
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
    readDomains(newDomains, false);
    readBackends(newBackends, false);

    boolean nothingDeferred = deferredDomains.isEmpty() && deferredBackends.isEmpty();
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
    readDomains(Set.of(), reportUnresolved);
    readBackends(Set.of(), reportUnresolved);
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

  private void readDomains(Set<String> newDomains, boolean lastRound) {
    Set<String> toRead = new LinkedHashSet<>(deferredDomains);
    toRead.addAll(newDomains);
    deferredDomains.clear();
    for (String name : toRead) {
      TypeElement element = elements.getTypeElement(name);
      guarded(
          element,
          domain -> {
            Outcome<DomainModel> outcome = domainReader.read(domain, lastRound);
            if (outcome instanceof Outcome.Valid<DomainModel> valid) {
              DomainModel model = valid.model();
              domains.put(model.qualifiedName(), model);
              stores.register(model);
              writeDomain(model);
            } else if (outcome instanceof Outcome.Deferred<DomainModel>) {
              deferredDomains.add(name);
            }
          });
    }
  }

  private void readBackends(Set<String> newBackends, boolean lastRound) {
    Set<String> toRead = new LinkedHashSet<>(deferredBackends);
    toRead.addAll(newBackends);
    deferredBackends.clear();
    for (String name : toRead) {
      TypeElement element = elements.getTypeElement(name);
      guarded(
          element,
          backend -> {
            Outcome<BackendModel> outcome = backendReader.read(backend, lastRound);
            if (outcome instanceof Outcome.Valid<BackendModel> valid) {
              BackendModel model = valid.model();
              backends.add(model);
              model.argumentRecords().forEach(this::writeRecord);
              model.resultRecords().forEach(this::writeResultRecord);
              write(DispatcherWriter.write(model));
            } else if (outcome instanceof Outcome.Deferred<BackendModel>) {
              deferredBackends.add(name);
            }
          });
    }
  }

  /** Runs {@code action}; a bug of ours on one element is reported on it and spares the others. */
  private void guarded(TypeElement element, Consumer<TypeElement> action) {
    try {
      action.accept(element);
    } catch (RuntimeException e) {
      diagnostics.error(Message.INTERNAL_ERROR, element, element.getQualifiedName(), e);
    }
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
    Map<String, List<BackendModel>> backendsByDomain = new LinkedHashMap<>();
    domains.keySet().forEach(domain -> backendsByDomain.put(domain, new ArrayList<>()));
    for (BackendModel backend : backends) {
      String domain = domainOf(backend);
      if (domain != null) {
        checkReachable(backend, domains.get(domain));
        backendsByDomain.get(domain).add(backend);
      }
    }
    for (DomainModel domain : domains.values()) {
      checkRoutes(backendsByDomain.get(domain.qualifiedName()));
      checkServerName(domain);
    }
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

  /** Two backends of one domain must not serve the same method and path: one server serves both. */
  private void checkRoutes(List<BackendModel> backends) {
    Map<String, BackendModel> ownerByRoute = new LinkedHashMap<>();
    Map<String, RouteModel> routeByKey = new LinkedHashMap<>();
    List<BackendModel> ordered = new ArrayList<>(backends);
    ordered.sort(Comparator.comparing(backend -> backend.backendName().canonicalName()));
    for (BackendModel backend : ordered) {
      for (RouteModel route : backend.routes()) {
        BackendModel owner = ownerByRoute.putIfAbsent(route.key(), backend);
        if (owner != null) {
          // The route was read in an earlier round; report on this round's element, which has a
          // source position.
          ExecutableElement method = currentMethod(backend, route);
          diagnostics.error(
              Message.DUPLICATE_ROUTE,
              method,
              Annotations.find(method, Annotations.HTTP).orElse(null),
              route.display(),
              owner.backendName().simpleName(),
              routeByKey.get(route.key()).methodName());
        } else {
          routeByKey.put(route.key(), route);
        }
      }
    }
  }

  /** This round's element of a route's method (elements of earlier rounds have no position). */
  private ExecutableElement currentMethod(BackendModel backend, RouteModel route) {
    TypeElement type = elements.getTypeElement(backend.backendName().canonicalName());
    if (type != null) {
      for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
        if (method.getSimpleName().contentEquals(route.methodName())
            && Annotations.has(method, Annotations.HTTP)) {
          return method;
        }
      }
    }
    return route.element();
  }

  /** The generated main must not replace a class the user wrote. */
  private void checkServerName(DomainModel domain) {
    ClassName server = GeneratedNames.server(domain.interfaceName());
    TypeElement existing = elements.getTypeElement(server.canonicalName());
    if (existing != null) {
      TypeElement current = elements.getTypeElement(domain.qualifiedName());
      diagnostics.error(
          Message.GENERATED_NAME_CLASH,
          current != null ? current : domain.element(),
          domain.qualifiedName(),
          server.canonicalName(),
          "the class " + server.canonicalName() + " in this compilation");
    }
  }

  /** The domain a backend belongs to: its stores', else the only one there is. */
  private String domainOf(BackendModel backend) {
    if (!backend.domains().isEmpty()) {
      return backend.domains().iterator().next();
    }
    if (domains.size() == 1) {
      return domains.keySet().iterator().next();
    }
    diagnostics.error(
        Message.BACKEND_WITHOUT_DOMAIN,
        backend.element(),
        Annotations.find(backend.element(), Annotations.BACKEND).orElseThrow(),
        backend.backendName().simpleName(),
        "this compilation has " + domains.size() + " domains (" + String.join(", ", domains.keySet()) + ")");
    return null;
  }

  /** A backend outside its domain's package must be public, and so its constructor. */
  private void checkReachable(BackendModel backend, DomainModel domain) {
    TypeElement element = backend.element();
    if (packageOf(element).equals(domain.interfaceName().packageName())) {
      return;
    }
    boolean publicConstructor =
        ElementFilter.constructorsIn(element.getEnclosedElements()).stream()
            .anyMatch(
                constructor ->
                    constructor.getParameters().isEmpty()
                        && constructor.getModifiers().contains(Modifier.PUBLIC));
    if (!element.getModifiers().contains(Modifier.PUBLIC) || !publicConstructor) {
      diagnostics.error(
          Message.BACKEND_NOT_INSTANTIABLE,
          element,
          Annotations.find(element, Annotations.BACKEND).orElseThrow(),
          element.getSimpleName(),
          "it is outside the package of its domain "
              + domain.name()
              + " ("
              + domain.interfaceName().packageName()
              + "), so the class and its constructor without parameters must be public");
    }
  }

  private String packageOf(Element element) {
    PackageElement pkg = elements.getPackageOf(element);
    return pkg.getQualifiedName().toString();
  }
}
