package dev.minato.render.objects;

import static dev.minato.render.objects.RenderedApp.WEB;
import static dev.minato.render.objects.RenderedApp.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only the serving port leaves the cluster; everything else is on the internal Service. */
class ExposureTest {

  private static final String EVERY_PORT =
      "  health: {port: 8081}\n"
          + "  metrics: {port: 9090, serviceMonitor: true}\n"
          + "  ports:\n"
          + "    - {name: grpc-admin, port: 9000, appProtocol: grpc}\n"
          + "    - {name: statsd, port: 8125, protocol: UDP}\n";

  private static Optional<ObjectNode> named(List<ObjectNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .filter(o -> o.at("/metadata/name").asText().equals(name))
        .findFirst();
  }

  private static List<String> portNames(JsonNode ports) {
    return ports.findValuesAsText("name");
  }

  @Test
  void aNodePortServiceCarriesExactlyTheServingPort() throws Exception {
    List<ObjectNode> objects =
        render(WEB + "  expose: {type: NodePort, nodePort: 30080}\n" + EVERY_PORT);

    JsonNode service = named(objects, "Service", "shop").orElseThrow();
    assertThat(service.at("/spec/type").asText()).isEqualTo("NodePort");
    assertThat(service.at("/spec/ports")).hasSize(1);
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    assertThat(service.at("/spec/ports/0/nodePort").asInt()).isEqualTo(30080);
  }

  @Test
  void metricsAndExtraPortsAreOnTheInternalClusterIpService() throws Exception {
    List<ObjectNode> objects =
        render(WEB + "  expose: {type: NodePort, nodePort: 30080}\n" + EVERY_PORT);

    JsonNode internal = named(objects, "Service", "shop-internal").orElseThrow();
    assertThat(internal.at("/spec/type").asText()).isEqualTo("ClusterIP");
    assertThat(internal.at("/spec/selector"))
        .isEqualTo(named(objects, "Service", "shop").orElseThrow().at("/spec/selector"));
    assertThat(portNames(internal.at("/spec/ports")))
        .containsExactly("metrics", "grpc-admin", "statsd");
    assertThat(internal.at("/spec/ports/1/appProtocol").asText()).isEqualTo("grpc");
    assertThat(internal.at("/spec/ports/2/protocol").asText()).isEqualTo("UDP");
    assertThat(internal.at("/spec/ports/2/targetPort").asText()).isEqualTo("statsd");
  }

  @Test
  void theContainerDeclaresTheExtraPortsWithTheirProtocol() throws Exception {
    JsonNode ports =
        named(render(WEB + EVERY_PORT), "Deployment", "shop")
            .orElseThrow()
            .at("/spec/template/spec/containers/0/ports");

    assertThat(portNames(ports))
        .containsExactly("http", "metrics", "health", "grpc-admin", "statsd");
    assertThat(ports.get(4).path("containerPort").asInt()).isEqualTo(8125);
    assertThat(ports.get(4).path("protocol").asText()).isEqualTo("UDP");
  }

  @Test
  void aMetricsPortOnTheServingPortIsScrapedThroughTheInternalService() throws Exception {
    List<ObjectNode> objects =
        render(WEB + "  expose: {type: NodePort}\n  metrics: {serviceMonitor: true}\n");

    JsonNode internal = named(objects, "Service", "shop-internal").orElseThrow();
    assertThat(internal.at("/spec/ports/0/name").asText()).isEqualTo("metrics");
    assertThat(internal.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    JsonNode monitor = named(objects, "ServiceMonitor", "shop").orElseThrow();
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("metrics");
    assertThat(monitor.at("/spec/selector/matchLabels/minato.dev~1service").asText())
        .isEqualTo("internal");
    assertThat(
            named(objects, "Service", "shop")
                .orElseThrow()
                .at("/metadata/labels")
                .has("minato.dev/service"))
        .as("the exposed Service is not selected by the ServiceMonitor")
        .isFalse();
  }

  @Test
  void anAppWithOnlyItsServingPortHasNoInternalService() throws Exception {
    assertThat(named(render(WEB + "  metrics: {port: 9090}\n"), "Service", "shop-internal"))
        .isEmpty();
  }

  @Test
  void aLoadBalancerCarriesItsAnnotationsSourceRangesAndTrafficPolicy() throws Exception {
    List<ObjectNode> objects =
        render(
            WEB
                + "  expose:\n"
                + "    type: LoadBalancer\n"
                + "    externalTrafficPolicy: Local\n"
                + "    annotations:\n"
                + "      service.beta.kubernetes.io/aws-load-balancer-type: external\n"
                + "      service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing\n"
                + "    loadBalancerSourceRanges: [203.0.113.0/24, 2001:db8::/32]\n"
                + "  metrics: {port: 9090, serviceMonitor: true}\n");

    JsonNode service = named(objects, "Service", "shop").orElseThrow();
    assertThat(service.at("/spec/type").asText()).isEqualTo("LoadBalancer");
    assertThat(service.at("/spec/ports")).hasSize(1);
    assertThat(service.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Local");
    assertThat(service.at("/spec/loadBalancerSourceRanges").toString())
        .isEqualTo("[\"203.0.113.0/24\",\"2001:db8::/32\"]");
    assertThat(
            service
                .at("/metadata/annotations/service.beta.kubernetes.io~1aws-load-balancer-scheme")
                .asText())
        .isEqualTo("internet-facing");
    assertThat(named(objects, "Service", "shop-internal").orElseThrow().at("/spec/type").asText())
        .isEqualTo("ClusterIP");
  }

  @Test
  void anIngressCarriesItsClassAndTheAnnotationsWhileItsServiceHasNone() throws Exception {
    List<ObjectNode> objects =
        render(
            WEB
                + "  expose:\n"
                + "    type: Ingress\n"
                + "    host: shop.example.com\n"
                + "    ingressClass: nginx\n"
                + "    annotations: {nginx.ingress.kubernetes.io/proxy-body-size: 8m}\n");

    JsonNode ingress = named(objects, "Ingress", "shop").orElseThrow();
    assertThat(ingress.at("/spec/ingressClassName").asText()).isEqualTo("nginx");
    assertThat(
            ingress
                .at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size")
                .asText())
        .isEqualTo("8m");
    assertThat(named(objects, "Service", "shop").orElseThrow().at("/metadata").has("annotations"))
        .isFalse();
  }

  @Test
  void aNodePortServiceCarriesTheExposeAnnotations() throws Exception {
    JsonNode service =
        named(
                render(
                    WEB + "  expose: {type: NodePort, annotations: {example.com/owner: edge}}\n"),
                "Service",
                "shop")
            .orElseThrow();

    assertThat(service.at("/metadata/annotations/example.com~1owner").asText()).isEqualTo("edge");
  }
}
