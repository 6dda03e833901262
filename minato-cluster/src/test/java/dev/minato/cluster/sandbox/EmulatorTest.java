package dev.minato.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.testing.Sandbox;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorTest {

  static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.example.com}
      spec:
        group: example.com
        scope: Namespaced
        names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
        versions:
          - name: v1
            served: true
            storage: true
            schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
      """;

  static final String CONFIG_MAP =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: shop, labels: {tier: web, owner: a}}
      data: {mode: fast}
      """;

  @TempDir Path dir;
  Sandbox sandbox;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(dir, "emu");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void discoveryServesBuiltinKindsAndStoredCustomResourceDefinitions() throws Exception {
    sandbox.create(CRD);
    ResourceCatalog catalog = ResourceCatalog.discover(sandbox.client);
    assertThat(catalog.types())
        .extracting(ResourceType::qualifiedKind)
        .contains("ConfigMap", "Deployment.apps", "Widget.example.com");
    assertThat(catalog.find("example.com/v1", "Widget").orElseThrow().namespaced()).isTrue();
    assertThat(catalog.find("v1", "Namespace").orElseThrow().namespaced()).isFalse();
  }

  @Test
  void discoveryGivesKubectlItsShortNames() {
    var configMaps =
        sandbox.client.getApiResources("v1").getResources().stream()
            .filter(r -> r.getName().equals("configmaps"))
            .findFirst()
            .orElseThrow();
    assertThat(configMaps.getShortNames()).containsExactly("cm");
    assertThat(configMaps.getSingularName()).isEqualTo("configmap");
  }

  @Test
  void serverSideApplyCreatesThenMergesAndDropsFieldsTheManagerNoLongerSends() {
    sandbox.create(CONFIG_MAP);
    sandbox.create(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: shop, labels: {tier: web}}
        data: {size: large}
        """);
    GenericKubernetesResource live =
        sandbox
            .client
            .genericKubernetesResources("v1", "ConfigMap")
            .inNamespace("shop")
            .withName("settings")
            .get();
    assertThat(live.getMetadata().getLabels()).containsOnlyKeys("tier");
    assertThat(Sandbox.tree(live).path("data").toString()).isEqualTo("{\"size\":\"large\"}");
  }

  @Test
  void dryRunApplyAnswersWithoutPersisting() {
    GenericKubernetesResource answer =
        sandbox
            .client
            .resource(Sandbox.resource(CONFIG_MAP))
            .dryRun()
            .fieldManager("test")
            .forceConflicts()
            .serverSideApply();
    assertThat(answer.getMetadata().getUid()).isNotBlank();
    assertThat(sandbox.client.configMaps().inNamespace("shop").withName("settings").get()).isNull();
  }

  @Test
  void dryRunDeleteKeepsTheObject() {
    sandbox.create(CONFIG_MAP);
    sandbox.client.resource(Sandbox.resource(CONFIG_MAP)).dryRun().delete();
    assertThat(sandbox.client.configMaps().inNamespace("shop").withName("settings").get())
        .isNotNull();
  }

  @Test
  void listsPageWithLimitAndContinueInNameOrder() {
    for (int i = 9; i >= 0; i--) {
      sandbox.create(CONFIG_MAP.replace("name: settings", "name: cm-" + i));
    }
    List<String> names = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      GenericKubernetesResourceList page =
          sandbox
              .client
              .genericKubernetesResources("v1", "ConfigMap")
              .inAnyNamespace()
              .list(new ListOptionsBuilder().withLimit(4L).withContinue(token).build());
      page.getItems().forEach(item -> names.add(item.getMetadata().getName()));
      token = page.getMetadata().getContinue();
      pages++;
    } while (token != null && !token.isEmpty());
    assertThat(pages).isEqualTo(3);
    assertThat(names)
        .containsExactly(
            "cm-0", "cm-1", "cm-2", "cm-3", "cm-4", "cm-5", "cm-6", "cm-7", "cm-8", "cm-9");
  }

  @Test
  void deploymentsReportEveryReplicaReadyOnceStored() {
    sandbox.create(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx:1.27}]}
        """);
    var deployment = sandbox.client.apps().deployments().inNamespace("shop").withName("web").get();
    assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(3);
    assertThat(sandbox.client.pods().inNamespace("shop").list().getItems()).isEmpty();
  }

  @Test
  void labelSelectorsFilterLists() {
    sandbox.create(CONFIG_MAP);
    sandbox.create(
        CONFIG_MAP.replace("name: settings", "name: other").replace("tier: web", "tier: db"));
    assertThat(
            sandbox
                .client
                .configMaps()
                .inNamespace("shop")
                .withLabel("tier", "db")
                .list()
                .getItems())
        .extracting(cm -> cm.getMetadata().getName())
        .containsExactly("other");
  }
}
