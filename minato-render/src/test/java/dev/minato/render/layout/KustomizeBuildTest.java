package dev.minato.render.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.Document;
import dev.minato.manifest.YamlReader;
import dev.minato.render.Examples;
import dev.minato.render.TypedModel;
import dev.minato.spec.App;
import dev.minato.spec.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
