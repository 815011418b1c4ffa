package io.carotene.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.carotene.processor.model.DomainModel;
import io.carotene.processor.model.StoreModel;
import io.carotene.processor.model.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes the application's {@code visibleStores()}: the interest each {@code @Visible} or
 * {@code @VisibleIf} store declares, by store name. A private store is not in it, so the runtime
 * never sends it.
 */
final class VisibilityWriter {
  private VisibilityWriter() {}

  static MethodSpec visibleStores(DomainModel domain) {
    ClassName map = ClassName.get(Map.class);
    List<CodeBlock> entries = new ArrayList<>();
    List<String> privateStores = new ArrayList<>();
    for (StoreModel store : domain.stores()) {
      if (store.visibility() instanceof Visibility.Private) {
        privateStores.add(store.name());
      } else {
        entries.add(CodeBlock.of("$T.entry($S, $L)", map, store.name(), interest(store)));
      }
    }
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("visibleStores")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(
                ParameterizedTypeName.get(
                    map,
                    ClassName.get(String.class),
                    ParameterizedTypeName.get(RuntimeTypes.INTEREST, WildcardTypeName.subtypeOf(Object.class))))
            .addJavadoc(
                "What clients receive of each store that declares it; $L.\n",
                privateStores.isEmpty()
                    ? "no store is private"
                    : "private, never sent: " + String.join(", ", privateStores));
    if (entries.isEmpty()) {
      return method.addStatement("return $T.of()", map).build();
    }
    return method
        .addStatement("return $T.ofEntries(\n$L)", map, CodeBlock.join(entries, ",\n"))
        .build();
  }

  private static CodeBlock interest(StoreModel store) {
    ClassName flyweight = store.model().mutableName();
    ClassName storeInterface = ClassName.get(store.element());
    Visibility visibility = store.visibility();
    if (visibility instanceof Visibility.Radius radius) {
      return CodeBlock.of(
          "$T.<$T>radius($Lf, entry -> $L, entry -> $L)",
          RuntimeTypes.INTEREST,
          flyweight,
          (float) radius.radius(),
          coordinate(radius.x(), radius.xIsDouble()),
          coordinate(radius.z(), radius.zIsDouble()));
    }
    if (visibility instanceof Visibility.Filter filter) {
      return filter.takesFlyweight()
          ? CodeBlock.of("$T.<$T>filter($T::$N)", RuntimeTypes.INTEREST, flyweight, storeInterface, filter.method())
          : CodeBlock.of(
              "$T.<$T>filter((viewer, entry) -> $T.$N(viewer, entry.toRecord()))",
              RuntimeTypes.INTEREST,
              flyweight,
              storeInterface,
              filter.method());
    }
    if (visibility instanceof Visibility.Everyone) {
      return CodeBlock.of("$T.<$T>everything()", RuntimeTypes.INTEREST, flyweight);
    }
    throw new IllegalArgumentException(store.name() + " is private");
  }

  /** {@code entry.position().x()}, narrowed to float when the component is a double. */
  private static CodeBlock coordinate(List<String> path, boolean isDouble) {
    CodeBlock.Builder read = CodeBlock.builder().add(isDouble ? "(float) entry" : "entry");
    for (String component : path) {
      read.add(".$N()", component);
    }
    return read.build();
  }
}
