package io.carotene.processor.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;

/**
 * One {@code @Http} method.
 *
 * @param element the method, where duplicate routes are reported
 * @param annotation its {@code @Http}
 * @param methodName the method
 * @param httpMethod {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}
 * @param path the path template, {@code /api/players/{id}}
 * @param pathNames the names of the template's {@code {name}} segments
 * @param isStatic whether the method is static
 * @param result what it returns, or null for {@code void}
 * @param parameters every parameter, in order ({@link Parameter.TokensParameter} included)
 * @param authenticated whether the caller must be authenticated
 * @param sessionUserMatches the argument that must equal the session's user id, if any
 */
public record RouteModel(
    ExecutableElement element,
    AnnotationMirror annotation,
    String methodName,
    String httpMethod,
    String path,
    Set<String> pathNames,
    boolean isStatic,
    ResultType result,
    List<Parameter> parameters,
    boolean authenticated,
    Optional<String> sessionUserMatches) {

  public RouteModel {
    pathNames = Set.copyOf(pathNames);
    parameters = List.copyOf(parameters);
  }

  /** {@code POST /api/login}: how messages name the route. */
  public String display() {
    return display(httpMethod, path);
  }

  /** How messages name a route, also while it is being read. */
  public static String display(String httpMethod, String path) {
    return httpMethod + " " + path;
  }

  /** Whether requests carry a JSON body (else arguments come from the query string, as text). */
  public boolean hasBody() {
    return hasBody(httpMethod);
  }

  /** Whether requests of {@code httpMethod} carry a JSON body. */
  public static boolean hasBody(String httpMethod) {
    return httpMethod.equals("POST") || httpMethod.equals("PUT") || httpMethod.equals("PATCH");
  }

  /**
   * Whether it takes a store or view, or the world's random or id source, and so runs on the
   * world's thread.
   */
  public boolean onWorldThread() {
    return parameters.stream()
        .anyMatch(p -> p instanceof Parameter.StoreParameter
            || p instanceof Parameter.RandomParameter
            || p instanceof Parameter.IdsParameter);
  }

  /**
   * Whether it takes a {@code Scope.SERVER} store (and so, the processor checked, no room store):
   * on a server of rooms it runs process-wide, on the server world.
   */
  public boolean serverScoped() {
    return parameters.stream()
        .anyMatch(p -> p instanceof Parameter.StoreParameter store && store.store().serverScoped());
  }

  /**
   * The route's identity for duplicates: method and path with parameter names erased, since
   * {@code /p/{id}} and {@code /p/{name}} match the same requests.
   */
  public String key() {
    return httpMethod + " " + path.replaceAll("\\{[^/}]*}", "{}");
  }

  /** Whether an argument's value arrives as text: from the path, or from a query string. */
  public boolean isText(String argument) {
    return !hasBody() || pathNames.contains(argument);
  }
}
