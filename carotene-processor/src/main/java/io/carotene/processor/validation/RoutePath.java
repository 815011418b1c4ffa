package io.carotene.processor.validation;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules of an {@code @Http(path)} template, such as {@code /api/players/{id}}. */
final class RoutePath {
  /** A path template segment that is a parameter: {@code {name}}, the name a Java identifier. */
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z_$][A-Za-z0-9_$]*)}");

  private RoutePath() {}

  /**
   * What is wrong with a path template, if anything; collects its parameter names into {@code
   * names}.
   */
  static Optional<String> problem(String path, Set<String> names) {
    if (!path.startsWith("/")) {
      return Optional.of("it must start with '/'");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '?' || c == '#' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return Optional.of("it contains '" + c + "'; a query string or fragment is not part of a route");
      }
    }
    String[] segments = path.substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      if (segment.isEmpty() && i < segments.length - 1) {
        return Optional.of("it has an empty segment ('//')");
      }
      if (segment.indexOf('{') < 0 && segment.indexOf('}') < 0) {
        continue;
      }
      Matcher matcher = PATH_PARAMETER.matcher(segment);
      if (!matcher.matches()) {
        return Optional.of(
            "segment '" + segment + "' must be a whole {name}, the name a parameter's");
      }
      if (!names.add(matcher.group(1))) {
        return Optional.of("{" + matcher.group(1) + "} appears twice");
      }
    }
    return Optional.empty();
  }
}
