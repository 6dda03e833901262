package dev.minato.render.dashboard;

import java.util.Objects;

/**
 * One PromQL expression a panel draws, with its legend. Expressions may use the dashboard's
 * variables ({@code $namespace}) and Grafana's {@code $__rate_interval}, which Grafana replaces
 * before Prometheus parses the query.
 */
public record Query(String expr, String legend) {

  public Query {
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(legend, "legend");
  }
}
