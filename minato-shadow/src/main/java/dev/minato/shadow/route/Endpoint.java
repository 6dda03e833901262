package dev.minato.shadow.route;

import java.util.Comparator;
import java.util.Objects;

/**
 * What results are grouped by: a method and a route template ({@code GET /users/{id}}).
 *
 * @param method the HTTP method, upper case
 * @param route the template of the path, or {@link RouteTemplates#OTHER}
 */
public record Endpoint(String method, String route) implements Comparable<Endpoint> {

  private static final Comparator<Endpoint> ORDER =
      Comparator.comparing(Endpoint::route).thenComparing(Endpoint::method);

  public Endpoint {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(route, "route");
  }

  @Override
  public int compareTo(Endpoint other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return method + " " + route;
  }
}
