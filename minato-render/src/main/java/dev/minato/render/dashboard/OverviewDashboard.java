package dev.minato.render.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;

/**
 * The platform's overview: one row per app, sorted by name, with its pods ready, restarts and,
 * where it serves request metrics, its request rate and error ratio; each row links to the app's
 * own dashboard.
 */
public record OverviewDashboard(List<AppDashboard> apps) {

  public static final String UID = "minato-overview";

  public OverviewDashboard {
    apps = apps.stream().sorted(Comparator.comparing(AppDashboard::app)).toList();
  }

  public ObjectNode json() {
    Dashboard dashboard =
        new Dashboard(UID, "Apps overview", List.of(AppDashboard.TAG, "overview"))
            .namespaceVariable("kube_pod_container_info", true)
            .linkToTag("Apps", AppDashboard.TAG);
    for (AppDashboard app : apps) {
      String container = "namespace=~\"$namespace\", container=\"" + app.app() + "\"";
      dashboard.row(app.app());
      ObjectNode ready =
          dashboard.stat(
              "Containers ready",
              "short",
              6,
              new Query("sum(kube_pod_container_status_ready{" + container + "})", "ready"),
              1);
      ready
          .putArray("links")
          .addObject()
          .put("title", "Dashboard of " + app.app())
          .put(
              "url",
              "/d/" + AppDashboard.uid(app.app()) + "?${__url_time_range}&${namespace:queryparam}");
      dashboard.stat(
          "Restarts (last hour)",
          "short",
          6,
          new Query(
              "sum(increase(kube_pod_container_status_restarts_total{" + container + "}[1h]))",
              "restarts"));
      app.requests()
          .ifPresent(
              metrics -> {
                dashboard.stat("Request rate", "reqps", 6, new Query(metrics.rate(""), "requests"));
                dashboard.stat(
                    "Error ratio (5xx)",
                    "percentunit",
                    6,
                    new Query(metrics.errorRatio(), "errors"));
              });
    }
    return dashboard.json();
  }
}
