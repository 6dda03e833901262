package dev.minato.manifest.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ManifestException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

  static final String CONFIG =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n";
  static final String BROKEN = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n";

  @TempDir Path dir;

  Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  static Manifests read(ManifestReader.Mode mode, String stdin, InputSource... sources)
      throws Exception {
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    return new ManifestReader(mode, new Kustomize("kubectl"), () -> in).read(List.of(sources));
  }

  static Manifests strict(InputSource... sources) throws Exception {
    return read(ManifestReader.Mode.STRICT, "", sources);
  }

  static List<String> located(Manifests manifests) {
    return manifests.errors().stream().map(ManifestException::located).toList();
  }

  @Test
  void aDirectorySkipsHiddenFoldersSuchAsGitHubWorkflows() throws Exception {
    write("app/config.yaml", CONFIG);
    write(".github/workflows/ci.yaml", "on: [push]\njobs: {build: {runs-on: ubuntu-latest}}\n");
    write(".git/config.yaml", "broken: [");

    Manifests manifests = strict(new InputSource.Files(dir));

    assertThat(manifests.errors()).isEmpty();
    assertThat(manifests.objects()).extracting(KubeObject::name).containsExactly("settings");
  }

  @Test
  void aBackupDirectoryReadsAsTheObjectsItHoldsWithoutItsIndex() throws Exception {
    write(
        "backup/shop/ConfigMap/settings.yaml",
        CONFIG.replace("{name: settings}", "{name: settings, namespace: shop}"));
    write(
        "backup/index.yaml",
        "apiVersion: minato.dev/v1\nkind: BackupIndex\nobjects: 1\ncounts: {ConfigMap: 1}\n");

    Manifests manifests = strict(new InputSource.Files(dir.resolve("backup")));

    assertThat(manifests.errors()).isEmpty();
    assertThat(manifests.objects()).extracting(KubeObject::name).containsExactly("settings");
  }

  @Test
  void aBrokenFileIsReportedAtItsLineAndColumn() throws Exception {
    Path file = write("broken.yaml", BROKEN);

    assertThat(located(strict(new InputSource.Files(file))))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(file + ":5:1: invalid YAML");
  }

  @Test
  void aBrokenFileInADirectoryIsReportedBesideTheOthers() throws Exception {
    write("a/broken.yaml", BROKEN);
    write("b/also-broken.yaml", "kind: [\n");
    write("c/config.yaml", CONFIG);

    Manifests manifests = strict(new InputSource.Files(dir));

    assertThat(located(manifests)).hasSize(2);
    assertThat(located(manifests).get(0)).startsWith(dir.resolve("a/broken.yaml") + ":5:1:");
    assertThat(located(manifests).get(1)).startsWith(dir.resolve("b/also-broken.yaml") + ":2:1:");
    assertThat(manifests.objects()).hasSize(1);
  }

  @Test
  void theStandardInputIsNamedInPositions() throws Exception {
    Manifests manifests = read(ManifestReader.Mode.STRICT, BROKEN, new InputSource.Stdin());

    assertThat(located(manifests))
        .singleElement()
        .asString()
        .startsWith("<stdin>:5:1: invalid YAML");
  }

  @Test
  void brokenYamlInAKustomizeBaseIsLocatedAtItsFile() throws Exception {
    write("base/config.yaml", BROKEN);
    write("base/kustomization.yaml", "resources: [config.yaml]\n");
    write("overlay/kustomization.yaml", "resources: [../base]\nnamespace: shop\n");

    Manifests manifests = strict(new InputSource.Kustomization(dir.resolve("overlay")));

    assertThat(located(manifests))
        .singleElement()
        .asString()
        .startsWith(dir.resolve("overlay/../base").normalize() + "/config.yaml:5:1: invalid YAML");
  }

  @Test
  void aKustomizeDirectoryIsRenderedByKubectl() throws Exception {
    write("base/config.yaml", CONFIG);
    write("base/kustomization.yaml", "resources: [config.yaml]\nnamespace: shop\n");

    Manifests manifests = strict(new InputSource.Kustomization(dir.resolve("base")));

    assertThat(manifests.errors()).isEmpty();
    assertThat(manifests.objects()).extracting(KubeObject::namespace).containsExactly("shop");
  }

  @Test
  void aMissingKubectlIsAnEnvironmentProblem() throws Exception {
    write("base/kustomization.yaml", "resources: []\n");
    ManifestReader reader =
        new ManifestReader(
            ManifestReader.Mode.STRICT,
            new Kustomize(dir.resolve("no-kubectl").toString()),
            InputStream::nullInputStream);

    assertThatThrownBy(
            () -> reader.read(List.of(new InputSource.Kustomization(dir.resolve("base")))))
        .isInstanceOf(InputUnavailableException.class)
        .hasMessageContaining("install kubectl");
  }

  @Test
  void strictReadingRefusesADirectoryOfKustomizationsAndNamesThem() throws Exception {
    write("overlays/prd/kustomization.yaml", "resources: []\n");
    write("base.yaml", CONFIG);

    assertThat(located(strict(new InputSource.Files(dir))))
        .singleElement()
        .asString()
        .contains("holds kustomizations")
        .contains("-k " + dir.resolve("overlays/prd"));
  }

  /** A base with one ConfigMap, an overlay that deletes it and adds its own, and a plain file. */
  private void kustomizeTree() throws Exception {
    write("app/base/kustomization.yaml", "resources: [config.yaml]\n");
    write("app/base/config.yaml", CONFIG);
    write(
        "app/overlays/prd/kustomization.yaml",
        "resources: [../../base, extra.yaml]\nnamespace: prd\n"
            + "patches: [{path: delete-config.yaml}]\n");
    write(
        "app/overlays/prd/delete-config.yaml",
        "$patch: delete\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n");
    write("app/overlays/prd/extra.yaml", CONFIG.replace("settings", "prd-only"));
    write("plain/other.yaml", CONFIG.replace("settings", "plain"));
  }

  @Test
  void lenientReadingBuildsEachOverlayOfAKustomizeTreeAndNeverReadsItsBaseAsObjects()
      throws Exception {
    kustomizeTree();

    Manifests lenient = read(ManifestReader.Mode.LENIENT, "", new InputSource.Files(dir));

    assertThat(lenient.errors()).isEmpty();
    assertThat(lenient.unbuilt()).isEmpty();
    assertThat(lenient.objects())
        .extracting(o -> o.namespace() + "/" + o.name())
        .containsExactlyInAnyOrder("prd/prd-only", "/plain");
    assertThat(lenient.objects().get(0).source().source())
        .isEqualTo("kustomize:" + dir.resolve("app/overlays/prd"));
  }

  /**
   * A base as generate writes a dashboard: a JSON file (tab-indented here, which YAML refuses) and
   * a generator that reads it, plus one read from a folder of the base that holds no kustomization.
   */
  private void generatorTree() throws Exception {
    String json = "{\n\t\"title\": \"Shop\"\n}\n";
    write("app/base/shop.json", json);
    write("app/base/dashboards/common.json", json);
    write(
        "app/base/kustomization.yaml",
        "resources: [config.yaml]\nconfigMapGenerator:\n"
            + "  - name: shop-dashboard\n    files: [shop.json, common.json=dashboards/common.json]\n"
            + "    options: {disableNameSuffixHash: true, labels: {grafana_dashboard: \"1\"}}\n");
    write("app/base/config.yaml", CONFIG);
    write("app/overlays/prd/kustomization.yaml", "resources: [../../base]\nnamespace: prd\n");
  }

  @Test
  void lenientReadingBuildsGeneratedConfigMapsAndNeverReadsTheirDataFilesAsManifests()
      throws Exception {
    generatorTree();

    Manifests lenient = read(ManifestReader.Mode.LENIENT, "", new InputSource.Files(dir));

    assertThat(lenient.errors()).isEmpty();
    assertThat(lenient.skippedDocuments()).isZero();
    assertThat(lenient.objects())
        .extracting(o -> o.namespace() + "/" + o.name())
        .containsExactlyInAnyOrder("prd/settings", "prd/shop-dashboard");
    KubeObject dashboard =
        lenient.objects().stream().filter(o -> o.name().equals("shop-dashboard")).findFirst().get();
    assertThat(dashboard.tree().path("data").path("shop.json").asText()).contains("\"Shop\"");
  }

  @Test
  void aBrokenKustomizationIsLocatedWithoutTakingItsGeneratorsDataForYaml() throws Exception {
    generatorTree();
    write("app/base/config.yaml", BROKEN);

    Manifests manifests = strict(new InputSource.Kustomization(dir.resolve("app/overlays/prd")));

    assertThat(located(manifests))
        .singleElement()
        .asString()
        .startsWith(dir.resolve("app/base").normalize() + "/config.yaml:5:1: invalid YAML");
  }

  @Test
  void withoutKubectlTheOverlaysAreListedAsUnbuiltAndOnlyPlainFilesAreRead() throws Exception {
    kustomizeTree();
    ManifestReader reader =
        new ManifestReader(
            ManifestReader.Mode.LENIENT,
            new Kustomize(dir.resolve("no-kubectl").toString()),
            InputStream::nullInputStream);

    Manifests lenient = reader.read(List.of(new InputSource.Files(dir)));

    assertThat(lenient.objects()).extracting(KubeObject::name).containsExactly("plain");
    assertThat(lenient.unbuilt())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.directory()).isEqualTo(dir.resolve("app/overlays/prd"));
              assertThat(u.reason()).contains("install kubectl");
            });
  }

  @Test
  void strictReadingOfAKustomizeTreeIsStillRefused() throws Exception {
    kustomizeTree();

    assertThat(located(strict(new InputSource.Files(dir))))
        .singleElement()
        .asString()
        .contains("holds kustomizations");
  }

  @Test
  void lenientReadingNeverTakesADeletionStubForAnObject() throws Exception {
    Path stub =
        write(
            "stub.yaml",
            "$patch: delete\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n");

    assertThat(read(ManifestReader.Mode.LENIENT, "", new InputSource.Files(stub)).objects())
        .isEmpty();
  }

  @Test
  void lenientReadingSkipsDocumentsThatAreNotObjects() throws Exception {
    write("a.yaml", CONFIG + "---\njust: data\n");

    Manifests lenient = read(ManifestReader.Mode.LENIENT, "", new InputSource.Files(dir));
    Manifests strict = strict(new InputSource.Files(dir));

    assertThat(lenient.errors()).isEmpty();
    assertThat(lenient.skippedDocuments()).isEqualTo(1);
    assertThat(located(strict))
        .singleElement()
        .asString()
        .contains("a.yaml:6:1: not a Kubernetes object");
  }

  @Test
  void strictReadingRefusesAnObjectDefinedTwiceWithBothPositions() throws Exception {
    Path a = write("a.yaml", CONFIG);
    Path b = write("b.yaml", CONFIG);

    assertThat(located(strict(new InputSource.Files(a), new InputSource.Files(b))))
        .singleElement()
        .asString()
        .contains(b + ":1:1: ConfigMap/settings is defined twice (first at " + a + ":1:1)");
  }

  @Test
  void aFileNamedTwiceIsReadOnce() throws Exception {
    Path a = write("a.yaml", CONFIG);

    Manifests manifests = strict(new InputSource.Files(a), new InputSource.Files(dir));

    assertThat(manifests.errors()).isEmpty();
    assertThat(manifests.objects()).hasSize(1);
  }

  @Test
  void aMissingPathIsAnErrorNamingIt() throws Exception {
    assertThat(located(strict(new InputSource.Files(dir.resolve("nope.yaml")))))
        .containsExactly(dir.resolve("nope.yaml") + ": no such file or directory");
  }

  @Test
  void listItemsAreReadAsObjects() throws Exception {
    String list =
        "apiVersion: v1\nkind: List\nitems:\n"
            + "  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n"
            + "  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n";

    Manifests manifests = read(ManifestReader.Mode.STRICT, list, new InputSource.Stdin());

    assertThat(manifests.objects()).extracting(KubeObject::name).containsExactly("a", "b");
  }

  @Test
  void aRepositoryPathIsRelativeToTheDirectoryHoldingGit() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Path overlay = Files.createDirectories(dir.resolve("manifests/ledger/overlays/prd"));

    assertThat(RepositoryPath.of(overlay.resolve("../prd/.")))
        .isEqualTo("manifests/ledger/overlays/prd");
    assertThat(new InputSource.Kustomization(overlay).recorded())
        .isEqualTo("-k manifests/ledger/overlays/prd");
  }
}
