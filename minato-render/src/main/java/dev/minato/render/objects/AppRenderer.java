package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.render.dashboard.ErrorBudget;
import dev.minato.render.rules.SloRules;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.OneOffJob;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.ScheduledJob;
import dev.minato.spec.ServiceAccount;
import dev.minato.spec.WorkloadType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one version of an app's spec into Kubernetes objects, in the order they are best applied
 * (config before the workloads that mount it, workloads before what scales or budgets them). The
 * objects carry no environment label and no namespace: layouts add those.
 */
public final class AppRenderer {

  private AppRenderer() {}

  /** The objects on a platform with the default monitoring (Prometheus, Grafana dashboards). */
  public static List<ObjectNode> render(App app, AppSpec spec) {
    return render(app, spec, PlatformMonitoring.defaults());
  }

  public static List<ObjectNode> render(App app, AppSpec spec, PlatformMonitoring monitoring) {
    List<ObjectNode> objects = new ArrayList<>();
    Optional<ConfigFiles> config = ConfigFiles.of(app, spec.configFiles());
    config.ifPresent(c -> objects.add(c.render(app)));
    spec.serviceAccount()
        .filter(ServiceAccount::create)
        .ifPresent(account -> objects.add(ServiceAccountRenderer.render(app, spec, account)));
    if (spec.serves()) {
      objects.add(ServiceRenderer.render(app, spec));
      InternalServiceRenderer.render(app, spec).ifPresent(objects::add);
    }
    boolean stateful = spec.type() == WorkloadType.STATEFUL;
    if (stateful) {
      objects.add(StatefulSetRenderer.headlessService(app, spec));
    }
    if (spec.type() != WorkloadType.BATCH) {
      String component = DeploymentRenderer.component(spec);
      objects.add(
          stateful
              ? StatefulSetRenderer.render(app, spec, config, monitoring)
              : DeploymentRenderer.render(app, spec, config, monitoring));
      if (DisruptionBudgetRenderer.applies(spec)) {
        objects.add(DisruptionBudgetRenderer.render(app, spec, component));
      }
      if (spec.replicas().autoscaled()) {
        objects.add(AutoscalerRenderer.render(app, spec, component));
      }
    }
    for (ScheduledJob job : spec.jobs()) {
      objects.add(CronJobRenderer.render(app, spec, job, config));
    }
    for (OneOffJob job : spec.oneOffJobs()) {
      objects.add(OneOffJobRenderer.render(app, spec, job, config));
    }
    if (spec.serves()) {
      if (spec.expose().type() == dev.minato.spec.Expose.Type.INGRESS) {
        objects.add(IngressRenderer.render(app, spec));
      }
      spec.metrics()
          .filter(m -> ScrapeAnnotations.serviceMonitor(m, monitoring))
          .ifPresent(m -> objects.add(MonitoringRenderer.serviceMonitor(app, m)));
    }
    MonitoringRenderer.rules(app, spec, monitoring).ifPresent(objects::add);
    if (monitoring.rendersDashboards()) {
      DashboardRenderer.dashboard(app, spec, errorBudgets(spec))
          .ifPresent(d -> objects.add(DashboardRenderer.configMap(app, spec, d, monitoring)));
    }
    return objects;
  }

  /** The SLOs whose error budget the dashboard shows, each read from its recording rules. */
  static List<ErrorBudget> errorBudgets(AppSpec spec) {
    return spec.slos().stream()
        .map(slo -> new ErrorBudget(slo.name(), SloRules.ownWindow(slo)))
        .toList();
  }
}
