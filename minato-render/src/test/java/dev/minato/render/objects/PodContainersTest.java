package dev.minato.render.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.render.TypedModel;
import dev.minato.spec.App;
import dev.minato.spec.read.SpecReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Probes of every kind, native sidecars, init containers and envFrom in the rendered pod. */
class PodContainersTest {

  private static final String HEADER =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: shop, team: web}\nspec:\n";
  private static final String WEB =
      "  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n";

  private static List<ObjectNode> render(String spec) throws Exception {
    App app = SpecReader.read("minato.yaml", HEADER + spec).get(0);
    List<ObjectNode> objects = AppRenderer.render(app, app.spec());
    for (ObjectNode object : objects) {
      TypedModel.assertParsesWithoutUnknownFields(object);
    }
    return objects;
  }

  private static ObjectNode of(List<ObjectNode> objects, String kind) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode pod(String spec) throws Exception {
    return of(render(spec), "Deployment").at("/spec/template/spec");
  }

  @Test
  void aGrpcProbeUsesKubernetesNativeGrpcCheckWithAPortNumber() throws Exception {
    JsonNode app =
        pod(WEB + "  runtime: go\n  health: {type: grpc, grpcService: shop.v1.Shop}\n")
            .at("/containers/0");

    assertThat(app.at("/readinessProbe/grpc").toString())
        .isEqualTo("{\"port\":8080,\"service\":\"shop.v1.Shop\"}");
    assertThat(app.at("/livenessProbe/grpc/port").isInt()).isTrue();
    assertThat(app.path("livenessProbe").has("httpGet")).isFalse();
  }

  @Test
  void aTcpProbeNamesTheDeclaredPortAndAnExecProbeRunsItsCommand() throws Exception {
    assertThat(
            pod(WEB + "  health: {type: tcp}\n")
                .at("/containers/0/livenessProbe/tcpSocket/port")
                .asText())
        .isEqualTo("http");
    JsonNode exec =
        pod(WEB + "  health: {type: exec, command: [bin/ready], startupSeconds: 20}\n")
            .at("/containers/0");
    assertThat(exec.at("/readinessProbe/exec/command/0").asText()).isEqualTo("bin/ready");
    assertThat(exec.at("/startupProbe/exec/command/0").asText()).isEqualTo("bin/ready");
    assertThat(exec.at("/startupProbe/failureThreshold").asInt()).isEqualTo(4);
  }

  @Test
  void tuningIsRenderedAndASuccessThresholdOfOneIsLeftToTheDefault() throws Exception {
    JsonNode app =
        pod(WEB
                + "  health:\n    readiness: {periodSeconds: 3, timeoutSeconds: 1, successThreshold: 2}\n")
            .at("/containers/0");

    assertThat(app.at("/readinessProbe").toString())
        .isEqualTo(
            "{\"httpGet\":{\"path\":\"/healthz\",\"port\":\"http\"},\"periodSeconds\":3,"
                + "\"timeoutSeconds\":1,\"successThreshold\":2,\"failureThreshold\":3}");
    assertThat(app.path("livenessProbe").has("successThreshold")).isFalse();
  }

  @Test
  void aWorkerWithAnExecProbeGetsLivenessButNoReadinessNorPreStop() throws Exception {
    JsonNode worker =
        pod("  image: shop:1.0\n  resources: {cpu: 500m, memory: 256Mi}\n"
                + "  health: {type: exec, command: [bin/alive]}\n")
            .at("/containers/0");

    assertThat(worker.has("livenessProbe")).isTrue();
    assertThat(worker.has("readinessProbe")).isFalse();
    assertThat(worker.has("lifecycle")).isFalse();
  }

  @Test
  void sidecarsAreNativeSidecarsStartedBeforeTheInitContainers() throws Exception {
    JsonNode pod =
        pod(
            WEB
                + "  initContainers: [{name: wait-for-db, image: 'postgres:16.4', command: [pg_isready]}]\n"
                + "  sidecars:\n"
                + "    - name: proxy\n"
                + "      image: 'cloud-sql-proxy:2.13.0'\n"
                + "      ports: [{name: pg, containerPort: 5432}]\n"
                + "      health: {type: tcp, startupSeconds: 10}\n");

    JsonNode init = pod.path("initContainers");
    assertThat(init).hasSize(2);
    assertThat(init.at("/0/name").asText()).isEqualTo("proxy");
    assertThat(init.at("/0/restartPolicy").asText()).isEqualTo("Always");
    assertThat(init.at("/0/startupProbe/tcpSocket/port").asText()).isEqualTo("pg");
    assertThat(init.at("/1/name").asText()).isEqualTo("wait-for-db");
    assertThat(init.at("/1").has("restartPolicy")).isFalse();
    for (JsonNode container : init) {
      assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
      assertThat(container.at("/resources/requests/cpu").asText()).isEqualTo("50m");
      assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
    }
  }

  @Test
  void aPodWithoutExtraContainersHasNoInitContainersField() throws Exception {
    assertThat(pod(WEB).has("initContainers")).isFalse();
  }

  @Test
  void envFromReachesTheAppItsJobsAndTheSidecarsThatAskForIt() throws Exception {
    List<ObjectNode> objects =
        render(
            WEB
                + "  envFrom: [{configMap: shop-config}, {secret: shop-keys, optional: true}]\n"
                + "  jobs: [{name: nightly, schedule: '0 3 * * *'}]\n"
                + "  sidecars: [{name: s, image: 'a:1', envFrom: [{secret: s-keys}]}]\n");

    JsonNode app = of(objects, "Deployment").at("/spec/template/spec/containers/0");
    assertThat(app.path("envFrom").toString())
        .isEqualTo(
            "[{\"configMapRef\":{\"name\":\"shop-config\"}},"
                + "{\"secretRef\":{\"name\":\"shop-keys\",\"optional\":true}}]");
    assertThat(
            of(objects, "CronJob")
                .at("/spec/jobTemplate/spec/template/spec/containers/0/envFrom/0/configMapRef/name")
                .asText())
        .isEqualTo("shop-config");
    assertThat(
            of(objects, "Deployment")
                .at("/spec/template/spec/initContainers/0/envFrom/0/secretRef/name")
                .asText())
        .isEqualTo("s-keys");
  }

  @Test
  void aSidecarMountsAnAppVolumeThatThePodDeclaresOnce() throws Exception {
    JsonNode pod =
        pod(
            WEB
                + "  volumes: {logs: {mountPath: /var/log/shop, emptyDir: {}}}\n"
                + "  sidecars:\n"
                + "    - name: shipper\n"
                + "      image: fluent/fluent-bit:3.1.9\n"
                + "      volumeMounts: [{volume: logs, mountPath: /logs, readOnly: true}]\n");

    assertThat(pod.at("/initContainers/0/volumeMounts").toString())
        .isEqualTo(
            "[{\"name\":\"tmp\",\"mountPath\":\"/tmp\"},"
                + "{\"name\":\"logs\",\"mountPath\":\"/logs\",\"readOnly\":true}]");
    assertThat(pod.path("volumes").findValuesAsText("name")).containsOnlyOnce("logs");
    assertThat(pod.at("/containers/0/volumeMounts").findValuesAsText("mountPath"))
        .contains("/var/log/shop");
  }
}
