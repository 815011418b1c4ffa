package io.carotene.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.DomainModel;
import io.carotene.processor.model.StoreModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Domain>Application}: creates the domain's store engines and the stores that hold
 * them, then a dispatcher per backend (each backend created with {@code new}), as the parts of one
 * not yet started world. If anything fails on the
 * way, the stores created so far are closed, so no off-heap memory leaks.
 */
public final class ApplicationWriter {
  private ApplicationWriter() {}

  /**
   * @param backends the domain's backends, in the order their dispatchers are registered
   */
  public static JavaFile write(DomainModel domain, List<BackendModel> backends) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(domain.applicationName())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(RuntimeTypes.generated())
            .addSuperinterface(RuntimeTypes.GENERATED_APPLICATION)
            .addSuperinterface(RuntimeTypes.VISIBLE_STORES)
            .addOriginatingElement(domain.element())
            .addJavadoc(javadoc(domain, backends));
    for (BackendModel backend : backends) {
      type.addOriginatingElement(backend.element());
    }
    type.addMethod(
        override("domain")
            .returns(
                ParameterizedTypeName.get(
                    ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)))
            .addStatement("return $T.class", domain.interfaceName())
            .build());
    type.addMethod(
        override("name").returns(String.class).addStatement("return $S", domain.name()).build());
    type.addMethod(createParts(domain, backends));
    type.addMethod(VisibilityWriter.visibleStores(domain));
    List<String> persistedRoomStores = domain.stores().stream()
        .filter(store -> store.engine().equals("PERSISTED") && !store.serverScoped())
        .map(StoreModel::name)
        .toList();
    if (!persistedRoomStores.isEmpty()) {
      type.addMethod(
          override("persistedRoomStores")
              .addJavadoc("The persisted stores of every room, which a server of rooms refuses.\n")
              .returns(ParameterizedTypeName.get(RuntimeTypes.LIST, ClassName.get(String.class)))
              .addStatement("return $T.of($L)", RuntimeTypes.LIST,
                  CodeBlock.join(persistedRoomStores.stream().map(name -> CodeBlock.of("$S", name)).toList(), ", "))
              .build());
    }
    if (backends.stream().anyMatch(backend -> !backend.hooks().isEmpty())) {
      type.addMethod(
          override("roomHooks")
              .addJavadoc("Every backend's room lifecycle methods, in the order of the dispatchers.\n")
              .returns(RuntimeTypes.ROOM_HOOKS)
              .addParameter(RuntimeTypes.WORLD_PARTS, "parts")
              .addStatement("return $T.of(parts.dispatchers())", RuntimeTypes.ROOM_HOOKS)
              .build());
    }
    return JavaFile.builder(domain.applicationName().packageName(), type.build())
        .skipJavaLangImports(true)
        .build();
  }

  private static CodeBlock javadoc(DomainModel domain, List<BackendModel> backends) {
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add("The {@link $T} domain wired together: its stores (", domain.interfaceName());
    doc.add(
        domain.stores().isEmpty()
            ? CodeBlock.of("none")
            : CodeBlock.join(
                domain.stores().stream().map(store -> CodeBlock.of("{@code $L}", store.name())).toList(),
                ", "));
    doc.add(") and its backends (");
    doc.add(
        backends.isEmpty()
            ? CodeBlock.of("none")
            : CodeBlock.join(
                backends.stream().map(backend -> CodeBlock.of("{@link $T}", backend.backendName())).toList(),
                ", "));
    return doc.add(").\nRegistered as a {@link $T} service.\n", RuntimeTypes.CAROTENE_APPLICATION)
        .build();
  }

  private static MethodSpec createParts(DomainModel domain, List<BackendModel> backends) {
    NameAllocator names = new NameAllocator();
    for (String fixed : List.of("options", "services", "created", "opened", "failure", "closeFailure", "store")) {
      names.newName(fixed, fixed);
    }
    TypeName anyStore =
        ParameterizedTypeName.get(
            RuntimeTypes.CHRONICLE_STORE,
            WildcardTypeName.subtypeOf(Object.class),
            WildcardTypeName.subtypeOf(Object.class),
            WildcardTypeName.subtypeOf(Object.class));
    MethodSpec.Builder method =
        override("createParts")
            .returns(RuntimeTypes.WORLD_PARTS)
            .addParameter(RuntimeTypes.STORE_OPTIONS, "options")
            .addParameter(RuntimeTypes.WORLD_SERVICES, "services")
            .addStatement(
                "$T<$T> created = new $T<>()",
                RuntimeTypes.LIST,
                anyStore,
                RuntimeTypes.ARRAY_LIST)
            .addStatement("$T<$T> opened = new $T<>()", RuntimeTypes.LIST, Object.class, RuntimeTypes.ARRAY_LIST)
            .beginControlFlow("try");
    if (!domain.stores().isEmpty()) {
      method.addComment("A room opens its room-scoped stores, the server world its server-scoped ones, a single")
          .addComment("world both. A store the world lacks stays null: nothing that takes it runs there.");
    }
    for (StoreModel store : domain.stores()) {
      String local = names.newName(DispatcherWriter.lowerCamel(store.name()), store);
      String engine = names.newName(local + "Engine");
      method
          .addStatement("$T $N = null", store.storeName(), local)
          .beginControlFlow("if (options.$N())", store.serverScoped() ? "opensServerStores" : "opensRoomStores")
          .addStatement(
              "$T $N = $T.newEngine(options)", StoreWriter.engineType(store), engine, store.storeName())
          .addStatement("created.add($N)", engine)
          .addStatement("$N = new $T($N)", local, store.storeName(), engine)
          .addStatement("opened.add($N)", local)
          .endControlFlow();
    }
    List<CodeBlock> dispatcherNames = new ArrayList<>();
    for (BackendModel backend : backends) {
      String local =
          names.newName(DispatcherWriter.lowerCamel(backend.backendName().simpleName()), backend);
      List<CodeBlock> arguments = new ArrayList<>();
      arguments.add(CodeBlock.of("new $T()", backend.backendName()));
      for (StoreModel store : backend.stores()) {
        arguments.add(CodeBlock.of("$N", names.get(store)));
      }
      arguments.add(CodeBlock.of("services"));
      method.addStatement(
          "$T $N = new $T($L)",
          backend.dispatcherName(),
          local,
          backend.dispatcherName(),
          CodeBlock.join(arguments, ", "));
      dispatcherNames.add(CodeBlock.of("$N", local));
    }
    method
        .addStatement(
            "return new $T(created, opened, $T.of($L))",
            RuntimeTypes.WORLD_PARTS,
            RuntimeTypes.LIST,
            CodeBlock.join(dispatcherNames, ", "))
        .nextControlFlow("catch ($T | $T failure)", RuntimeException.class, Error.class)
        .addComment("Close what was created, newest first, and keep the first failure on top.")
        .beginControlFlow("for (int i = created.size() - 1; i >= 0; i--)")
        .beginControlFlow("try")
        .addStatement("created.get(i).close()")
        .nextControlFlow("catch ($T closeFailure)", RuntimeException.class)
        .addStatement("failure.addSuppressed(closeFailure)")
        .endControlFlow()
        .endControlFlow()
        .addStatement("throw failure")
        .endControlFlow();
    return method.build();
  }

  private static MethodSpec.Builder override(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
  }
}
