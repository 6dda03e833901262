package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Inventory;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.selector.LabelSelector;
import java.util.Map;

/**
 * A workload that serves behind a Service is scraped: a ServiceMonitor selects one of its Services,
 * a PodMonitor selects its pods, or its pods (or a Service of it) carry {@code
 * prometheus.io/scrape: "true"} or a Datadog Autodiscovery check. Without one, nobody sees its
 * error rate or latency, and no dashboard or alert about it can work.
 */
final class MetricsScraped extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "metrics-scraped",
          Severity.WARNING,
          "workloads a Service selects are scraped by a ServiceMonitor, PodMonitor or annotations");

  private static final String DATADOG = "ad.datadoghq.com/";

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    Inventory inventory = context.inventory();
    if (!workload.longRunning() || !inventory.selectedByService(workload)) {
      return;
    }
    if (annotated(workload.podAnnotations())) {
      return;
    }
    for (KubeObject service : inventory.servicesSelecting(workload)) {
      if (annotated(Workload.labels(service.at("/metadata/annotations")))) {
        return;
      }
    }
    for (KubeObject monitor : inventory.scrapeMonitors()) {
      if (monitor.kind().equals("PodMonitor")
          ? selects(monitor, workload.object(), workload.podLabels())
          : inventory.servicesSelecting(workload).stream()
              .anyMatch(s -> selects(monitor, s, Workload.labels(s.at("/metadata/labels"))))) {
        return;
      }
    }
    context.report(
        workload.object(),
        workload.podMetadataPointer(),
        workload.object().key()
            + " serves behind "
            + inventory.servicesSelecting(workload).get(0).key()
            + " but nothing scrapes its metrics: no ServiceMonitor or PodMonitor selects it and its"
            + " pods have no prometheus.io/scrape or ad.datadoghq.com annotations. Its error rate"
            + " and latency go unseen; add a ServiceMonitor (minato: spec.metrics)");
  }

  /** Pod or Service annotations that ask Prometheus or the Datadog Agent to scrape. */
  private static boolean annotated(Map<String, String> annotations) {
    if (annotations.getOrDefault("prometheus.io/scrape", "").equals("true")) {
      return true;
    }
    return annotations.keySet().stream()
        .anyMatch(
            key ->
                key.startsWith(DATADOG)
                    && (key.endsWith(".checks") || key.endsWith(".check_names")));
  }

  /**
   * Whether a monitor's selector picks an object's labels in a namespace it watches: its own, or
   * those its {@code namespaceSelector} names ({@code any: true} or {@code matchNames}).
   */
  private static boolean selects(
      KubeObject monitor, KubeObject target, Map<String, String> labels) {
    JsonNode namespaces = monitor.at("/spec/namespaceSelector");
    boolean watched =
        namespaces.path("any").asBoolean(false)
            || contains(namespaces.path("matchNames"), target.namespace())
            || Inventory.scopeOf(monitor).equals(Inventory.scopeOf(target));
    if (!watched) {
      return false;
    }
    try {
      return LabelSelector.of(monitor.at("/spec/selector")).matches(labels);
    } catch (InvalidValueException e) {
      return false; // a selector the API server would refuse scrapes nothing
    }
  }

  private static boolean contains(JsonNode names, String namespace) {
    for (JsonNode name : names) {
      if (name.asText().equals(namespace)) {
        return true;
      }
    }
    return false;
  }
}
