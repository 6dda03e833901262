package dev.minato.check.rules;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.findings;
import static dev.minato.check.Fixture.messages;
import static dev.minato.check.rules.RuleTexts.after;
import static dev.minato.check.rules.RuleTexts.at;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Monitoring: serving workloads are scraped, alerts link runbooks, SLOs leave a budget. */
class MonitoringRulesTest {

  private static final String SERVICE =
      """
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        labels: {app: web}
      spec:
        selector: {app: web}
        ports: [{port: 80, targetPort: http}]
      """;

  private static final String SERVED = WEB + SERVICE;

  private static String monitor(String kind, String spec) {
    return "---\napiVersion: monitoring.coreos.com/v1\nkind: "
        + kind
        + "\nmetadata: {name: web}\nspec: "
        + spec
        + "\n";
  }

  // metrics-scraped

  @Test
  void aServedWorkloadNothingScrapesIsReportedAtItsPodMetadata() {
    assertThat(findings(SERVED, "metrics-scraped"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .startsWith("Deployment/web serves behind Service/web but nothing scrapes")
                  .contains("add a ServiceMonitor (minato: spec.metrics)");
              assertThat(at(f)).isEqualTo(after(SERVED, "  template:\n    metadata:\n      "));
            });
  }

  @Test
  void aWorkloadNoServiceSelectsIsNotAsked() {
    assertThat(findings(WEB, "metrics-scraped")).isEmpty();
  }

  @Test
  void aServiceMonitorSelectingTheServicesLabelsScrapesIt() {
    assertThat(
            findings(
                SERVED + monitor("ServiceMonitor", "{selector: {matchLabels: {app: web}}}"),
                "metrics-scraped"))
        .isEmpty();
  }

  @Test
  void aServiceMonitorSelectingOtherLabelsDoesNot() {
    assertThat(
            findings(
                SERVED + monitor("ServiceMonitor", "{selector: {matchLabels: {app: api}}}"),
                "metrics-scraped"))
        .hasSize(1);
  }

  @Test
  void aServiceMonitorInAnotherNamespaceCountsOnlyWhenItWatchesThisOne() {
    String served =
        SERVED
            .replace(
                "  name: web\n  labels: {app: web}\n",
                "  name: web\n  namespace: shop\n  labels: {app: web}\n")
            .replace(
                "  name: web\n  labels: {app: web, minato",
                "  name: web\n  namespace: shop\n  labels: {app: web, minato");
    String elsewhere =
        "---\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\n"
            + "metadata: {name: web, namespace: monitoring}\n"
            + "spec: {selector: {matchLabels: {app: web}}";

    assertThat(findings(served + elsewhere + "}\n", "metrics-scraped")).hasSize(1);
    assertThat(
            findings(
                served + elsewhere + ", namespaceSelector: {matchNames: [other]}}\n",
                "metrics-scraped"))
        .hasSize(1);
    assertThat(
            findings(
                served + elsewhere + ", namespaceSelector: {matchNames: [shop]}}\n",
                "metrics-scraped"))
        .isEmpty();
    assertThat(
            findings(served + elsewhere + ", namespaceSelector: {any: true}}\n", "metrics-scraped"))
        .isEmpty();
  }

  @Test
  void aPodMonitorSelectingThePodsScrapesIt() {
    assertThat(
            findings(
                SERVED + monitor("PodMonitor", "{selector: {matchLabels: {app: web}}}"),
                "metrics-scraped"))
        .isEmpty();
  }

  @Test
  void prometheusAndDatadogPodAnnotationsScrapeIt() {
    for (String annotation :
        new String[] {
          "prometheus.io/scrape: \"true\"",
          "ad.datadoghq.com/app.checks: '{\"openmetrics\": {}}'",
          "ad.datadoghq.com/app.check_names: '[\"openmetrics\"]'"
        }) {
      String yaml =
          SERVED.replace(
              "      labels: {app: web}\n    spec:",
              "      labels: {app: web}\n      annotations: {" + annotation + "}\n    spec:");

      assertThat(findings(yaml, "metrics-scraped")).as(annotation).isEmpty();
    }
  }

  @Test
  void scrapeFalseDoesNotCount() {
    String yaml =
        SERVED.replace(
            "      labels: {app: web}\n    spec:",
            "      labels: {app: web}\n      annotations: {prometheus.io/scrape: \"false\"}\n"
                + "    spec:");

    assertThat(findings(yaml, "metrics-scraped")).hasSize(1);
  }

  // alert-runbook

  private static final String RULES =
      monitor(
              "PrometheusRule",
              "\n  groups:\n    - name: web.rules\n      rules:\n"
                  + "        - record: job:requests:rate5m\n"
                  + "          expr: sum(rate(http_requests_total[5m]))\n"
                  + "        - alert: WebDown\n"
                  + "          expr: up == 0\n"
                  + "          annotations: {summary: web is down}\n")
          .substring(4);

  @Test
  void anAlertWithoutARunbookIsReportedAtItsAnnotations() {
    assertThat(findings(RULES, "alert-runbook"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .isEqualTo(
                      "PrometheusRule/web alert 'WebDown' (group 'web.rules') has no runbook_url"
                          + " annotation; whoever it pages learns that it fired, not what it means"
                          + " or what to do. Link the runbook");
              assertThat(at(f)).isEqualTo(after(RULES, "          annotations: "));
            });
  }

  @Test
  void anAlertWithARunbookAndRecordingRulesPass() {
    String yaml =
        RULES.replace(
            "{summary: web is down}",
            "{summary: web is down, runbook_url: \"https://runbooks.example.com/web#WebDown\"}");

    assertThat(findings(yaml, "alert-runbook")).isEmpty();
  }

  // slo-error-budget

  private static String objective(String expr) {
    return monitor(
            "PrometheusRule",
            "\n  groups:\n    - name: slo\n      rules:\n"
                + "        - record: slo:objective:ratio\n"
                + "          expr: "
                + expr
                + "\n          labels: {app: web, slo: availability}\n")
        .substring(4);
  }

  @Test
  void aHundredPercentObjectiveIsReportedAtItsExpression() {
    String yaml = objective("vector(1)");

    assertThat(findings(yaml, "slo-error-budget"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .startsWith(
                      "PrometheusRule/web records slo:objective:ratio 1 (group 'slo'): a 100 %"
                          + " objective leaves no error budget");
              assertThat(at(f)).isEqualTo(after(yaml, "expr: "));
            });
    assertThat(messages(objective("1.0"), "slo-error-budget")).hasSize(1);
  }

  @Test
  void anObjectiveBelowOneOrComputedPasses() {
    assertThat(findings(objective("vector(0.999)"), "slo-error-budget")).isEmpty();
    assertThat(findings(objective("0.99"), "slo-error-budget")).isEmpty();
    assertThat(findings(objective("max(slo:objective:source)"), "slo-error-budget")).isEmpty();
  }

  @Test
  void slothAndPyrraObjectivesInPercentAreChecked() {
    String sloth =
        "apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata: {name: web}\n"
            + "spec:\n  service: web\n  slos:\n    - {name: ok, objective: 99.9}\n"
            + "    - {name: all, objective: 100}\n";
    String pyrra =
        "apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata: {name: web}\n"
            + "spec: {target: \"100\", window: 4w}\n";

    assertThat(messages(sloth, "slo-error-budget"))
        .singleElement()
        .asString()
        .startsWith("PrometheusServiceLevel/web sets an objective of 100 %");
    assertThat(messages(pyrra, "slo-error-budget")).hasSize(1);
    assertThat(messages(pyrra.replace("\"100\"", "\"99.5\""), "slo-error-budget")).isEmpty();
  }
}
