package dev.minato.cluster.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workload an autoscaler scales is backed up without its replica count, as its manifest was
 * written: re-applied, the count would reset the scale and fight the autoscaler, and {@code check}
 * reports it ({@code hpa-replicas-conflict}).
 */
class AutoscaledWorkloadsBackupTest {

  static String deployment(String name, int replicas) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: shop}
        spec:
          replicas: %d
          selector: {matchLabels: {app: %1$s}}
          template:
            metadata: {labels: {app: %1$s}}
            spec: {containers: [{name: app, image: "app:1"}]}
        """
        .formatted(name, replicas);
  }

  static final String HPA =
      """
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: {name: web, namespace: shop}
      spec:
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        minReplicas: 2
        maxReplicas: 9
      """;

  @TempDir Path dir;
  Sandbox sandbox;

  @BeforeEach
  void start() {
    sandbox = Sandbox.start(dir, "shop");
    sandbox.create("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
    // As a cluster holds them: the API server defaulted web's replicas, and its HPA set 7.
    sandbox.create(deployment("web", 7));
    sandbox.create(HPA);
    sandbox.create(deployment("batch", 3));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  Path backup(List<String> namespaces) throws Exception {
    Path out = dir.resolve("backup");
    new BackupWriter(new LiveObjects(sandbox.client), ResourceCatalog.discover(sandbox.client))
        .write(
            out,
            new BackupOptions(namespaces, Optional.empty(), Optional.empty(), 100, true),
            line -> {});
    return out;
  }

  @Test
  void theWorkloadAnHpaScalesIsBackedUpWithoutItsReplicaCount() throws Exception {
    Path backup = backup(List.of());

    assertThat(Files.readString(backup.resolve("shop/Deployment.apps/web.yaml")))
        .doesNotContain("replicas:")
        .contains("image: app:1");
    assertThat(
            Files.readString(backup.resolve("shop/HorizontalPodAutoscaler.autoscaling/web.yaml")))
        .contains("minReplicas: 2");
  }

  @Test
  void aWorkloadNoAutoscalerScalesKeepsItsReplicaCount() throws Exception {
    Path backup = backup(List.of("shop"));

    assertThat(Files.readString(backup.resolve("shop/Deployment.apps/batch.yaml")))
        .contains("replicas: 3");
    assertThat(Files.readString(backup.resolve("shop/Deployment.apps/web.yaml")))
        .doesNotContain("replicas:");
  }
}
