package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.migration.MigrationPolicy;
import dev.minato.render.dashboard.AppDashboard;
import dev.minato.render.dashboard.DashboardJson;
import dev.minato.render.dashboard.ErrorBudget;
import dev.minato.render.dashboard.OverviewDashboard;
import dev.minato.render.dashboard.RequestMetrics;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.WorkloadType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grafana dashboards as ConfigMaps the Grafana sidecar loads: it watches ConfigMaps with the
 * platform's label and writes each data key as a dashboard file, so keys are unique across the
 * platform ({@code <app>.json}; the overview's key has a dot no app name can have).
 */
public final class DashboardRenderer {

  static final String COMPONENT = "dashboard";

  static final String OVERVIEW_NAME = "minato-overview-dashboard";
  static final String OVERVIEW_KEY = "minato.overview.json";

  private DashboardRenderer() {}

  /**
   * The dashboard of an app with a long-running workload (a batch app's pods are its jobs', which
   * the dashboard's container panels do not cover), with the error budget of {@code budgets}.
   */
  static Optional<AppDashboard> dashboard(App app, AppSpec spec, List<ErrorBudget> budgets) {
    if (spec.type() == WorkloadType.BATCH) {
      return Optional.empty();
    }
    Optional<RequestMetrics> requests =
        spec.serves() && spec.metrics().isPresent()
            ? Optional.of(
                spec.alerts()
                    .map(RequestMetrics::of)
                    .orElseGet(() -> RequestMetrics.conventional(app.name())))
            : Optional.empty();
    String workload = spec.type() == WorkloadType.STATEFUL ? "statefulset" : "deployment";
    return Optional.of(new AppDashboard(app.name(), workload, requests, budgets));
  }

  /** Whether {@code object} is a dashboard ConfigMap this renderer wrote. */
  public static boolean isDashboard(ObjectNode object) {
    return object.path("kind").asText().equals("ConfigMap")
        && object.path("metadata").path("labels").path(Labels.COMPONENT).asText().equals(COMPONENT);
  }

  static ObjectNode configMap(
      App app, AppSpec spec, AppDashboard dashboard, PlatformMonitoring monitoring) {
    // Its own component: the checker knows a dashboard is no ConfigMap the app's pods mount.
    Map<String, String> labels = Labels.workload(app, COMPONENT, MigrationPolicy.DUPLICATE_OK);
    labels.put(monitoring.dashboardLabel(), monitoring.dashboardLabelValue());
    ObjectNode map = Trees.header("v1", "ConfigMap", app.name() + "-dashboard", labels, Map.of());
    map.putObject("data").put(app.name() + ".json", text(dashboard));
    return map;
  }

  /**
   * The last dashboard rendered on this thread and its text. A layout renders an app's base and
   * then each environment on one thread, and their dashboards are almost always equal values (what
   * differs between environments is read from kube-state-metrics, not written into it), so each
   * app's dashboard is built and serialised once instead of once per environment: that was a fifth
   * of {@code generate}'s time. One entry per thread, so nothing accumulates.
   */
  private static final ThreadLocal<Map.Entry<AppDashboard, String>> LAST = new ThreadLocal<>();

  private static String text(AppDashboard dashboard) {
    Map.Entry<AppDashboard, String> last = LAST.get();
    if (last != null && last.getKey().equals(dashboard)) {
      return last.getValue();
    }
    String text = DashboardJson.write(dashboard.json());
    LAST.set(Map.entry(dashboard, text));
    return text;
  }

  /**
   * The overview of every app given that has a dashboard, or empty when dashboards are off or none
   * has one.
   */
  public static Optional<ObjectNode> overview(List<App> apps, PlatformMonitoring monitoring) {
    if (!monitoring.rendersDashboards()) {
      return Optional.empty();
    }
    List<AppDashboard> dashboards =
        apps.stream().flatMap(app -> dashboard(app, app.spec(), List.of()).stream()).toList();
    if (dashboards.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.COMPONENT, COMPONENT);
    labels.put(Labels.MANAGED_BY, Labels.MANAGER);
    labels.put(monitoring.dashboardLabel(), monitoring.dashboardLabelValue());
    ObjectNode map = Trees.header("v1", "ConfigMap", OVERVIEW_NAME, labels, Map.of());
    map.putObject("data")
        .put(OVERVIEW_KEY, DashboardJson.write(new OverviewDashboard(dashboards).json()));
    return Optional.of(map);
  }
}
