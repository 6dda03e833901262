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
