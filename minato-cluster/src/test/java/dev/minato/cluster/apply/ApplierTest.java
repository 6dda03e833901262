package dev.minato.cluster.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.testing.Fixtures;
import dev.minato.cluster.testing.Sandbox;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.input.InputSource;
import dev.minato.manifest.input.Kustomize;
import dev.minato.manifest.input.ManifestReader;
import dev.minato.manifest.input.Manifests;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplierTest {

  static final String WEB =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: nginx:1.27}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      spec: {selector: {app: web}, ports: [{port: 80}]}
      """;

  static final String SECRET =
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: db, namespace: shop}
      stringData: {password: hunter2}
      """;

  @TempDir Path dir;
  Sandbox sandbox;
  Applier applier;
  List<String> progress = new ArrayList<>();

  ClusterSession session;

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.start(dir, "emu");
    session = ClusterSession.open(sandbox.target);
    applier = Applier.of(session);
  }

  @AfterEach
  void stop() {
    session.close();
    sandbox.close();
  }

  List<KubeObject> manifests(String... files) throws Exception {
    Path input = Files.createDirectories(dir.resolve("input-" + System.nanoTime()));
    for (int i = 0; i < files.length; i++) {
      Files.writeString(input.resolve("file" + i + ".yaml"), files[i]);
    }
    return read(new InputSource.Files(input));
  }

  static List<KubeObject> read(InputSource source) throws Exception {
    Manifests manifests =
        new ManifestReader(
                ManifestReader.Mode.STRICT, new Kustomize("kubectl"), InputStream::nullInputStream)
            .read(List.of(source));
    assertThat(manifests.errors()).isEmpty();
    return manifests.objects();
  }

  static ApplyOptions options() {
    return ApplyOptions.into(new Inventory("shop", "default"));
  }

  static ApplyOptions dryRun() {
    return options().withDryRun(DryRun.SERVER);
  }

  static ApplyOptions diff() {
    return options().withDiff();
  }

  static ApplyOptions prune() {
    return options().withPrune();
  }

  @Test
  void createsInDependencyOrderThenReportsUnchanged() throws Exception {
    ApplyReport first = applier.apply(manifests(WEB), options(), progress::add);
    assertThat(first.results())
        .extracting(r -> r.key().kind() + ":" + r.outcome())
        .containsExactly("Namespace:CREATED", "Service:CREATED", "Deployment:CREATED");
    ApplyReport second = applier.apply(manifests(WEB), options(), progress::add);
    assertThat(second.count(Outcome.UNCHANGED)).isEqualTo(3);
  }

  @Test
  void reportsConfiguredWhenAFieldChanges() throws Exception {
    applier.apply(manifests(WEB), options(), progress::add);
    ApplyReport changed =
        applier.apply(
            manifests(WEB.replace("replicas: 2", "replicas: 5")), options(), progress::add);
    assertThat(changed.results())
        .filteredOn(r -> r.key().kind().equals("Deployment"))
        .extracting(ObjectResult::outcome)
        .containsExactly(Outcome.CONFIGURED);
    assertThat(
            sandbox
                .client
                .apps()
                .deployments()
                .inNamespace("shop")
                .withName("web")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(5);
  }

  @Test
  void dryRunReportsCreationButStoresNothing() throws Exception {
    ApplyReport report = applier.apply(manifests(WEB), dryRun(), progress::add);
    assertThat(report.count(Outcome.CREATED)).isEqualTo(3);
    assertThat(sandbox.client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
    assertThat(sandbox.client.configMaps().inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void dryRunReportsAChangeAsConfigured() throws Exception {
    applier.apply(manifests(WEB), options(), progress::add);
    ApplyReport report =
        applier.apply(
            manifests(WEB.replace("replicas: 2", "replicas: 7")), dryRun(), progress::add);
    assertThat(report.results())
        .extracting(r -> r.key().kind() + ":" + r.outcome())
        .containsExactly("Namespace:UNCHANGED", "Service:UNCHANGED", "Deployment:CONFIGURED");
  }

  @Test
  void diffShowsTheChangedFieldAndStoresNothing() throws Exception {
    applier.apply(manifests(WEB), options(), progress::add);
    ApplyReport report =
        applier.apply(manifests(WEB.replace("replicas: 2", "replicas: 4")), diff(), progress::add);
    assertThat(report.diff()).isEqualTo("~ Deployment/shop/web\n    ~ spec.replicas: 2 → 4\n");
    assertThat(
            sandbox
                .client
                .apps()
                .deployments()
                .inNamespace("shop")
                .withName("web")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(2);
  }

  @Test
  void diffMasksSecretValues() throws Exception {
    applier.apply(manifests(SECRET), options(), progress::add);
    ApplyReport report =
        applier.apply(manifests(SECRET.replace("hunter2", "swordfish")), diff(), progress::add);
    assertThat(report.diff())
        .isEqualTo("~ Secret/shop/db\n    ~ stringData.password: *** (before) → *** (after)\n")
        .doesNotContain("hunter2")
        .doesNotContain("swordfish");
  }

  @Test
  void diffOfAnUnchangedSecretReportsItUnchanged() throws Exception {
    applier.apply(manifests(SECRET), options(), progress::add);
    ApplyReport report = applier.apply(manifests(SECRET), diff(), progress::add);
    assertThat(report.results())
        .extracting(ObjectResult::outcome)
        .containsExactly(Outcome.UNCHANGED);
    assertThat(report.diff()).isEmpty();
  }

  @Test
  void diffWithPruneShowsWhatWouldBeDeletedAndDeletesNothing() throws Exception {
    applier.apply(manifests(WEB, SECRET), options(), progress::add);
    ApplyOptions diffAndPrune = options().withDiff().withPrune();
    ApplyReport report = applier.apply(manifests(WEB), diffAndPrune, progress::add);
    assertThat(report.diff()).isEqualTo("- Secret/shop/db (deleted by --prune)\n");
    assertThat(sandbox.client.secrets().inNamespace("shop").withName("db").get()).isNotNull();
  }

  @Test
  void pruneDeletesWhatMinatoCreatedAndLeftTheInput() throws Exception {
    applier.apply(manifests(WEB, SECRET), options(), progress::add);
    ApplyReport report = applier.apply(manifests(WEB), prune(), progress::add);
    assertThat(report.results())
        .filteredOn(r -> r.outcome() == Outcome.PRUNED)
        .extracting(r -> r.key().toString())
        .containsExactly("Secret/shop/db");
    assertThat(sandbox.client.secrets().inNamespace("shop").withName("db").get()).isNull();
  }

  @Test
  void pruneNeverDeletesAnObjectMinatoDidNotCreate() throws Exception {
    sandbox.create(SECRET.replace("hunter2", "made-by-hand"));
    applier.apply(manifests(WEB, SECRET), options(), progress::add);
    ApplyReport report = applier.apply(manifests(WEB), prune(), progress::add);
    assertThat(report.count(Outcome.PRUNED)).isZero();
    assertThat(sandbox.client.secrets().inNamespace("shop").withName("db").get()).isNotNull();
  }

  @Test
  void rejectsAMistypedKindWithASuggestionAndChangesNothing() throws Exception {
    List<KubeObject> input = manifests(WEB.replace("kind: Deployment", "kind: Deploymnet"));
    assertThatThrownBy(() -> applier.apply(input, options(), progress::add))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining(
            ":6:7: kind 'Deploymnet' is not served in apps/v1, did you mean 'Deployment'?");
    assertThat(Fixtures.userNamespaces(sandbox.client)).isEmpty();
  }

  @Test
  void appliesACustomResourceWhoseDefinitionIsInTheInput() throws Exception {
    String crd =
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
          versions: [{name: v1, served: true, storage: true}]
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: gear, namespace: shop}
        spec: {teeth: 12}
        """;
    ApplyReport report = applier.apply(manifests(crd), options(), progress::add);
    assertThat(report.results())
        .extracting(r -> r.key().kind() + ":" + r.outcome())
        .containsExactly("CustomResourceDefinition:CREATED", "Widget:CREATED");
  }

  @Test
  void waitsUntilDeploymentsAreReady() throws Exception {
    ApplyOptions wait = options().withRolloutTimeout(Duration.ofSeconds(5));
    ApplyReport report = applier.apply(manifests(WEB), wait, progress::add);
    assertThat(report.notReady()).isEmpty();
    assertThat(progress).contains("ready      Deployment/shop/web");
  }
}
