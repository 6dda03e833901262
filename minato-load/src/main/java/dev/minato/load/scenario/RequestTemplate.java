package dev.minato.load.scenario;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One kind of request a scenario sends, and how often relative to the others ({@code weight}).
 * Headers are kept sorted so the bytes on the wire are the same from run to run.
 */
public record RequestTemplate(
    String name,
    String method,
    String path,
    SortedMap<String, String> headers,
    byte[] body,
    int weight) {

  /** The methods a request may use. */
  public static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public RequestTemplate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = new TreeMap<>(headers);
    body = body.clone();
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be >= 1");
    }
  }

  /** A plain GET of {@code path}. */
  public static RequestTemplate get(String path) {
    return new RequestTemplate("GET " + path, "GET", path, new TreeMap<>(), new byte[0], 1);
  }

  @Override
  public SortedMap<String, String> headers() {
    return new TreeMap<>(headers);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** This request with another method and body (name kept unless it was the default one). */
  public RequestTemplate withMethodAndBody(String newMethod, byte[] newBody) {
    String newName = name.equals(method + " " + path) ? newMethod + " " + path : name;
    return new RequestTemplate(newName, newMethod, path, headers, newBody, weight);
  }

  /**
   * This request with {@code name: value} set, replacing a header of the same name in any case
   * (HTTP header names are case-insensitive).
   */
  public RequestTemplate withHeader(String name, String value) {
    TreeMap<String, String> changed = new TreeMap<>(headers);
    changed.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
    changed.put(name, value);
    return new RequestTemplate(this.name, method, path, changed, body, weight);
  }

  /**
   * What is wrong with a header a user gives, or empty: the name must be an HTTP token, the value
   * must stay on one line (a line break would end the header block and inject a request), and Host
   * and Content-Length are minato's to set.
   */
  public static Optional<String> headerProblem(String name, String value) {
    if (!TOKEN.matcher(name).matches()) {
      return Optional.of(
          "'" + name + "' is not a header name (letters, digits and !#$%&'*+-.^_`|~ only)");
    }
    if (name.equalsIgnoreCase("host") || name.equalsIgnoreCase("content-length")) {
      return Optional.of("header '" + name + "' is set by minato from the target and the body");
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      return Optional.of("the value of header '" + name + "' must be one line");
    }
    return Optional.empty();
  }

  /** Headers as an unmodifiable view, for building requests without copying. */
  public Map<String, String> headerView() {
    return java.util.Collections.unmodifiableSortedMap(headers);
  }
}
