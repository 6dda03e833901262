package dev.minato.shadow.rules;

import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.Suggestions;
import dev.minato.manifest.diff.FieldPath;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What never reaches a report: values of credential headers and query parameters (always), of
 * further named headers, of named query parameters, of named body fields, and any text matching a
 * pattern, each shown as {@code ***}. Applied to every value before it is kept as an example, so a
 * secret is not held in memory longer than the comparison needs it.
 *
 * @param headers lower-case header names whose values are hidden
 * @param queryParameters query parameter names whose values are hidden
 * @param paths body fields whose values are hidden
 * @param patterns text hidden wherever it appears
 */
public record Redaction(
    Set<String> headers,
    Set<String> queryParameters,
    List<PathPattern> paths,
    List<Pattern> patterns) {

  public static final String MASK = "***";

  /** Credentials every HTTP exchange may carry: hidden whatever the rules say. */
  public static final Set<String> ALWAYS_HIDDEN_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key");

  /**
   * Query parameters that carry credentials by common convention: hidden whatever the rules say.
   */
  public static final Set<String> ALWAYS_HIDDEN_QUERY =
      Set.of(
          "access_token",
          "token",
          "api_key",
          "apikey",
          "key",
          "password",
          "secret",
          "client_secret",
          "signature",
          "sig");

  public static final Redaction DEFAULT = of(Set.of(), Set.of(), List.of(), List.of());

  public Redaction {
    headers = Set.copyOf(headers);
    queryParameters = Set.copyOf(queryParameters);
    paths = List.copyOf(paths);
    patterns = List.copyOf(patterns);
  }

  /** The always-hidden headers plus the given ones. */
  public static Redaction of(
      Set<String> headers,
      Set<String> queryParameters,
      List<PathPattern> paths,
      List<Pattern> patterns) {
    TreeSet<String> names = new TreeSet<>(ALWAYS_HIDDEN_HEADERS);
    headers.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
    TreeSet<String> parameters = new TreeSet<>(ALWAYS_HIDDEN_QUERY);
    parameters.addAll(queryParameters);
    return new Redaction(names, parameters, paths, patterns);
  }

  /**
   * One {@code --redact} option: {@code header:NAME}, {@code query:NAME}, {@code path:JSONPATH} or
   * {@code regex:PATTERN}.
   */
  public static Redaction parseOption(String option) throws InvalidValueException {
    int colon = option.indexOf(':');
    String kind = colon < 0 ? "" : option.substring(0, colon);
    String value = colon < 0 ? "" : option.substring(colon + 1);
    if (value.isEmpty() || !KINDS.contains(kind)) {
      throw new InvalidValueException(
          "--redact '"
              + option
              + "': expected header:NAME, query:NAME, path:JSONPATH or regex:PATTERN"
              + (kind.isEmpty() ? "" : Suggestions.didYouMean(kind, KINDS))
              + ", like header:X-Session");
    }
    return switch (kind) {
      case "header" -> of(Set.of(value), Set.of(), List.of(), List.of());
      case "query" -> of(Set.of(), Set.of(value), List.of(), List.of());
      case "path" -> of(Set.of(), Set.of(), List.of(PathPattern.parse(value)), List.of());
      default -> of(Set.of(), Set.of(), List.of(), List.of(regex(option, value)));
    };
  }

  private static final List<String> KINDS = List.of("header", "query", "path", "regex");

  private static Pattern regex(String option, String value) throws InvalidValueException {
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      throw new InvalidValueException(
          "--redact '" + option + "': not a regular expression: " + e.getDescription());
    }
  }

  /** This redaction and {@code other}'s together. */
  public Redaction and(Redaction other) {
    TreeSet<String> names = new TreeSet<>(headers);
    names.addAll(other.headers);
    TreeSet<String> parameters = new TreeSet<>(queryParameters);
    parameters.addAll(other.queryParameters);
    return new Redaction(
        names, parameters, concat(paths, other.paths), concat(patterns, other.patterns));
  }

  public String header(String name, String value) {
    return headers.contains(name.toLowerCase(Locale.ROOT)) ? MASK : text(value);
  }

  public String field(FieldPath path, String value) {
    for (PathPattern pattern : paths) {
      if (pattern.matches(path)) {
        return MASK;
      }
    }
    return text(value);
  }

  /** A request target with the values of hidden query parameters masked. */
  public String target(String target) {
    int query = target.indexOf('?');
    if (query < 0 || queryParameters.isEmpty()) {
      return text(target);
    }
    StringBuilder out = new StringBuilder(target.substring(0, query + 1));
    String[] pairs = target.substring(query + 1).split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      if (i > 0) {
        out.append('&');
      }
      int eq = pairs[i].indexOf('=');
      String name = eq < 0 ? pairs[i] : pairs[i].substring(0, eq);
      out.append(eq >= 0 && queryParameters.contains(name) ? name + "=" + MASK : pairs[i]);
    }
    return text(out.toString());
  }

  /** {@code value} with every match of a hidden pattern masked. */
  public String text(String value) {
    String shown = value;
    for (Pattern pattern : patterns) {
      shown = pattern.matcher(shown).replaceAll(MASK);
    }
    return shown;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
