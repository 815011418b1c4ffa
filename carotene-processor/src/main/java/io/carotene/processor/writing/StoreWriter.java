package io.carotene.processor.writing;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.carotene.processor.model.StoreModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes a store's two types: {@code <Name>View}, read-only, and {@code <Name>Store}, the
 * writable store over Chronicle Map that implements it. A loop or handler gets the one its
 * parameter names.
 */
public final class StoreWriter {
  private StoreWriter() {}

  /** The id's type as a type argument: boxed when primitive. */
  static TypeName idType(StoreModel store) {
    TypeName id = store.id().type().typeName();
    return id.isPrimitive() ? id.box() : id;
  }

  public static List<JavaFile> write(StoreModel store) {
    return List.of(view(store), store(store));
  }

  private static JavaFile view(StoreModel store) {
    TypeSpec view =
        TypeSpec.interfaceBuilder(store.viewName())
            .addModifiers(Modifier.PUBLIC)
            .addAnnotation(RuntimeTypes.generated())
            .addOriginatingElement(store.element())
            .addOriginatingElement(store.model().element())
            .addSuperinterface(
                ParameterizedTypeName.get(
                    RuntimeTypes.STORE_VIEW, idType(store), store.model().recordName()))
            .addJavadoc(
                "Read-only access to the {@code $L} store of {@link $T}s, keyed by $L. A loop or\n"
                    + "handler that takes this type can read the store but not change it.\n",
                store.name(),
                store.model().recordName(),
                store.id().name())
            .build();
    return JavaFile.builder(store.viewName().packageName(), view).skipJavaLangImports(true).build();
  }

  private static JavaFile store(StoreModel store) {
    TypeName id = idType(store);
    TypeSpec type =
        TypeSpec.classBuilder(store.storeName())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(RuntimeTypes.generated())
            .addOriginatingElement(store.element())
            .addOriginatingElement(store.model().element())
            .superclass(
                ParameterizedTypeName.get(
                    RuntimeTypes.CHRONICLE_STORE,
                    id,
                    store.model().recordName(),
                    store.model().mutableName()))
            .addSuperinterface(store.viewName())
            .addJavadoc(
                "The {@code $L} store of {@link $T}s, keyed by $L: off-heap ({@code $L}), for up to\n"
                    + "$L entries. A loop or handler that takes this type may write.\n",
                store.name(),
                store.model().recordName(),
                store.id().name(),
                store.engine(),
                store.capacity())
            .addField(
                FieldSpec.builder(
                        long.class,
                        "DECLARED_CAPACITY",
                        Modifier.PUBLIC,
                        Modifier.STATIC,
                        Modifier.FINAL)
                    .addJavadoc("The capacity declared by {@code @Store(capacity = ...)}.\n")
                    .initializer("$LL", store.capacity())
                    .build())
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addJavadoc(
                        "Creates the store, sized by {@code options} or else by {@link"
                            + " #DECLARED_CAPACITY}.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(RuntimeTypes.STORE_OPTIONS, "options")
                    .addStatement(
                        "super($S, $T.class, $T.class, $T.class, $T.INSTANCE,\n"
                            + "options.capacityFor(DECLARED_CAPACITY))",
                        store.name(),
                        id,
                        store.model().recordName(),
                        store.model().mutableName(),
                        store.model().codecName())
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("idOf")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PROTECTED)
                    .returns(id)
                    .addParameter(store.model().recordName(), "model")
                    .addStatement("return model.$N()", store.id().name())
                    .build())
            .build();
    return JavaFile.builder(store.storeName().packageName(), type).skipJavaLangImports(true).build();
  }
}
