package dev.minato.render.objects;

import static dev.minato.render.objects.AppRendererTest.container;
import static dev.minato.render.objects.AppRendererTest.find;
import static dev.minato.render.objects.AppRendererTest.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code spec.protocol} changes in the rendered objects. */
class ServingProtocolTest {

  private static final String GRPC =
      "  image: shop:1.0\n  port: 50051\n  protocol: grpc\n"
          + "  resources: {cpu: 500m, memory: 256Mi}\n";

  @Test
  void anHttpAppKeepsItsHttpPortWithoutAppProtocol() throws Exception {
    List<ObjectNode> objects =
        render("  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n");

    JsonNode port = find(objects, "Service").at("/spec/ports/0");
    assertThat(port.path("name").asText()).isEqualTo("http");
    assertThat(port.has("appProtocol")).isFalse();
    assertThat(container(find(objects, "Deployment")).at("/readinessProbe/httpGet/port").asText())
        .isEqualTo("http");
  }

  @Test
  void aGrpcAppsPortIsNamedGrpcAndDeclaredHttp2Cleartext() throws Exception {
    List<ObjectNode> objects = render(GRPC);

    JsonNode port = find(objects, "Service").at("/spec/ports/0");
    assertThat(port.path("name").asText()).isEqualTo("grpc");
    assertThat(port.path("targetPort").asText()).isEqualTo("grpc");
    assertThat(port.path("appProtocol").asText()).isEqualTo("kubernetes.io/h2c");
    assertThat(container(find(objects, "Deployment")).at("/ports/0/name").asText())
        .isEqualTo("grpc");
  }

  @Test
  void aGrpcAppIsProbedByTheKubeletsGrpcProbeOnItsPortNumber() throws Exception {
    JsonNode container =
        container(
            find(
                render(GRPC + "  health: {grpcService: shop.v1.Orders, startupSeconds: 30}\n"),
                "Deployment"));

    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      assertThat(container.path(probe).has("httpGet")).as(probe).isFalse();
      assertThat(container.at("/" + probe + "/grpc/port").asInt()).as(probe).isEqualTo(50051);
      assertThat(container.at("/" + probe + "/grpc/service").asText())
          .as(probe)
          .isEqualTo("shop.v1.Orders");
    }
  }

  @Test
  void aGrpcProbeAsksTheWholeServerWithoutAServiceName() throws Exception {
    JsonNode probe = container(find(render(GRPC), "Deployment")).path("readinessProbe");

    assertThat(probe.path("grpc").has("service")).isFalse();
  }

  @Test
  void aGrpcAppWithAHealthPortIsProbedThere() throws Exception {
    JsonNode container = container(find(render(GRPC + "  health: {port: 8081}\n"), "Deployment"));

    assertThat(container.at("/readinessProbe/grpc/port").asInt()).isEqualTo(8081);
    assertThat(container.at("/ports/1/name").asText()).isEqualTo("health");
    assertThat(container.at("/ports/1/containerPort").asInt()).isEqualTo(8081);
  }

  @Test
  void anH2cAppKeepsHttpProbesOnItsH2cPort() throws Exception {
    List<ObjectNode> objects =
        render(GRPC.replace("grpc", "h2c") + "  health: {readiness: /ready}\n");

    JsonNode container = container(find(objects, "Deployment"));
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
    assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("h2c");
    assertThat(find(objects, "Service").at("/spec/ports/0/appProtocol").asText())
        .isEqualTo("kubernetes.io/h2c");
  }

  @Test
  void aGrpcIngressTellsIngressNginxToSpeakGrpc() throws Exception {
    ObjectNode ingress =
        find(
            render(
                GRPC + "  expose: {type: Ingress, host: shop.example.com, ingressClass: nginx}\n"),
            "Ingress");

    assertThat(
            ingress
                .at("/metadata/annotations")
                .path("nginx.ingress.kubernetes.io/backend-protocol")
                .asText())
        .isEqualTo("GRPC");
    assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/port/name").asText())
        .isEqualTo("grpc");
  }
}
