package dev.minato.load.scenario;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

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

  /** Headers as an unmodifiable view, for building requests without copying. */
  public Map<String, String> headerView() {
    return java.util.Collections.unmodifiableSortedMap(headers);
  }
}
