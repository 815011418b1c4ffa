package io.carotene.processor.validation;

import com.palantir.javapoet.ClassName;
import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.DomainModel;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.StoreModel;
import io.carotene.processor.model.ValueKind;
import io.carotene.processor.model.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reads a {@code @Domain} interface, its {@code @Store}s and their models, reporting every
 * problem; returns a model only when there was none.
 */
public final class DomainReader {
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final ModelReader models;
  private final NameClaims names;
  private final VisibilityReader visibility;

  public DomainReader(
      Elements elements, Diagnostics diagnostics, ModelReader models, NameClaims names) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.models = models;
    this.names = names;
    this.visibility = new VisibilityReader(elements, diagnostics);
  }

  /**
   * @param lastRound when true, types that are still unresolved are errors instead of a reason to
   *     wait
   */
  public Outcome<DomainModel> read(TypeElement domain, boolean lastRound) {
    List<TypeElement> storeElements =
        ElementFilter.typesIn(domain.getEnclosedElements()).stream()
            .filter(type -> Annotations.has(type, Annotations.STORE))
            .toList();
    if (!lastRound && storeElements.stream().anyMatch(this::hasUnresolvedTypes)) {
      return Outcome.deferred();
    }
    int errorsBefore = diagnostics.errorCount();
    if (ModelReader.isPrivate(domain)) {
      diagnostics.error(Message.PRIVATE_TYPE, domain, "Domain " + domain.getSimpleName());
    }
    ClassName domainName = ClassName.get(domain);
    AnnotationMirror annotation = Annotations.find(domain, Annotations.DOMAIN).orElseThrow();
    AnnotationValue declared = Annotations.value(elements, annotation, "value");
    String name = GeneratedNames.domainName(domainName, (String) declared.getValue());
    if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
      diagnostics.error(Message.DOMAIN_NAME, domain, annotation, declared, name, name, name);
      return Outcome.invalid();
    }
    ClassName applicationName = GeneratedNames.application(domainName, name);
    names.claim(applicationName, domain);
    List<StoreModel> stores = new ArrayList<>();
    for (TypeElement storeElement : storeElements) {
      readStore(storeElement).ifPresent(stores::add);
    }
    if (diagnostics.errorCount() > errorsBefore) {
      return Outcome.invalid();
    }
    return Outcome.valid(new DomainModel(domain, name, domainName, applicationName, stores));
  }

  private boolean hasUnresolvedTypes(TypeElement store) {
    AnnotationMirror annotation = Annotations.find(store, Annotations.STORE).orElseThrow();
    Optional<TypeElement> model = modelElement(annotation);
    if (model.isEmpty()) {
      return !(Annotations.value(elements, annotation, "model").getValue() instanceof DeclaredType);
    }
    return model.get().getKind() == ElementKind.RECORD
        && models.firstUnresolved(model.get()).isPresent();
  }

  private Optional<TypeElement> modelElement(AnnotationMirror annotation) {
    Object value = Annotations.value(elements, annotation, "model").getValue();
    if (value instanceof DeclaredType declared && declared.getKind() != TypeKind.ERROR) {
      return Optional.of((TypeElement) declared.asElement());
    }
    return Optional.empty();
  }

  private Optional<StoreModel> readStore(TypeElement store) {
    AnnotationMirror annotation = Annotations.find(store, Annotations.STORE).orElseThrow();
    boolean valid = true;
    if (store.getKind() != ElementKind.INTERFACE) {
      diagnostics.error(Message.STORE_NOT_INTERFACE, store, annotation, store.getSimpleName());
      valid = false;
    }
    AnnotationValue engineValue = Annotations.value(elements, annotation, "engine");
    String engine = ((VariableElement) engineValue.getValue()).getSimpleName().toString();
    long capacity = (Long) Annotations.value(elements, annotation, "capacity").getValue();
    boolean serverScoped =
        ((VariableElement) Annotations.value(elements, annotation, "scope").getValue())
            .getSimpleName()
            .contentEquals("SERVER");
    if (capacity <= 0) {
      diagnostics.error(
          Message.STORE_CAPACITY,
          store,
          annotation,
          Annotations.explicitValue(annotation, "capacity"),
          capacity);
      valid = false;
    }
    String name = store.getSimpleName().toString();
    ClassName storeName = GeneratedNames.store(ClassName.get(store));
    ClassName viewName = GeneratedNames.view(ClassName.get(store));
    valid &= names.claim(storeName, store);
    valid &= names.claim(viewName, store);

    AnnotationValue modelValue = Annotations.explicitValue(annotation, "model");
    Optional<TypeElement> modelElement = modelElement(annotation);
    if (modelElement.isEmpty()) {
      TypeMirrorText text = new TypeMirrorText(Annotations.value(elements, annotation, "model"));
      diagnostics.error(
          Message.UNRESOLVED_TYPE, store, annotation, modelValue, "@Store " + name, text);
      return Optional.empty();
    }
    TypeElement record = modelElement.get();
    if (record.getKind() != ElementKind.RECORD) {
      diagnostics.error(
          Message.STORE_MODEL_NOT_RECORD, store, annotation, modelValue, record.getSimpleName());
      return Optional.empty();
    }
    Optional<RecordComponentElement> unresolved = models.firstUnresolved(record);
    if (unresolved.isPresent()) {
      diagnostics.error(
          Message.UNRESOLVED_TYPE,
          ModelReader.positionOf(unresolved.get()),
          "Component " + unresolved.get().getSimpleName(),
          unresolved.get().asType());
      return Optional.empty();
    }
    Optional<RecordModel> model = models.read(record);
    if (model.isEmpty()) {
      return Optional.empty();
    }
    Optional<ComponentModel> id = readId(store, annotation, modelValue, record, model.get());
    Optional<Visibility> visible = visibility.read(store, model.get());
    if (!valid || id.isEmpty() || visible.isEmpty()) {
      return Optional.empty();
    }
    if (serverScoped && !(visible.get() instanceof Visibility.Private)) {
      diagnostics.error(Message.SERVER_STORE_VISIBLE, store, annotation, name);
      return Optional.empty();
    }
    return Optional.of(
        new StoreModel(
            store, name, storeName, viewName, model.get(), id.get(), capacity, engine, visible.get(),
            serverScoped));
  }

  private Optional<ComponentModel> readId(
      TypeElement store,
      AnnotationMirror annotation,
      AnnotationValue modelValue,
      TypeElement record,
      RecordModel model) {
    List<RecordComponentElement> ids =
        record.getRecordComponents().stream()
            .filter(component -> Annotations.has(component, Annotations.ID))
            .map(RecordComponentElement.class::cast)
            .toList();
    String recordName = record.getSimpleName().toString();
    if (ids.isEmpty()) {
      diagnostics.error(
          Message.MISSING_ID, store, annotation, modelValue, recordName, recordName);
      return Optional.empty();
    }
    if (ids.size() > 1) {
      Element second = ModelReader.positionOf(ids.get(1));
      diagnostics.error(
          Message.DUPLICATE_ID,
          second,
          Annotations.find(second, Annotations.ID).orElse(null),
          recordName,
          String.join(", ", ids.stream().map(id -> id.getSimpleName().toString()).toList()));
      return Optional.empty();
    }
    RecordComponentElement idElement = ids.get(0);
    ComponentModel id =
        model.components().stream()
            .filter(component -> component.name().contentEquals(idElement.getSimpleName()))
            .findFirst()
            .orElseThrow();
    ValueKind kind = id.type().kind();
    boolean supported =
        kind == ValueKind.UUID
            || kind == ValueKind.STRING
            || kind == ValueKind.LONG
            || kind == ValueKind.INT;
    if (!supported) {
      Element position = ModelReader.positionOf(idElement);
      diagnostics.error(
          Message.UNSUPPORTED_ID_TYPE,
          position,
          Annotations.find(position, Annotations.ID).orElse(null),
          recordName,
          idElement.asType());
      return Optional.empty();
    }
    return Optional.of(id);
  }

  /** An unresolved class literal as the source spells it, for messages. */
  private record TypeMirrorText(AnnotationValue value) {
    @Override
    public String toString() {
      Object raw = value.getValue();
      return raw instanceof TypeMirror type ? type.toString() : String.valueOf(value);
    }
  }
}
