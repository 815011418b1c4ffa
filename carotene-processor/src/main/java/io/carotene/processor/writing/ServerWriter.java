package io.carotene.processor.writing;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.DomainModel;
import io.carotene.processor.model.GeneratedNames;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Domain>Server}: a {@code main} that serves the domain's application, for a jar's
 * {@code Main-Class}. Written with the application, once.
 */
public final class ServerWriter {
  private ServerWriter() {}

  public static JavaFile write(DomainModel domain, List<BackendModel> backends) {
    ClassName name = GeneratedNames.server(domain.interfaceName(), domain.name());
    TypeSpec.Builder type =
        TypeSpec.classBuilder(name)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addAnnotation(RuntimeTypes.generated())
            .addOriginatingElement(domain.element())
            .addJavadoc(
                "Serves the {@link $T} domain: its game WebSocket at {@code /ws}, its backends'"
                    + " {@code @Http}\nroutes and {@code /health}, on {@code PORT} (default"
                    + " 8080), until SIGTERM. See {@link $T}\nfor the environment it reads.\n",
                domain.interfaceName(),
                RuntimeTypes.SERVER_MAIN)
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
            .addMethod(
                MethodSpec.methodBuilder("main")
                    .addJavadoc(
                        "Starts the server; on SIGTERM it stops cleanly and the process exits 0.\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addParameter(ArrayTypeName.of(String.class), "args")
                    .addStatement(
                        "$T.run(new $T())", RuntimeTypes.SERVER_MAIN, domain.applicationName())
                    .build());
    for (BackendModel backend : backends) {
      type.addOriginatingElement(backend.element());
    }
    return JavaFile.builder(name.packageName(), type.build()).skipJavaLangImports(true).build();
  }
}
