package dev.minato.spec;

import java.util.Optional;

/**
 * How an app's alert and recording rules are delivered, and the runbook its alerts link to when an
 * SLO names none.
 */
public record Monitoring(RuleFormat rules, Optional<String> runbookUrl) {

  public static final Monitoring DEFAULT =
      new Monitoring(RuleFormat.PROMETHEUS_RULE, Optional.empty());

  /** The object that carries the rules. */
  public enum RuleFormat {
    /** A Prometheus Operator {@code PrometheusRule}, picked up by its rule selector. */
    PROMETHEUS_RULE("PrometheusRule"),
    /**
     * A ConfigMap holding a plain Prometheus rule file ({@code rules.yaml}), for a Prometheus
     * without the Operator that mounts it and lists it under {@code rule_files}.
     */
    CONFIG_MAP("ConfigMap");

    private final String spelling;

    RuleFormat(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }
}
