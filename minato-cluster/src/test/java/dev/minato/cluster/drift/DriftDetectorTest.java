package dev.minato.cluster.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.testing.Sandbox;
import dev.minato.manifest.diff.FieldChange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftDetectorTest {

  static final String CONFIG =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {mode: fast}\n";
  static final String SECRET =
      "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ndata: {password: aHVudGVyMg==}\n";

  @TempDir Path dir;
  Sandbox sandbox;
  DriftDetector detector;

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.start(dir, "emu");
    detector =
        new DriftDetector(
            new LiveObjects(sandbox.client), ResourceCatalog.discover(sandbox.client));
    sandbox.create(CONFIG);
    sandbox.create(SECRET);
  }

  @AfterEach
  void stop() throws Exception {
    sandbox.close();
  }

  DriftReport compare(String... yaml) throws Exception {
    List<ObjectNode> desired = java.util.Arrays.stream(yaml).map(Sandbox::tree).toList();
    return detector.compare(desired, "default");
  }

  @Test
  void aClusterAsTheRepositorySaysHasNoDrift() throws Exception {
    assertThat(compare(CONFIG, SECRET).clean()).isTrue();
  }

  @Test
  void reportsAFieldChangedByHandWithBothValues() throws Exception {
    sandbox.create(CONFIG.replace("fast", "slow"));
    DriftReport report = compare(CONFIG, SECRET);
    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(DriftKind.CHANGED);
              assertThat(f.changes())
                  .extracting(FieldChange::toString)
                  .containsExactly("~ data.mode: slow → fast");
            });
  }

  @Test
  void neverShowsSecretValues() throws Exception {
    sandbox.create(SECRET.replace("aHVudGVyMg==", "c3dvcmRmaXNo"));
    DriftReport report = compare(CONFIG, SECRET);
    assertThat(report.findings().get(0).changes())
        .extracting(FieldChange::toString)
        .containsExactly("~ data.password: *** (before) → *** (after)");
  }

  @Test
  void reportsMissingAndExtraObjects() throws Exception {
    sandbox.create(CONFIG.replace("settings", "made-by-hand"));
    DriftReport report = compare(CONFIG, SECRET, CONFIG.replace("settings", "expected"));
    assertThat(report.findings())
        .extracting(f -> f.kind().word() + " " + f.key())
        .containsExactly("missing ConfigMap/shop/expected", "extra ConfigMap/shop/made-by-hand");
  }

  @Test
  void objectsInOtherNamespacesAreNotExtra() throws Exception {
    sandbox.create(CONFIG.replace("namespace: shop", "namespace: elsewhere"));
    assertThat(compare(CONFIG, SECRET).clean()).isTrue();
  }

  @Test
  void anImageChangedByHandIsOneFieldNamedByTheContainer() throws Exception {
    String deployment =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: app, image: registry/a:1, ports: [{containerPort: 8080}]}
        """;
    sandbox.create(
        deployment
            .replace("registry/a:1", "registry/a:2")
            .replace("{containerPort: 8080}", "{containerPort: 8080, protocol: TCP}"));
    DriftReport report = compare(CONFIG, SECRET, deployment);
    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.changes())
                    .extracting(FieldChange::toString)
                    .containsExactly(
                        "~ spec.template.spec.containers[app].image: registry/a:2 → registry/a:1"));
  }

  @Test
  void theDefaultNamespaceIsNotExtra() throws Exception {
    String namespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n";
    sandbox.create(namespace);
    assertThat(compare(CONFIG, SECRET, namespace).findings())
        .extracting(f -> f.kind().word() + " " + f.key())
        .doesNotContain("extra Namespace/default");
  }
}
