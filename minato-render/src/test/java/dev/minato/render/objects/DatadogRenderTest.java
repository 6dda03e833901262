package dev.minato.render.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.PlatformMonitoring.Backend;
import dev.minato.spec.read.SpecReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * On a platform monitored by Datadog, the pods carry an Autodiscovery OpenMetrics check for the
 * endpoint a ServiceMonitor would scrape, instead of Prometheus's objects and annotations.
 */
class DatadogRenderTest {

  private static final PlatformMonitoring DATADOG =
      new PlatformMonitoring(Backend.DATADOG, true, "grafana_dashboard", "1", Optional.empty());

  private static final String SPEC =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: shop-api}\nspec:\n"
          + "  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n";

  private static List<ObjectNode> render(String extra, PlatformMonitoring monitoring)
      throws Exception {
    App app = SpecReader.read("minato.yaml", SPEC + extra).get(0);
    return AppRenderer.render(app, app.spec(), monitoring);
  }

  private static JsonNode podAnnotations(List<ObjectNode> objects) {
    return AppRendererTest.find(objects, "Deployment").at("/spec/template/metadata/annotations");
  }

  @Test
  void thePodsCarryAnOpenMetricsCheckForTheMetricsEndpoint() throws Exception {
    List<ObjectNode> objects =
        render("  metrics: {port: 9090, path: /actuator/prometheus}\n", DATADOG);

    JsonNode check =
        new ObjectMapper()
            .readTree(podAnnotations(objects).path("ad.datadoghq.com/shop-api.checks").asText());
    JsonNode instance = check.at("/openmetrics/instances/0");
    assertThat(instance.path("openmetrics_endpoint").asText())
        .isEqualTo("http://%%host%%:9090/actuator/prometheus");
    assertThat(instance.path("namespace").asText()).isEqualTo("shop_api");
    assertThat(instance.path("metrics").get(0).asText()).isEqualTo(".*");
    assertThat(check.at("/openmetrics/init_config").isObject()).isTrue();
  }

  @Test
  void neitherAServiceMonitorNorPrometheusAnnotationsNorADashboard() throws Exception {
    List<ObjectNode> objects = render("  metrics: {port: 9090, serviceMonitor: true}\n", DATADOG);

    assertThat(objects)
        .extracting(o -> o.path("kind").asText())
        .doesNotContain("ServiceMonitor", "ConfigMap");
    assertThat(podAnnotations(objects).has("prometheus.io/scrape")).isFalse();
  }

  @Test
  void withoutMetricsThereIsNothingToScrape() throws Exception {
    assertThat(podAnnotations(render("", DATADOG)).isMissingNode()).isTrue();
  }

  @Test
  void onPrometheusTheAnnotationsStayPrometheus() throws Exception {
    JsonNode annotations =
        podAnnotations(render("  metrics: {port: 9090}\n", PlatformMonitoring.defaults()));

    assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo("9090");
    assertThat(annotations.has("ad.datadoghq.com/shop-api.checks")).isFalse();
  }

  @Test
  void theDashboardCarriesThePlatformsSidecarLabel() throws Exception {
    List<ObjectNode> objects =
        render(
            "",
            new PlatformMonitoring(
                Backend.PROMETHEUS, true, "example.com/dashboard", "grafana", Optional.empty()));

    ObjectNode dashboard = AppRendererTest.find(objects, "ConfigMap");
    assertThat(dashboard.at("/metadata/name").asText()).isEqualTo("shop-api-dashboard");
    assertThat(dashboard.at("/metadata/labels/example.com~1dashboard").asText())
        .isEqualTo("grafana");
    assertThat(dashboard.at("/data/shop-api.json").asText()).contains("\"schemaVersion\": 42");
  }
}
