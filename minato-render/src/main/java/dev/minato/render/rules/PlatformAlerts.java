package dev.minato.render.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.ScheduledJob;
import dev.minato.spec.WorkloadType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The alerts every app with SLOs also gets about how it runs, from kube-state-metrics and cAdvisor
 * series, only those that apply to what the app runs: restarts, CPU throttling (with a CPU limit)
 * and memory near its limit for a long-running workload; an HPA at its maximum; a Deployment or
 * StatefulSet rollout that does not finish; a CronJob whose run failed or did not start on
 * schedule. They select the app's objects by name; the namespace (environment) comes from the
 * series, so one rule serves every environment.
 */
public final class PlatformAlerts {

  /** Minutes of series in every test: the longest {@code for} plus the time to cross. */
  private static final int MINUTES = 60;

  private static final Duration ONSET = Duration.ofMinutes(10);
  private static final Duration HOLD = Duration.ofMinutes(15);
  private static final String NS = "namespace=\"test\"";

  private PlatformAlerts() {}

  public static List<PlatformAlert> of(App app, AppSpec spec) {
    List<PlatformAlert> alerts = new ArrayList<>();
    String prefix = SloRules.camel(app.name());
    String c = "container=\"" + app.name() + "\"";
    String pod = ",pod=\"" + app.name() + "-0\"," + NS;
    if (spec.type() != WorkloadType.BATCH) {
      alerts.add(
          new PlatformAlert(
              prefix + "PodsRestarting",
              "sum by (namespace) (increase(kube_pod_container_status_restarts_total{"
                  + c
                  + "}[15m])) > 2",
              Duration.ZERO,
              "Containers of " + app.name() + " restarted more than twice in 15 minutes",
              List.of(
                  new PlatformAlert.Series(
                      "kube_pod_container_status_restarts_total{" + c + pod + "}",
                      "0x10 1+1x" + (MINUTES - 11))),
              ONSET,
              // the third restart, 3 minutes after the first sample that counts
              Duration.ofMinutes(3)));
      alerts.add(
          new PlatformAlert(
              prefix + "MemoryNearLimit",
              "max by (namespace) (container_memory_working_set_bytes{"
                  + c
                  + "} / on(namespace, pod, container) kube_pod_container_resource_limits{"
                  + c
                  + ",resource=\"memory\"}) > 0.9",
              HOLD,
              "A container of " + app.name() + " uses more than 90 % of its memory limit",
              List.of(
                  new PlatformAlert.Series(
                      "container_memory_working_set_bytes{" + c + pod + "}",
                      "500x9 950x" + (MINUTES - 10)),
                  new PlatformAlert.Series(
                      "kube_pod_container_resource_limits{" + c + pod + ",resource=\"memory\"}",
                      "1000x" + MINUTES)),
              ONSET,
              HOLD));
      spec.resources()
          .cpuLimit()
          .ifPresent(
              limit ->
                  alerts.add(
                      new PlatformAlert(
                          prefix + "CpuThrottled",
                          "sum by (namespace) (increase(container_cpu_cfs_throttled_periods_total{"
                              + c
                              + "}[5m])) / sum by (namespace) (increase(container_cpu_cfs_periods_total{"
                              + c
                              + "}[5m])) > 0.25",
                          HOLD,
                          "More than a quarter of " + app.name() + "'s CPU periods are throttled",
                          List.of(
                              new PlatformAlert.Series(
                                  "container_cpu_cfs_periods_total{" + c + pod + "}",
                                  "0+600x" + MINUTES),
                              // half the periods throttled from the onset: the 5m ratio crosses
                              // 0.25 after 2.5 minutes
                              new PlatformAlert.Series(
                                  "container_cpu_cfs_throttled_periods_total{" + c + pod + "}",
                                  "0x10 300+300x" + (MINUTES - 11))),
                          ONSET,
                          HOLD.plusSeconds(150))));
      boolean stateful = spec.type() == WorkloadType.STATEFUL;
      String kind = stateful ? "statefulset" : "deployment";
      String who = kind + "=\"" + app.name() + "\"";
      alerts.add(
          new PlatformAlert(
              prefix + "RolloutStuck",
              "max by (namespace) (kube_"
                  + kind
                  + (stateful ? "_replicas{" : "_spec_replicas{")
                  + who
                  + "}) > max by (namespace) (kube_"
                  + kind
                  + "_status_replicas_updated{"
                  + who
                  + "})",
              HOLD,
              "The rollout of " + app.name() + " has not finished for 15 minutes",
              List.of(
                  new PlatformAlert.Series(
                      "kube_"
                          + kind
                          + (stateful ? "_replicas{" : "_spec_replicas{")
                          + who
                          + ","
                          + NS
                          + "}",
                      "3x" + MINUTES),
                  new PlatformAlert.Series(
                      "kube_" + kind + "_status_replicas_updated{" + who + "," + NS + "}",
                      "3x9 1x" + (MINUTES - 10))),
              ONSET,
              HOLD));
    }
    if (spec.replicas().autoscaled()) {
      String hpa = "horizontalpodautoscaler=\"" + app.name() + "\"";
      alerts.add(
          new PlatformAlert(
              prefix + "AutoscalerAtMax",
              "max by (namespace) (kube_horizontalpodautoscaler_status_current_replicas{"
                  + hpa
                  + "}) >= max by (namespace) (kube_horizontalpodautoscaler_spec_max_replicas{"
                  + hpa
                  + "})",
              HOLD,
              app.name() + " has run at its maximum replicas for 15 minutes",
              List.of(
                  new PlatformAlert.Series(
                      "kube_horizontalpodautoscaler_status_current_replicas{"
                          + hpa
                          + ","
                          + NS
                          + "}",
                      "2x9 5x" + (MINUTES - 10)),
                  new PlatformAlert.Series(
                      "kube_horizontalpodautoscaler_spec_max_replicas{" + hpa + "," + NS + "}",
                      "5x" + MINUTES)),
              ONSET,
              HOLD));
    }
    for (ScheduledJob job : spec.jobs()) {
      String cronJob = app.name() + "-" + job.name();
      String jobPrefix = prefix + SloRules.camel(job.name());
      alerts.add(
          new PlatformAlert(
              jobPrefix + "JobFailed",
              "max by (namespace) (kube_job_status_failed{job_name=~\""
                  + cronJob
                  + "-[0-9]+\"}) > 0",
              Duration.ZERO,
              "A run of the CronJob " + cronJob + " failed",
              List.of(
                  new PlatformAlert.Series(
                      "kube_job_status_failed{job_name=\"" + cronJob + "-29000000\"," + NS + "}",
                      "0x9 1x" + (MINUTES - 10))),
              ONSET,
              Duration.ZERO));
      if (!job.suspend()) {
        alerts.add(
            new PlatformAlert(
                jobPrefix + "JobMissed",
                "time() - max by (namespace) (kube_cronjob_next_schedule_time{cronjob=\""
                    + cronJob
                    + "\"}) > 900",
                Duration.ZERO,
                "The CronJob " + cronJob + " has not started a run due 15 minutes ago",
                // the next run was due at the onset and never started
                List.of(
                    new PlatformAlert.Series(
                        "kube_cronjob_next_schedule_time{cronjob=\"" + cronJob + "\"," + NS + "}",
                        ONSET.toSeconds() + "x" + MINUTES)),
                ONSET,
                Duration.ofMinutes(15)));
      }
    }
    return List.copyOf(alerts);
  }

  /** The rule group of an app's platform alerts, empty when none apply. */
  public static Optional<ObjectNode> group(App app, List<PlatformAlert> alerts, Runbooks runbooks) {
    if (alerts.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode group = JsonNodeFactory.instance.objectNode().put("name", app.name() + "-platform");
    ArrayNode rules = group.putArray("rules");
    for (PlatformAlert alert : alerts) {
      ObjectNode rule = rules.addObject().put("alert", alert.name()).put("expr", alert.expr());
      if (!alert.holdFor().isZero()) {
        rule.put("for", (alert.holdFor().toMinutes()) + "m");
      }
      ObjectNode labels = rule.putObject("labels").put("severity", "ticket");
      app.team().ifPresent(team -> labels.put("team", team));
      labels.put("app", app.name());
      ObjectNode annotations = rule.putObject("annotations").put("summary", alert.summary());
      runbooks.forAlert(alert.name()).ifPresent(u -> annotations.put("runbook_url", u));
    }
    return Optional.of(group);
  }
}
