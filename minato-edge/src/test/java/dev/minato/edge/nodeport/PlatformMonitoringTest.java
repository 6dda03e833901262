package dev.minato.edge.nodeport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.PlatformMonitoring.Backend;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** platform.yaml's monitoring section: the backend and the Grafana sidecar's label. */
class PlatformMonitoringTest {

  private static final String HEADER = "apiVersion: minato.dev/v1\nkind: Platform\n";

  private static PlatformMonitoring read(Path root, String body) throws Exception {
    Path file = root.resolve("platform.yaml");
    Files.writeString(file, HEADER + body);
    return Platform.read(file).monitoring();
  }

  private static String error(Path root, String body) throws Exception {
    Path file = root.resolve("platform.yaml");
    Files.writeString(file, HEADER + body);
    SpecException e = catchThrowableOfType(SpecException.class, () -> Platform.read(file));
    assertThat(e).as("no error for " + body).isNotNull();
    assertThat(e.errors()).hasSize(1);
    return e.errors().stream().map(SpecError::toString).findFirst().orElseThrow();
  }

  @Test
  void withoutASectionItIsPrometheusWithDashboardsForTheUsualSidecar(@TempDir Path root)
      throws Exception {
    assertThat(read(root, "")).isEqualTo(PlatformMonitoring.defaults());
    assertThat(PlatformMonitoring.defaults().dashboardLabel()).isEqualTo("grafana_dashboard");
    assertThat(PlatformMonitoring.defaults().dashboardLabelValue()).isEqualTo("1");
    assertThat(PlatformMonitoring.defaults().rendersDashboards()).isTrue();
  }

  @Test
  void readsTheBackendAndTheSidecarLabel(@TempDir Path root) throws Exception {
    PlatformMonitoring monitoring =
        read(
            root,
            "monitoring:\n  backend: prometheus\n  dashboards:\n"
                + "    label: example.com/dashboard\n    labelValue: grafana\n");

    assertThat(monitoring)
        .isEqualTo(
            new PlatformMonitoring(
                Backend.PROMETHEUS, true, "example.com/dashboard", "grafana", Optional.empty()));
  }

  @Test
  void datadogRendersNoGrafanaDashboards(@TempDir Path root) throws Exception {
    PlatformMonitoring monitoring = read(root, "monitoring: {backend: datadog}\n");

    assertThat(monitoring.backend()).isEqualTo(Backend.DATADOG);
    assertThat(monitoring.rendersDashboards()).isFalse();
  }

  @Test
  void dashboardsCanBeTurnedOff(@TempDir Path root) throws Exception {
    assertThat(read(root, "monitoring:\n  dashboards: {enabled: false}\n").rendersDashboards())
        .isFalse();
  }

  @Test
  void anUnknownBackendIsRefusedAtItsPositionWithASuggestion(@TempDir Path root) throws Exception {
    assertThat(error(root, "monitoring:\n  backend: datadgo\n"))
        .startsWith(root.resolve("platform.yaml") + ":4:12")
        .contains("monitoring.backend")
        .contains("expected one of prometheus, datadog")
        .contains("did you mean 'datadog'?");
  }

  @Test
  void aLabelKeyKubernetesWouldRefuseIsRefused(@TempDir Path root) throws Exception {
    assertThat(error(root, "monitoring:\n  dashboards: {label: \"grafana dashboard\"}\n"))
        .startsWith(root.resolve("platform.yaml") + ":4:")
        .contains("monitoring.dashboards.label")
        .contains("is not a label key");
  }

  @Test
  void aLabelValueKubernetesWouldRefuseIsRefused(@TempDir Path root) throws Exception {
    assertThat(error(root, "monitoring:\n  dashboards:\n    labelValue: \"-yes\"\n"))
        .startsWith(root.resolve("platform.yaml") + ":5:")
        .contains("monitoring.dashboards.labelValue")
        .contains("is not a label value");
  }

  @Test
  void theRunbookUrlNamesEachAlertsRunbook(@TempDir Path root) throws Exception {
    PlatformMonitoring monitoring =
        read(root, "monitoring:\n  runbookUrl: https://runbooks.example.com/{app}#{alert}\n");

    assertThat(monitoring.runbook("shop-api", "ShopApiHighErrorRate"))
        .contains("https://runbooks.example.com/shop-api#ShopApiHighErrorRate");
  }

  @Test
  void aRunbookUrlThatIsNoUrlIsRefused(@TempDir Path root) throws Exception {
    assertThat(error(root, "monitoring:\n  runbookUrl: wiki/runbooks\n"))
        .startsWith(root.resolve("platform.yaml") + ":4:")
        .contains("monitoring.runbookUrl")
        .contains("is not an http(s) URL");
  }

  @Test
  void anUnknownFieldIsRefused(@TempDir Path root) throws Exception {
    assertThat(error(root, "monitoring:\n  dashboard: {enabled: false}\n"))
        .contains("monitoring.dashboard")
        .contains("did you mean 'dashboards'");
  }
}
