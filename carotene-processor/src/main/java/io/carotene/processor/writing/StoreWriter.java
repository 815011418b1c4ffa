package io.carotene.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.carotene.processor.model.ComponentModel;
import io.carotene.processor.model.RecordModel;
import io.carotene.processor.model.StoreModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.lang.model.element.Modifier;

/**
 * Writes a store's two types: {@code <Name>View}, read-only, and {@code <Name>Store}, the
 * writable store that implements it by passing every call to the off-heap engine it holds (an
 * {@code internal.ChronicleStore}, which game code never sees). A loop or handler gets the one its
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
    TypeName engine = engineType(store);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(store.storeName())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(RuntimeTypes.generated())
            .addOriginatingElement(store.element())
            .addOriginatingElement(store.model().element())
            .addSuperinterface(store.viewName())
            .addSuperinterface(
                ParameterizedTypeName.get(
                    RuntimeTypes.WRITABLE_STORE,
                    id,
                    store.model().recordName(),
                    store.model().mutableName()))
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
            .addField(engine, "engine", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addJavadoc("The store over {@code engine}; the domain's application creates it.\n")
                    .addParameter(engine, "engine")
                    .addStatement("this.engine = engine")
                    .build())
            .addMethod(newEngine(store, engine));
    if (store.engine().equals("PERSISTED")) {
      type.addField(
          FieldSpec.builder(
                  ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class)),
                  "LAYOUT",
                  Modifier.STATIC,
                  Modifier.FINAL)
              .addJavadoc(
                  "The model's fields in their off-heap order, as the store's files record them: a\n"
                      + "changed list makes the store refuse its old files rather than misread them.\n")
              .initializer("$T.of($L)", List.class, layoutLiteral(store))
              .build());
    }
    for (Delegate delegate : DELEGATES) {
      type.addMethod(delegate.write(store, id));
    }
    return JavaFile.builder(store.storeName().packageName(), type.build())
        .skipJavaLangImports(true)
        .build();
  }

  private static MethodSpec newEngine(StoreModel store, TypeName engine) {
    boolean persisted = store.engine().equals("PERSISTED");
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("newEngine")
            .addJavadoc(
                persisted
                    ? "A new engine for this store over its files in {@code options}' data directory,\n"
                        + "sized by {@code options} or else by {@link #DECLARED_CAPACITY}.\n"
                    : "A new off-heap engine for this store, sized by {@code options} or else by {@link\n"
                        + "#DECLARED_CAPACITY}.\n")
            .addModifiers(Modifier.STATIC)
            .returns(engine)
            .addParameter(RuntimeTypes.STORE_OPTIONS, "options");
    String arguments = "return new $T<>($S, $T.class, $T.class, $T.class, $T.INSTANCE,\n"
        + "options.capacityFor(DECLARED_CAPACITY), $T::$N";
    Object[] values = {
      RuntimeTypes.CHRONICLE_STORE,
      store.name(),
      idType(store),
      store.model().recordName(),
      store.model().mutableName(),
      store.model().codecName(),
      store.model().recordName(),
      store.id().name()
    };
    return method.addStatement(arguments + (persisted ? ", options, LAYOUT)" : ")"), values).build();
  }

  /** {@code "id UUID", "x float", "pos.x float"}: the fields as {@code layout.txt} records them. */
  private static String layoutLiteral(StoreModel store) {
    List<String> lines = new ArrayList<>();
    layout(store.model(), "", lines);
    List<String> quoted = new ArrayList<>();
    for (String line : lines) {
      quoted.add("\"" + line + "\"");
    }
    return String.join(", ", quoted);
  }

  private static void layout(RecordModel record, String prefix, List<String> lines) {
    for (ComponentModel component : record.components()) {
      var type = component.type();
      switch (type.kind()) {
        case RECORD -> layout(type.record(), prefix + component.name() + ".", lines);
        case ENUM -> lines.add(prefix + component.name() + " " + type.displayName() + "(enum, "
            + type.encodedSize() + (type.encodedSize() == 1 ? " byte)" : " bytes)"));
        default -> lines.add(prefix + component.name() + " " + type.displayName());
      }
    }
  }

  /** {@code ChronicleStore<UUID, Player, MutablePlayer>}: the engine a store holds. */
  static TypeName engineType(StoreModel store) {
    return ParameterizedTypeName.get(
        RuntimeTypes.CHRONICLE_STORE, idType(store), store.model().recordName(), store.model().mutableName());
  }

  /** One method of {@code WritableStore}, passed on to the engine. */
  private record Delegate(String name, Kind returns, Kind... parameters) {
    enum Kind { VOID, STRING, BOOLEAN, INT, ID, MODEL, OPTIONAL_MODEL, MODEL_LIST, MODELS, FLYWEIGHT_ACTION }

    MethodSpec write(StoreModel store, TypeName id) {
      MethodSpec.Builder method =
          MethodSpec.methodBuilder(name)
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(type(returns, store, id));
      List<String> names = new ArrayList<>();
      for (Kind parameter : parameters) {
        String parameterName = parameterName(parameter);
        method.addParameter(type(parameter, store, id), parameterName);
        names.add(parameterName);
      }
      String call = "engine." + name + "(" + String.join(", ", names) + ")";
      return (returns == Kind.VOID ? method.addStatement(call) : method.addStatement("return " + call))
          .build();
    }

    private static String parameterName(Kind kind) {
      return switch (kind) {
        case ID -> "id";
        case MODEL -> "model";
        case MODELS -> "models";
        case FLYWEIGHT_ACTION -> "action";
        default -> throw new IllegalArgumentException(kind.name());
      };
    }

    private static TypeName type(Kind kind, StoreModel store, TypeName id) {
      TypeName model = store.model().recordName();
      return switch (kind) {
        case VOID -> TypeName.VOID;
        case STRING -> ClassName.get(String.class);
        case BOOLEAN -> TypeName.BOOLEAN;
        case INT -> TypeName.INT;
        case ID -> id;
        case MODEL -> model;
        case OPTIONAL_MODEL -> ParameterizedTypeName.get(ClassName.get(Optional.class), model);
        case MODEL_LIST -> ParameterizedTypeName.get(RuntimeTypes.LIST, model);
        case MODELS ->
            ParameterizedTypeName.get(
                ClassName.get(Iterable.class), WildcardTypeName.subtypeOf(model));
        case FLYWEIGHT_ACTION ->
            ParameterizedTypeName.get(
                ClassName.get(Consumer.class), WildcardTypeName.supertypeOf(store.model().mutableName()));
      };
    }
  }

  /** Every method of {@code StoreView} and {@code WritableStore}, in their declaration order. */
  private static final List<Delegate> DELEGATES =
      List.of(
          new Delegate("name", Delegate.Kind.STRING),
          new Delegate("find", Delegate.Kind.OPTIONAL_MODEL, Delegate.Kind.ID),
          new Delegate("get", Delegate.Kind.MODEL, Delegate.Kind.ID),
          new Delegate("contains", Delegate.Kind.BOOLEAN, Delegate.Kind.ID),
          new Delegate("count", Delegate.Kind.INT),
          new Delegate("all", Delegate.Kind.MODEL_LIST),
          new Delegate("put", Delegate.Kind.VOID, Delegate.Kind.MODEL),
          new Delegate("batchUpdate", Delegate.Kind.VOID, Delegate.Kind.MODELS),
          new Delegate("remove", Delegate.Kind.BOOLEAN, Delegate.Kind.ID),
          new Delegate("clear", Delegate.Kind.VOID),
          new Delegate("update", Delegate.Kind.BOOLEAN, Delegate.Kind.ID, Delegate.Kind.FLYWEIGHT_ACTION),
          new Delegate("updateEach", Delegate.Kind.VOID, Delegate.Kind.FLYWEIGHT_ACTION));
}
