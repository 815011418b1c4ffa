package io.carotene.processor.validation;

import com.palantir.javapoet.ClassName;
import io.carotene.processor.diagnostics.Diagnostics;
import io.carotene.processor.diagnostics.Message;
import io.carotene.processor.model.BackendModel;
import io.carotene.processor.model.DomainModel;
import io.carotene.processor.model.GeneratedNames;
import io.carotene.processor.model.RouteModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The checks that need every domain and backend, run once before the applications are written:
 * each backend belongs to one domain and is reachable from its application, no two backends of a
 * domain serve the same route, and the generated server main replaces no class of the user's.
 *
 * <p>Models may have been read in earlier rounds, whose elements have no source position; errors
 * are reported on this round's element of the same name where there is one.
 */
public final class CrossTypeChecks {
  private final Elements elements;
  private final Diagnostics diagnostics;

  public CrossTypeChecks(Elements elements, Diagnostics diagnostics) {
    this.elements = elements;
    this.diagnostics = diagnostics;
  }

  /**
   * Runs every check, reporting what fails.
   *
   * @param domains by qualified name, in the order read
   * @return each domain's backends (by qualified name of the domain, every domain present), in
   *     the order read; a backend that has no domain is in none
   */
  public Map<String, List<BackendModel>> check(
      Map<String, DomainModel> domains, List<BackendModel> backends) {
    Map<String, List<BackendModel>> backendsByDomain = new LinkedHashMap<>();
    domains.keySet().forEach(domain -> backendsByDomain.put(domain, new ArrayList<>()));
    for (BackendModel backend : backends) {
      String domain = domainOf(backend, domains);
      if (domain != null) {
        checkReachable(backend, domains.get(domain));
        backendsByDomain.get(domain).add(backend);
      }
    }
    for (DomainModel domain : domains.values()) {
      checkRoutes(backendsByDomain.get(domain.qualifiedName()));
      checkServerName(domain);
    }
    return backendsByDomain;
  }

  /** The domain a backend belongs to: its stores', else the only one there is. */
  private String domainOf(BackendModel backend, Map<String, DomainModel> domains) {
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
    String packageName = elements.getPackageOf(element).getQualifiedName().toString();
    if (packageName.equals(domain.interfaceName().packageName())) {
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

  /** This round's element of a route's method. */
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
    ClassName server = GeneratedNames.server(domain.interfaceName(), domain.name());
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
}
