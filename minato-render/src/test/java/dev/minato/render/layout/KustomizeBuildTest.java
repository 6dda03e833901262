package dev.minato.render.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.Document;
import dev.minato.manifest.YamlReader;
import dev.minato.render.Examples;
import dev.minato.render.TypedModel;
import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.read.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds every overlay of every example with the real {@code kubectl kustomize} and proves the two
 * layouts agree: base + overlay gives exactly the objects of the flat file of that environment.
 */
class KustomizeBuildTest {

  @Test
  void everyOverlayBuildsToTheSameObjectsAsTheFlatLayout(@TempDir Path out) throws Exception {
    assertThat(overlaysMatchFlat(Examples.load(), out)).isGreaterThanOrEqualTo(8);
  }

  @Test
  void everyOverlayOfTheFieldFixturesBuildsToTheSameObjectsAsTheFlatLayout(@TempDir Path out)
      throws Exception {
    assertThat(overlaysMatchFlat(Examples.fieldFixtures(), out)).isGreaterThanOrEqualTo(3);
  }

  /**
   * Dashboards are written as JSON files with a {@code configMapGenerator} entry: in the base, and
   * for an environment's own (an extra object labelled as one); with the spec's annotations;
   * patched in an overlay when an environment's SLOs change them; and as a plain file when a patch
   * gives one a field a generator cannot set. Each builds to the flat layout's ConfigMap.
   */
  @Test
  void dashboardsWrittenAsGeneratorsBuildToTheFlatLayoutsConfigMaps(@TempDir Path out)
      throws Exception {
    Path specs = Files.createDirectories(out.resolve("specs"));
    String[] documents = DASHBOARD_SPECS.split("---\n");
    Files.writeString(specs.resolve("dash.minato.yaml"), documents[0]);
    Files.writeString(specs.resolve("fixed.minato.yaml"), documents[1]);
    List<App> apps = SpecLoader.load(List.of(specs));

    assertThat(overlaysMatchFlat(apps, out)).isEqualTo(4);

    Map<String, String> files = Layout.KUSTOMIZE.write(apps).files();
    assertThat(files).containsKeys("dash/base/dash.json", "dash/overlays/stg/extra.json");
    assertThat(files).doesNotContainKeys("dash/base/configmap-dash-dashboard.yaml");
    assertThat(files.get("dash/base/kustomization.yaml"))
        .contains("configMapGenerator:\n  - name: dash-dashboard\n    files:\n      - dash.json\n")
        .contains("disableNameSuffixHash: true")
        .contains("grafana_folder: Shop");
    assertThat(files.get("dash/base/dash.json")).startsWith("{\n").endsWith("}\n");
    assertThat(files.get("dash/overlays/stg/kustomization.yaml"))
        .contains("configMapGenerator:\n  - name: extra-dashboard\n");
    assertThat(files).containsKey("dash/overlays/dev/patch-configmap-dash-dashboard.yaml");
    assertThat(files).containsKey("fixed/base/configmap-fixed-dashboard.yaml");
    assertThat(files.keySet())
        .noneMatch(path -> path.startsWith("fixed/") && path.endsWith(".json"));
  }

  private static final String DASHBOARD_SPECS =
      """
      apiVersion: minato.dev/v1
      kind: App
      metadata: {name: dash, team: shop}
      spec:
        image: registry.example.com/dash:1.0.0
        port: 8080
        resources: {cpu: 100m, memory: 128Mi}
        metrics: {}
        slos: [{name: availability, objective: 99.9, availability: {}}]
        patches:
          - target: {kind: ConfigMap, name: dash-dashboard}
            merge: {metadata: {annotations: {grafana_folder: Shop}}}
      environments:
        dev: {slos: []}
        stg:
          extraObjects:
            - apiVersion: v1
              kind: ConfigMap
              metadata:
                name: extra-dashboard
                labels: {app.kubernetes.io/component: dashboard, grafana_dashboard: "1"}
              data: {extra.json: "{\\n  \\"title\\": \\"Extra: \\\\t # café\\"\\n}\\n"}
        prd: {namespace: shop}
      ---
      apiVersion: minato.dev/v1
      kind: App
      metadata: {name: fixed}
      spec:
        image: registry.example.com/fixed:1.0.0
        port: 8080
        resources: {cpu: 100m, memory: 128Mi}
        patches:
          - target: {kind: ConfigMap, name: fixed-dashboard}
            merge: {immutable: true}
      """;

  /** Builds every overlay of {@code apps} and compares it with the flat layout; the count. */
  private static int overlaysMatchFlat(List<App> apps, Path out) throws Exception {
    OutputDirectory.replace(out.resolve("manifests"), Layout.KUSTOMIZE.write(apps));
    int overlays = 0;
    for (App app : apps) {
      for (Environment env : app.environments()) {
        Path overlay =
            out.resolve("manifests").resolve(app.name()).resolve("overlays").resolve(env.name());
        Map<String, ObjectNode> built = byIdentity(kustomize(overlay));
        Map<String, ObjectNode> flat = byIdentity(FlatLayout.objects(app, env));
        assertThat(built.keySet())
            .as("objects of %s/%s", app.name(), env.name())
            .isEqualTo(flat.keySet());
        for (String identity : flat.keySet()) {
          assertThat(built.get(identity))
              .as("%s in %s/%s", identity, app.name(), env.name())
              .isEqualTo(flat.get(identity));
        }
        overlays++;
      }
    }
    return overlays;
  }

  @Test
  void everyGeneratedObjectParsesIntoTheTypedModel() throws Exception {
    List<App> apps = new ArrayList<>(Examples.load());
    apps.addAll(Examples.fieldFixtures());
    for (App app : apps) {
      for (Environment env : app.environments()) {
        for (ObjectNode object : FlatLayout.objects(app, env)) {
          TypedModel.assertParsesWithoutUnknownFields(object);
        }
      }
    }
  }

  private static Map<String, ObjectNode> byIdentity(List<ObjectNode> objects) {
    Map<String, ObjectNode> map = new TreeMap<>();
    for (ObjectNode object : objects) {
      map.put(ObjectFiles.identity(object), object);
    }
    return map;
  }

  private static List<ObjectNode> kustomize(Path overlay) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("kubectl", "kustomize", overlay.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize %s:%n%s", overlay, output).isZero();
    List<ObjectNode> objects = new ArrayList<>();
    try {
      for (Document doc : YamlReader.read(overlay.toString(), output)) {
        objects.add((ObjectNode) doc.root());
      }
    } catch (dev.minato.manifest.ManifestException e) {
      throw new AssertionError(e.located(), e);
    }
    return objects;
  }
}
