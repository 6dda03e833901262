package dev.minato.cluster.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.testing.Fixtures;
import dev.minato.cluster.testing.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MigratorTest {

  static final String DUPLICATE_OK_WEB = "Deployment/shop/web";
  static final String DOWNTIME_OK_ETL = "Deployment/shop/etl";
  static final String DOWNTIME_OK_REPORT = "CronJob/shop/nightly-report";
  static final String NAMESPACE_POLICY_NOTIFIER = "Deployment/ops/notifier";

  @TempDir Path dir;
  Sandbox source;
  Sandbox target;
  Timeline timeline = new Timeline();
  List<String> progress = new ArrayList<>();

  @BeforeEach
  void start() {
    source = Sandbox.start(dir, "source");
    target = Sandbox.start(dir, "target");
    // Watch from the start, so the timeline knows every state each cluster was ever in.
    timeline.watch("source", source.emulator);
    timeline.watch("target", target.emulator);
    source.create("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
    source.create(
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: ops, labels: {minato.dev/migration-policy: downtime-ok}}\n");
    source.create(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web, namespace: shop}\ndata: {a: b}\n");
    source.create(
        "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n");
    source.create(deployment("web", "shop", 3, "duplicate-ok"));
    source.create(deployment("etl", "shop", 2, "downtime-ok"));
    source.create(deployment("notifier", "ops", 1, null));
    source.create(
        """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly-report, namespace: shop, labels: {minato.dev/migration-policy: downtime-ok}}
        spec:
          schedule: "0 3 * * *"
          jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: r, image: "report:1"}]}}}}
        """);
  }

  @AfterEach
  void stop() {
    source.close();
    target.close();
  }

  static String deployment(String name, String namespace, int replicas, String policy) {
    String labels =
        policy == null
            ? "{app: " + name + "}"
            : "{app: " + name + ", minato.dev/migration-policy: " + policy + "}";
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: %s, labels: %s}
        spec:
          replicas: %d
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec: {containers: [{name: main, image: "app:1"}]}
        """
        .formatted(name, namespace, labels, replicas, name, name);
  }

  MigrationPlan plan(Optional<MigrationPolicy> defaultPolicy) throws ClusterException {
    return MigrationPlan.of(
        new LiveObjects(source.client),
        ResourceCatalog.discover(source.client),
        List.of(),
        defaultPolicy);
  }

  Migrator.Outcome run(Optional<Phase> until) throws ClusterException {
    Migrator migrator =
        new Migrator(
            new ClusterSide(
                "source", new LiveObjects(source.client), ResourceCatalog.discover(source.client)),
            new ClusterSide(
                "target", new LiveObjects(target.client), ResourceCatalog.discover(target.client)));
    return migrator.run(
        plan(Optional.empty()),
        new MigrationOptions(true, until, Duration.ofSeconds(10), dir.resolve("state.json")),
        progress::add);
  }

  void assertPolicyInvariants() {
    assertThat(timeline.of(DOWNTIME_OK_ETL))
        .extracting(Timeline.Moment::cluster)
        .as("the timeline saw the workload in both clusters")
        .contains("source", "target");
    for (String key : List.of(DOWNTIME_OK_ETL, DOWNTIME_OK_REPORT, NAMESPACE_POLICY_NOTIFIER)) {
      assertThat(timeline.everActiveInBoth(key))
          .as(key + " active in both: " + timeline.of(key))
          .isFalse();
    }
    assertThat(timeline.firstReadyOnTarget(DUPLICATE_OK_WEB))
        .as("web ready on target before the first removal from source")
        .isLessThan(timeline.firstRemovalFromSource());
  }

  void assertMigrated() {
    assertThat(
            target
                .client
                .apps()
                .deployments()
                .inNamespace("shop")
                .withName("web")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(3);
    assertThat(
            target
                .client
                .apps()
                .deployments()
                .inNamespace("shop")
                .withName("etl")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(2);
    assertThat(
            target
                .client
                .batch()
                .v1()
                .cronjobs()
                .inNamespace("shop")
                .withName("nightly-report")
                .get()
                .getSpec()
                .getSuspend())
        .isNotEqualTo(Boolean.TRUE);
    assertThat(target.client.apps().deployments().inNamespace("ops").withName("notifier").get())
        .isNotNull();
    assertThat(target.client.configMaps().inNamespace("shop").withName("web").get()).isNotNull();
    assertThat(source.client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
    assertThat(source.client.namespaces().withName("shop").get()).isNotNull();
  }

  @Test
  void planClassifiesByLabelAndNamespaceLabel() throws Exception {
    MigrationPlan plan = plan(Optional.empty());
    assertThat(plan.runnable()).isTrue();
    assertThat(plan.with(MigrationPolicy.DUPLICATE_OK))
        .extracting(i -> i.key().toString())
        .containsExactly(DUPLICATE_OK_WEB);
    assertThat(plan.with(MigrationPolicy.DOWNTIME_OK))
        .extracting(i -> i.key().toString())
        .containsExactlyInAnyOrder(DOWNTIME_OK_ETL, DOWNTIME_OK_REPORT, NAMESPACE_POLICY_NOTIFIER);
    assertThat(plan.supporting())
        .extracting(i -> i.key().kind())
        .contains("Namespace", "ConfigMap", "Service");
  }

  @Test
  void workloadsWithoutAPolicyStopThePlanUnlessADefaultIsGiven() throws Exception {
    source.create(deployment("stray", "shop", 1, null));
    assertThat(plan(Optional.empty()).unlabeled()).containsExactly("Deployment/shop/stray");
    assertThatThrownBy(() -> run(Optional.empty()))
        .hasMessageContaining("Deployment/shop/stray: no minato.dev/migration-policy label");
    assertThat(Fixtures.userNamespaces(target.client)).isEmpty();
    assertThat(plan(Optional.of(MigrationPolicy.DOWNTIME_OK)).runnable()).isTrue();
  }

  @Test
  void migratesHonouringEveryPolicy() throws Exception {
    Migrator.Outcome outcome = run(Optional.empty());
    assertThat(outcome.complete()).isTrue();
    assertThat(outcome.ranNow())
        .containsExactly(Phase.COPY, Phase.STOP, Phase.CREATE, Phase.REMOVE);
    assertPolicyInvariants();
    assertMigrated();
  }

  @Test
  void downtimeOkWorkloadsAreStoppedOnTheSourceBeforeTheTargetHasThem() throws Exception {
    run(Optional.of(Phase.STOP));
    assertThat(
            source
                .client
                .apps()
                .deployments()
                .inNamespace("shop")
                .withName("etl")
                .get()
                .getSpec()
                .getReplicas())
        .isZero();
    assertThat(
            source
                .client
                .batch()
                .v1()
                .cronjobs()
                .inNamespace("shop")
                .withName("nightly-report")
                .get()
                .getSpec()
                .getSuspend())
        .isTrue();
    assertThat(target.client.apps().deployments().inNamespace("shop").withName("etl").get())
        .isNull();
    assertThat(target.client.apps().deployments().inNamespace("shop").withName("web").get())
        .isNotNull();
  }

  @ParameterizedTest
  @EnumSource(
      value = Phase.class,
      names = {"COPY", "STOP", "CREATE"})
  void aRunInterruptedAfterAPhaseResumesWithTheNext(Phase interruptedAfter) throws Exception {
    Migrator.Outcome first = run(Optional.of(interruptedAfter));
    assertThat(first.complete()).isFalse();
    Migrator.Outcome resumed = run(Optional.empty());
    assertThat(resumed.complete()).isTrue();
    assertThat(resumed.ranNow()).first().isEqualTo(Phase.values()[interruptedAfter.ordinal() + 1]);
    assertThat(progress).anyMatch(line -> line.startsWith("resuming"));
    assertPolicyInvariants();
    assertMigrated();
  }

  @Test
  void aRunInterruptedInsideTheStopPhaseRepeatsItSafely() throws Exception {
    run(Optional.of(Phase.COPY));
    // As if the previous run died after stopping one workload of the phase, before saving.
    source
        .client
        .resource(
            Sandbox.resource(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: etl, namespace: shop}\n"
                    + "spec: {replicas: 0}\n"))
        .fieldManager(SourceStop.STOP_MANAGER)
        .forceConflicts()
        .serverSideApply();
    assertThat(
            source
                .client
                .apps()
                .deployments()
                .inNamespace("shop")
                .withName("etl")
                .get()
                .getSpec()
                .getTemplate())
        .isNotNull();
    Migrator.Outcome resumed = run(Optional.empty());
    assertThat(resumed.ranNow()).containsExactly(Phase.STOP, Phase.CREATE, Phase.REMOVE);
    assertPolicyInvariants();
    assertMigrated();
  }

  @Test
  void theTimelineDetectsAWorkloadActiveInBothClusters() {
    target.create(deployment("etl", "shop", 2, "downtime-ok"));
    assertThat(timeline.everActiveInBoth(DOWNTIME_OK_ETL)).isTrue();
  }

  @Test
  void aStateFileOfAnotherPairOfClustersIsRefused() throws Exception {
    run(Optional.of(Phase.COPY));
    Migrator swapped =
        new Migrator(
            new ClusterSide(
                "target", new LiveObjects(target.client), ResourceCatalog.discover(target.client)),
            new ClusterSide(
                "source", new LiveObjects(source.client), ResourceCatalog.discover(source.client)));
    assertThatThrownBy(
            () ->
                swapped.run(
                    plan(Optional.empty()),
                    new MigrationOptions(
                        false, Optional.empty(), Duration.ofSeconds(5), dir.resolve("state.json")),
                    progress::add))
        .hasMessageContaining("use another --state file");
  }
}
