package dev.minato.render.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.render.TypedModel;
import dev.minato.render.layout.FlatLayout;
import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.read.SpecReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Volumes, stateful apps, service accounts and annotations as rendered objects. */
class StorageAndIdentityRenderTest {

  private static final String HEADER =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: shop, team: web}\nspec:\n";
  private static final String WEB =
      "  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n";
  private static final String STATEFUL =
      WEB.replace("  port:", "  type: stateful\n  port:")
          + "  volumes: {data: {mountPath: /data, volumeClaimTemplate: {size: 10Gi}}}\n";

  private static List<ObjectNode> render(String spec) throws Exception {
    App app = SpecReader.read("minato.yaml", HEADER + spec).get(0);
    return AppObjects.render(app, app.spec());
  }

  private static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .filter(o -> o.at("/metadata/name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + objects));
  }

  private static List<String> kinds(List<ObjectNode> objects) {
    return objects.stream().map(o -> o.path("kind").asText()).toList();
  }

  @Test
  void everyEnvironmentOfTheEveryFieldSpecParsesIntoTheTypedModel() throws Exception {
    App app =
        SpecReader.read(
                Path.of("..", "minato-spec", "src", "test", "resources", "every-field.minato.yaml"))
            .get(0);
    List<String> rendered = new ArrayList<>();
    for (Environment environment : app.environments()) {
      for (ObjectNode object : FlatLayout.objects(app, environment)) {
        TypedModel.assertParsesWithoutUnknownFields(object);
        rendered.add(object.path("kind").asText());
      }
    }
    assertThat(rendered).contains("StatefulSet", "ServiceAccount", "Deployment", "CronJob");
  }

  @Test
  void aStatefulAppRendersAStatefulSetGovernedByAHeadlessService() throws Exception {
    List<ObjectNode> objects = render(STATEFUL);

    assertThat(kinds(objects)).containsExactly("Service", "Service", "StatefulSet", "ConfigMap");
    ObjectNode headless = find(objects, "Service", "shop-headless");
    assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
    assertThat(headless.at("/spec/publishNotReadyAddresses").asBoolean(true)).isFalse();
    assertThat(headless.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
    ObjectNode set = find(objects, "StatefulSet", "shop");
    assertThat(set.at("/spec/serviceName").asText()).isEqualTo("shop-headless");
    assertThat(set.at("/spec/podManagementPolicy").asText()).isEqualTo("OrderedReady");
    assertThat(set.at("/spec/updateStrategy/type").asText()).isEqualTo("RollingUpdate");
    assertThat(set.at("/spec/strategy").isMissingNode()).isTrue();
    assertThat(set.at("/metadata/labels/minato.dev~1migration-policy").asText())
        .isEqualTo("downtime-ok");
    JsonNode claim = set.at("/spec/volumeClaimTemplates/0");
    assertThat(claim.at("/metadata/name").asText()).isEqualTo("data");
    assertThat(claim.at("/metadata/labels").size())
        .as("only labels that never change: claim templates are immutable")
        .isEqualTo(2);
    assertThat(claim.at("/spec/resources/requests/storage").asText()).isEqualTo("10Gi");
    assertThat(claim.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteOnce");
    JsonNode pod = set.at("/spec/template/spec");
    assertThat(pod.at("/containers/0/volumeMounts/1").toString())
        .isEqualTo("{\"name\":\"data\",\"mountPath\":\"/data\"}");
    assertThat(pod.path("volumes").findValuesAsText("name")).containsExactly("tmp");
  }

  @Test
  void aStatefulAppWithTwoMembersKeepsItsBudgetAndWithoutAPortOnlyTheHeadlessService()
      throws Exception {
    List<ObjectNode> two = render(STATEFUL + "  replicas: {min: 3}\n");
    assertThat(kinds(two))
        .containsExactly("Service", "Service", "StatefulSet", "PodDisruptionBudget", "ConfigMap");
    assertThat(find(two, "StatefulSet", "shop").at("/spec/replicas").asInt()).isEqualTo(3);

    List<ObjectNode> worker = render(STATEFUL.replace("  port: 8080\n", ""));
    assertThat(kinds(worker)).containsExactly("Service", "StatefulSet", "ConfigMap");
    ObjectNode headless = find(worker, "Service", "shop-headless");
    assertThat(headless.at("/spec/ports").isMissingNode()).isTrue();
    assertThat(headless.at("/spec/selector/app.kubernetes.io~1component").asText())
        .isEqualTo("worker");
  }

  @Test
  void jobsMountTheAppsVolumesButNotTheMembersOwnClaims() throws Exception {
    List<ObjectNode> objects =
        render(
            STATEFUL.substring(0, STATEFUL.indexOf("  volumes:"))
                + "  volumes:\n"
                + "    data: {mountPath: /data, volumeClaimTemplate: {size: 10Gi}}\n"
                + "    cache: {mountPath: /cache, emptyDir: {sizeLimit: 1Gi, medium: Memory}}\n"
                + "    tls: {mountPath: /tls, secret: {name: tls, items: [{key: crt, path: a/crt}],"
                + " defaultMode: \"0400\"}}\n"
                + "  jobs: [{name: compact, schedule: \"@daily\"}]\n");
    JsonNode pod =
        find(objects, "CronJob", "shop-compact").at("/spec/jobTemplate/spec/template/spec");

    assertThat(pod.path("volumes").findValuesAsText("name")).containsExactly("tmp", "cache", "tls");
    assertThat(pod.at("/volumes/1/emptyDir").toString())
        .isEqualTo("{\"medium\":\"Memory\",\"sizeLimit\":\"1Gi\"}");
    assertThat(pod.at("/volumes/2/secret").toString())
        .isEqualTo(
            "{\"secretName\":\"tls\",\"items\":[{\"key\":\"crt\",\"path\":\"a/crt\"}],\"defaultMode\":256}");
    assertThat(pod.at("/containers/0/volumeMounts").findValuesAsText("name"))
        .containsExactly("tmp", "cache", "tls");
    assertThat(pod.at("/containers/0/volumeMounts/2/readOnly").asBoolean()).isTrue();
  }

  @Test
  void aCreatedServiceAccountIsRenderedFirstAndNamedByEveryPod() throws Exception {
    List<ObjectNode> objects =
        render(
            WEB
                + "  serviceAccount: {annotations: {eks.amazonaws.com/role-arn: arn:aws:iam::1:role/shop}}\n"
                + "  jobs: [{name: report, schedule: \"@daily\"}]\n");

    ObjectNode account = objects.get(0);
    assertThat(account.path("kind").asText()).isEqualTo("ServiceAccount");
    assertThat(account.at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText())
        .isEqualTo("arn:aws:iam::1:role/shop");
    assertThat(account.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    for (JsonNode pod :
        List.of(
            find(objects, "Deployment", "shop").at("/spec/template/spec"),
            find(objects, "CronJob", "shop-report").at("/spec/jobTemplate/spec/template/spec"))) {
      assertThat(pod.path("serviceAccountName").asText()).isEqualTo("shop");
      assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    }
  }

  @Test
  void anExistingServiceAccountIsOnlyNamedAndMayMountItsToken() throws Exception {
    List<ObjectNode> objects =
        render(
            WEB
                + "  serviceAccount: {name: shop-api-reader, create: false, automountToken: true}\n");

    assertThat(kinds(objects)).doesNotContain("ServiceAccount");
    JsonNode pod = find(objects, "Deployment", "shop").at("/spec/template/spec");
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo("shop-api-reader");
    assertThat(pod.path("automountServiceAccountToken").asBoolean()).isTrue();
  }

  @Test
  void annotationsGoOnEveryObjectAndPodAnnotationsOnPodTemplatesBesideMinatosOwn()
      throws Exception {
    List<ObjectNode> objects =
        render(
            WEB
                + "  metrics: {port: 9090}\n"
                + "  security: {readOnlyRootFilesystem: false, reason: legacy cache}\n"
                + "  configFiles: {/etc/shop/a.ini: x}\n"
                + "  annotations: {example.com/owner: web}\n"
                + "  podAnnotations: {example.com/logs: json}\n"
                + "  jobs: [{name: report, schedule: \"@daily\"}]\n");

    for (ObjectNode object : objects) {
      assertThat(object.at("/metadata/annotations/example.com~1owner").asText())
          .as(object.path("kind").asText())
          .isEqualTo("web");
    }
    ObjectNode deployment = find(objects, "Deployment", "shop");
    assertThat(deployment.at("/metadata/annotations/ignore.minato.dev~1read-only-root-fs").asText())
        .startsWith("legacy cache");
    JsonNode podAnnotations = deployment.at("/spec/template/metadata/annotations");
    assertThat(podAnnotations.path("prometheus.io/port").asText()).isEqualTo("9090");
    assertThat(podAnnotations.path("example.com/logs").asText()).isEqualTo("json");
    assertThat(
            find(objects, "CronJob", "shop-report")
                .at("/spec/jobTemplate/spec/template/metadata/annotations/example.com~1logs")
                .asText())
        .isEqualTo("json");
    assertThat(find(objects, "Service", "shop").at("/spec/template").isMissingNode()).isTrue();
  }

  @Test
  void secretEnvReadsTheNamedSecret() throws Exception {
    JsonNode env =
        find(
                render(WEB + "  secretEnv: [TOKEN]\n  secretName: shop-prd-secrets\n"),
                "Deployment",
                "shop")
            .at("/spec/template/spec/containers/0/env");

    assertThat(env.findValue("secretKeyRef").path("name").asText()).isEqualTo("shop-prd-secrets");
  }
}
