package dev.minato.cluster.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.testing.Sandbox;
import org.junit.jupiter.api.Test;

class ServerFieldsTest {

  @Test
  void removesStatusAndServerOwnedMetadata() {
    ObjectNode live =
        Sandbox.tree(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
              namespace: b
              uid: 123
              resourceVersion: "9"
              creationTimestamp: "2026-01-01T00:00:00Z"
              managedFields: [{manager: x}]
              annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}"}
            data: {k: v}
            status: {x: y}
            """);
    assertThat(ServerFields.strip(live).toString())
        .isEqualTo(
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"namespace\":\"b\"},\"data\":{\"k\":\"v\"}}");
  }

  @Test
  void keepsAHeadlessServiceButNotAnAllocatedClusterIp() {
    ObjectNode allocated =
        Sandbox.tree(
            "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {clusterIP: 10.0.0.7, clusterIPs: [10.0.0.7]}\n");
    ObjectNode headless =
        Sandbox.tree(
            "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {clusterIP: None}\n");
    assertThat(ServerFields.strip(allocated).path("spec").isEmpty()).isTrue();
    assertThat(ServerFields.strip(headless).path("spec").path("clusterIP").asText())
        .isEqualTo("None");
  }

  /** A Job as the API server stores it: selector and pod labels generated from its uid. */
  static final String STORED_JOB =
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: migrate-db, namespace: shop, uid: 8a1f}
      spec:
        backoffLimit: 2
        selector:
          matchLabels: {batch.kubernetes.io/controller-uid: 8a1f}
        template:
          metadata:
            labels:
              app: shop
              batch.kubernetes.io/controller-uid: 8a1f
              batch.kubernetes.io/job-name: migrate-db
              controller-uid: 8a1f
              job-name: migrate-db
          spec: {restartPolicy: Never, containers: [{name: m, image: "m:1"}]}
      """;

  @Test
  void forgetsTheSelectorAndPodLabelsTheServerGeneratedForAJob() {
    ObjectNode clean = ServerFields.strip(Sandbox.tree(STORED_JOB));

    // Sent back with the old uid, the API server would refuse it: "`selector` not auto-generated".
    assertThat(clean.path("spec").has("selector")).isFalse();
    assertThat(clean.at("/spec/template/metadata/labels").toString())
        .isEqualTo("{\"app\":\"shop\"}");
    assertThat(clean.at("/spec/backoffLimit").asInt()).isEqualTo(2);
  }

  @Test
  void keepsTheSelectorOfAJobWhoseAuthorChoseIt() {
    ObjectNode manual =
        Sandbox.tree(
            STORED_JOB
                .replace("backoffLimit: 2", "backoffLimit: 2\n  manualSelector: true")
                .replace("{batch.kubernetes.io/controller-uid: 8a1f}", "{app: shop}"));

    ObjectNode clean = ServerFields.strip(manual);

    assertThat(clean.at("/spec/selector/matchLabels/app").asText()).isEqualTo("shop");
    assertThat(clean.at("/spec/template/metadata/labels/controller-uid").asText())
        .isEqualTo("8a1f");
  }

  @Test
  void forgetsTheVolumeTheBinderChoseForAClaim() {
    ObjectNode claim =
        Sandbox.tree(
            """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
              annotations: {pv.kubernetes.io/bound-by-controller: "yes", pv.kubernetes.io/bind-completed: "yes"}
            spec: {volumeName: pvc-1234, resources: {requests: {storage: 1Gi}}}
            """);
    ObjectNode clean = ServerFields.strip(claim);
    assertThat(clean.path("spec").has("volumeName")).isFalse();
    assertThat(clean.path("metadata").has("annotations")).isFalse();
  }

  @Test
  void keepsAVolumeNameTheAuthorChose() {
    ObjectNode claim =
        Sandbox.tree(
            "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {volumeName: my-volume}\n");
    assertThat(ServerFields.strip(claim).path("spec").path("volumeName").asText())
        .isEqualTo("my-volume");
  }
}
