package dev.minato.spec.read;

import static dev.minato.spec.read.SpecReaderDefaultsTest.HEADER;
import static dev.minato.spec.read.SpecReaderDefaultsTest.read;
import static dev.minato.spec.read.SpecReaderDefaultsTest.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minato.spec.AppSpec;
import dev.minato.spec.Protocol;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code spec.protocol} and the fields that depend on it. */
class ProtocolReadingTest {

  private static List<String> errors(String body) {
    SpecException e =
        catchThrowableOfType(
            SpecException.class, () -> SpecReader.read("minato.yaml", HEADER + body));
    assertThat(e).as("expected errors for:%n%s", body).isNotNull();
    return e.errors().stream().map(SpecError::toString).toList();
  }

  @Test
  void anAppSpeaksHttpUnlessItSaysOtherwise() throws Exception {
    assertThat(read(web("")).spec().protocol()).isEqualTo(Protocol.HTTP);
  }

  @Test
  void readsGrpcWithTheHealthServiceItsChecksAskAbout() throws Exception {
    AppSpec spec = read(web("  protocol: grpc\n  health: {grpcService: shop.v1.Orders}\n")).spec();

    assertThat(spec.protocol()).isEqualTo(Protocol.GRPC);
    assertThat(spec.protocol().appProtocol()).contains("kubernetes.io/h2c");
    assertThat(spec.protocol().portName()).isEqualTo("grpc");
    assertThat(spec.health().grpcService()).contains("shop.v1.Orders");
  }

  @Test
  void readsH2cWithItsHttpProbePaths() throws Exception {
    AppSpec spec = read(web("  protocol: h2c\n  health: {readiness: /ready}\n")).spec();

    assertThat(spec.protocol()).isEqualTo(Protocol.H2C);
    assertThat(spec.protocol().appProtocol()).contains("kubernetes.io/h2c");
    assertThat(spec.health().readinessPath(spec.port().getAsInt())).contains("/ready");
    assertThat(spec.health().grpcService()).isEqualTo(Optional.empty());
  }

  @Test
  void anEnvironmentMaySwitchTheProtocol() throws Exception {
    var app = read(web("") + "environments:\n  prd: {protocol: grpc}\n");

    assertThat(app.spec().protocol()).isEqualTo(Protocol.HTTP);
    assertThat(app.environments().get(0).spec().protocol()).isEqualTo(Protocol.GRPC);
  }

  @Test
  void rejectsAnUnknownProtocolWithADidYouMeanAtTheValue() {
    assertThat(errors(web("  protocol: gprc\n")))
        .containsExactly(
            "minato.yaml:9:13: spec.protocol: expected one of http, grpc, h2c, found 'gprc',"
                + " did you mean 'grpc'?");
  }

  @Test
  void rejectsAProtocolOfTheWrongType() {
    assertThat(errors(web("  protocol: [grpc]\n")))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:13: spec.protocol: expected a")
        .contains("list");
  }

  @Test
  void rejectsAnUnknownHealthFieldWithADidYouMean() {
    assertThat(errors(web("  protocol: grpc\n  health: {grpcServce: a.B}\n")))
        .containsExactly(
            "minato.yaml:10:12: spec.health.grpcServce: unknown field 'grpcServce', did you mean"
                + " 'grpcService'?");
  }

  @Test
  void rejectsAGrpcProtocolOnAWorker() {
    assertThat(
            errors(
                "spec:\n  image: shop:1.0\n  protocol: grpc\n"
                    + "  resources: {cpu: 500m, memory: 256Mi}\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:7:13: spec.protocol: protocol grpc describes the serving port")
        .contains("a worker has none");
  }

  @Test
  void rejectsHttpProbePathsOnAGrpcApp() {
    assertThat(errors(web("  protocol: grpc\n  health: {readiness: /ready}\n")))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:10:23: spec.health.readiness: a path applies to type: http")
        .contains("a gRPC app is probed with grpc.health.v1.Health/Check")
        .contains("use protocol: h2c");
  }

  @Test
  void rejectsAHealthServiceOnAnHttpApp() {
    assertThat(errors(web("  health: {grpcService: shop.v1.Orders}\n")))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:25: spec.health.grpcService: grpcService names the service")
        .contains("needs type: grpc (the default for spec.protocol: grpc)");
  }

  @Test
  void rejectsAHealthServiceThatIsNoServiceName() {
    assertThat(errors(web("  protocol: grpc\n  health: {grpcService: \"shop v1\"}\n")))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:10:25: spec.health.grpcService: 'shop v1' is not a gRPC service")
        .contains("e.g. shop.v1.Orders");
  }

  @Test
  void rejectsACheckPathOnAGrpcApp() {
    assertThat(
            errors(
                web(
                    "  protocol: grpc\n"
                        + "  expose: {type: NodePort, nodePort: 30080, checkPath: /ready}\n")))
        .singleElement()
        .asString()
        .contains("spec.protocol: expose.checkPath is an HTTP path");
  }

  @Test
  void rejectsMetricsOnTheHttp2Port() {
    assertThat(errors(web("  protocol: grpc\n  metrics: {path: /metrics}\n")))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:10:12: spec.metrics: Prometheus scrapes over HTTP/1.1")
        .contains("set metrics.port");
  }

  @Test
  void acceptsMetricsOnAPortOfTheirOwn() throws Exception {
    assertThat(read(web("  protocol: grpc\n  metrics: {port: 9090}\n")).spec().metrics())
        .isPresent();
  }

  @Test
  void aGrpcIngressNeedsTheNginxClassOrAPatchOfTheIngress() throws Exception {
    String ingress = "  protocol: grpc\n  expose: {type: Ingress, host: shop.example.com";

    assertThat(errors(web(ingress + "}\n")))
        .singleElement()
        .asString()
        .contains("spec.protocol: a gRPC app behind an Ingress needs the controller's")
        .contains("expose.ingressClass: nginx");
    assertThat(read(web(ingress + ", ingressClass: nginx}\n")).spec().protocol())
        .isEqualTo(Protocol.GRPC);
    assertThat(
            read(web(
                    ingress
                        + ", ingressClass: traefik}\n"
                        + "  patches:\n    - target: {kind: Ingress}\n"
                        + "      merge: {metadata: {annotations: {a.example.com/h2c: 'true'}}}\n"))
                .spec()
                .protocol())
        .isEqualTo(Protocol.GRPC);
  }

  @Test
  void anH2cIngressNeedsAPatchOfTheIngress() {
    assertThat(
            errors(
                web(
                    "  protocol: h2c\n"
                        + "  expose: {type: Ingress, host: shop.example.com, ingressClass: nginx}\n")))
        .singleElement()
        .asString()
        .contains("ingress-nginx cannot")
        .contains("spec.patches (target: {kind: Ingress})");
  }
}
