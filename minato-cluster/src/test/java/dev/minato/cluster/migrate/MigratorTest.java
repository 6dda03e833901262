package dev.minato.cluster.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterIdentity;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.sandbox.Emulator;
import dev.minato.cluster.testing.Sandbox;
import dev.minato.manifest.migration.MigrationPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MigratorTest {

  static final String DUPLICATE_OK_WEB = "Deployment/shop/web";
  static final String DOWNTIME_OK_ETL = "Deployment/shop/etl";
  static final String DOWNTIME_OK_REPORT = "CronJob/shop/nightly-report";
  static final String NAMESPACE_POLICY_NOTIFIER = "Deployment/ops/notifier";
  static final String PLANTED = "planted-s3cret-value";
  static final List<String> SCOPE = List.of("shop", "ops");

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
        "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\n"
            + "stringData: {password: "
            + PLANTED
            + "}\n");
    // Outside the plan's namespaces, on both clusters: a migration must never touch them.
    for (Sandbox side : List.of(source, target)) {
      side.create("apiVersion: v1\nkind: Namespace\nmetadata: {name: bystander}\n");
      side.create(
          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: keep, namespace: bystander}\n"
              + "data: {a: b}\n");
      side.create(deployment("other", "bystander", 1, "downtime-ok"));
    }
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

  Emulator restartedTarget;

  @AfterEach
  void stop() {
    source.close();
    target.close();
    if (restartedTarget != null) {
      restartedTarget.close();
    }
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
        SCOPE,
        defaultPolicy);
  }

  static ClusterSide side(String name, Sandbox sandbox) throws ClusterException {
    return new ClusterSide(
        name,
        new ClusterIdentity(
            sandbox.emulator.url() + "/", Optional.of(sandbox.emulator.clusterUid())),
        new LiveObjects(sandbox.client),
        ResourceCatalog.discover(sandbox.client));
  }

  Migrator.Outcome run(Optional<Phase> until) throws ClusterException {
    return run(until, true, line -> {});
  }

  Migrator.Outcome run(Optional<Phase> until, boolean remove, Consumer<String> hook)
      throws ClusterException {
    return new Migrator(side("source", source), side("target", target))
        .run(
            plan(Optional.empty()),
            new MigrationOptions(
                remove, until, Duration.ofSeconds(10), Optional.empty(), stateHome()),
            line -> {
              progress.add(line);
              hook.accept(line);
            });
  }

  Path stateHome() {
    return dir.resolve("state-home");
  }

  /** Nothing outside the plan's namespaces changed on either cluster, not even a no-op write. */
  void assertNothingElseChanged(ClusterSnapshot sourceBefore, ClusterSnapshot targetBefore) {
    Predicate<String> migrated =
        key ->
            key.contains(" shop/")
                || key.contains(" ops/")
                || key.equals("v1 Namespace shop")
                || key.equals("v1 Namespace ops");
    assertThat(ClusterSnapshot.of(source.client).outside(migrated))
        .isEqualTo(sourceBefore.outside(migrated));
    assertThat(ClusterSnapshot.of(target.client).outside(migrated))
        .isEqualTo(targetBefore.outside(migrated));
  }

  /** Throws, as if minato were killed, at the first progress line that starts with {@code at}. */
  static Consumer<String> killAt(String phase, String at) {
    AtomicBoolean inPhase = new AtomicBoolean();
    return line -> {
      if (line.startsWith("phase ")) {
        inPhase.set(line.startsWith("phase " + phase) && !line.endsWith("verified"));
      }
      if (inPhase.get() && line.startsWith(at)) {
        throw new Killed(line);
      }
    };
  }

  static final class Killed extends RuntimeException {
    Killed(String line) {
      super("killed at: " + line);
    }
  }

  /** A progress hook that restarts the target at the first line {@code when} accepts. */
  Consumer<String> restartTargetAt(Predicate<String> when) {
    return line -> {
      if (restartedTarget == null && when.test(line)) {
        restartTarget();
      }
    };
  }

  /** Restarts the target on its port with its UID: the same cluster, with its storage lost. */
  void restartTarget() {
    int port = target.emulator.port();
    String uid = target.emulator.clusterUid();
    target.emulator.close();
    restartedTarget = Emulator.start(port, uid);
    timeline.restarted("target", restartedTarget);
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

  /** The run completed the migration, honouring every policy, with every object in place. */
  void assertCompleted(Migrator.Outcome outcome) {
    assertThat(outcome.complete()).isTrue();
    assertPolicyInvariants();
    assertMigrated();
  }

  void assertMigrated() {
    assertThat(deployment(target, "shop", "web").getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment(target, "shop", "etl").getSpec().getReplicas()).isEqualTo(2);
    assertThat(report(target).getSpec().getSuspend()).isNotEqualTo(Boolean.TRUE);
    assertThat(target.client.apps().deployments().inNamespace("ops").withName("notifier").get())
        .isNotNull();
    assertThat(target.client.configMaps().inNamespace("shop").withName("web").get()).isNotNull();
    assertThat(source.client.apps().deployments().inNamespace("shop").list().getItems()).isEmpty();
    assertThat(source.client.apps().deployments().inNamespace("ops").list().getItems()).isEmpty();
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
    ClusterSnapshot targetBefore = ClusterSnapshot.of(target.client);
    assertThat(plan(Optional.empty()).unlabeled()).containsExactly("Deployment/shop/stray");
    assertThatThrownBy(() -> run(Optional.empty()))
        .hasMessageContaining("Deployment/shop/stray: no minato.dev/migration-policy label");
    assertThat(ClusterSnapshot.of(target.client)).isEqualTo(targetBefore);
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
  void stopCountsOnlyThePodsOfTheWholeSelectorMatchExpressionsIncluded() throws Exception {
    source.create(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: worker, namespace: shop, labels: {minato.dev/migration-policy: downtime-ok}}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: worker}
            matchExpressions: [{key: track, operator: Exists}]
          template:
            metadata: {labels: {app: worker, track: stable}}
            spec: {containers: [{name: main, image: "worker:1"}]}
        """);
    // Another controller's pod: app=worker but no track label, so not the Deployment's.
    source.create(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: worker-canary
          namespace: shop
          labels: {app: worker}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: canary, uid: "1"}]
        spec: {containers: [{name: main, image: "worker:2"}]}
        status: {phase: Running}
        """);

    Migrator.Outcome outcome = run(Optional.of(Phase.STOP));

    assertThat(outcome.ranNow()).contains(Phase.STOP);
    assertThat(deployment(source, "shop", "worker").getSpec().getReplicas()).isZero();
  }

  @Test
  void downtimeOkWorkloadsAreStoppedOnTheSourceBeforeTheTargetHasThem() throws Exception {
    run(Optional.of(Phase.STOP));
    assertThat(deployment(source, "shop", "etl").getSpec().getReplicas()).isZero();
    assertThat(report(source).getSpec().getSuspend()).isTrue();
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

  @ParameterizedTest
  @CsvSource({
    "copy, '  created on target'",
    "stop, '  stopped on source'",
    "create, '  created on target'",
    "remove, '  removed from source'"
  })
  void aRunKilledInsideAPhaseResumesToCompletion(String phase, String at) throws Exception {
    ClusterSnapshot sourceBefore = ClusterSnapshot.of(source.client);
    ClusterSnapshot targetBefore = ClusterSnapshot.of(target.client);
    assertThatThrownBy(() -> run(Optional.empty(), true, killAt(phase, at)))
        .isInstanceOf(Killed.class);
    assertCompleted(run(Optional.empty()));
    assertNothingElseChanged(sourceBefore, targetBefore);
  }

  @Test
  void theStopKeepsTheReplicaCountOnTheSourceObjectSoAResumeCreatesIt() throws Exception {
    run(Optional.of(Phase.STOP));
    assertThat(deployment(source, "shop", "etl").getMetadata().getAnnotations())
        .containsEntry(StopMark.ANNOTATION, "2");
    run(Optional.empty());
    assertThat(deployment(target, "shop", "etl").getMetadata().getAnnotations())
        .as("the mark stays on the source")
        .doesNotContainKey(StopMark.ANNOTATION);
    assertMigrated();
  }

  @Test
  void aTargetRestartedInsideTheCopyLosingItsCopiesIsCopiedAgainOnResume() throws Exception {
    ClusterSnapshot sourceBefore = ClusterSnapshot.of(source.client);
    assertThatThrownBy(
            () ->
                run(
                    Optional.empty(),
                    true,
                    restartTargetAt(line -> line.startsWith("  created on target  ConfigMap"))))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("re-run");
    assertThat(restartedTarget).isNotNull();
    assertThat(ClusterSnapshot.of(source.client)).isEqualTo(sourceBefore);

    assertCompleted(run(Optional.empty()));
  }

  @Test
  void aTargetThatLostVerifiedCopiesIsRepairedButNothingIsRemovedInThatRun() throws Exception {
    assertThatThrownBy(
            () -> run(Optional.empty(), true, restartTargetAt(line -> line.equals("phase create"))))
        .isInstanceOf(ClusterException.class);
    ClusterSnapshot sourceBefore = ClusterSnapshot.of(source.client);

    assertThatThrownBy(() -> run(Optional.empty()))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("nothing was deleted from the source")
        .hasMessageContaining("ConfigMap/shop/web");
    assertThat(ClusterSnapshot.of(source.client))
        .as("the source is untouched: the stop was done before, nothing removed")
        .isEqualTo(sourceBefore);
    assertThat(target.client.configMaps().inNamespace("shop").withName("web").get())
        .as("copied again")
        .isNotNull();

    assertCompleted(run(Optional.empty()));
  }

  @Test
  void aSourceWorkloadReappliedAfterAStopAtUntilIsStoppedAgainOnResume() throws Exception {
    ClusterSnapshot sourceAtStart = ClusterSnapshot.of(source.client);
    ClusterSnapshot targetAtStart = ClusterSnapshot.of(target.client);
    run(Optional.of(Phase.STOP));
    source.create(deployment("etl", "shop", 2, "downtime-ok"));
    assertThat(etlOnSource().getSpec().getReplicas()).as("re-applied").isEqualTo(2);

    Migrator.Outcome resumed = run(Optional.empty());

    assertThat(resumed.complete()).isTrue();
    assertThat(resumed.ranNow()).contains(Phase.STOP);
    assertPolicyInvariants();
    assertMigrated();
    assertNothingElseChanged(sourceAtStart, targetAtStart);
  }

  @Test
  void aSourceWorkloadReappliedJustBeforeCreateIsStoppedAgainBeforeTheTargetHasIt()
      throws Exception {
    ClusterSnapshot sourceAtStart = ClusterSnapshot.of(source.client);
    ClusterSnapshot targetAtStart = ClusterSnapshot.of(target.client);
    run(Optional.of(Phase.STOP));
    AtomicBoolean reapplied = new AtomicBoolean();
    Migrator.Outcome resumed =
        run(
            Optional.empty(),
            true,
            line -> {
              if (line.equals("phase create") && !reapplied.getAndSet(true)) {
                source.create(deployment("etl", "shop", 2, "downtime-ok"));
              }
            });
    assertThat(reapplied).isTrue();
    assertThat(resumed.complete()).isTrue();
    assertThat(progress)
        .contains("  runs on the source again, stopping it first  Deployment/shop/etl");
    assertPolicyInvariants();
    assertMigrated();
    assertNothingElseChanged(sourceAtStart, targetAtStart);
  }

  io.fabric8.kubernetes.api.model.apps.Deployment etlOnSource() {
    return deployment(source, "shop", "etl");
  }

  static io.fabric8.kubernetes.api.model.apps.Deployment deployment(
      Sandbox side, String namespace, String name) {
    return side.client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  static io.fabric8.kubernetes.api.model.batch.v1.CronJob report(Sandbox side) {
    return side.client.batch().v1().cronjobs().inNamespace("shop").withName("nightly-report").get();
  }

  @Test
  void removeAfterTheTargetLostObjectsDeletesNothingFromTheSource() throws Exception {
    ClusterSnapshot sourceAtStart = ClusterSnapshot.of(source.client);
    ClusterSnapshot targetAtStart = ClusterSnapshot.of(target.client);
    run(Optional.empty(), false, line -> {});
    target.client.configMaps().inNamespace("shop").withName("web").delete();
    target.client.apps().deployments().inNamespace("shop").withName("etl").delete();
    ClusterSnapshot sourceBefore = ClusterSnapshot.of(source.client);

    assertThatThrownBy(() -> run(Optional.empty()))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("nothing was deleted from the source")
        .hasMessageContaining("ConfigMap/shop/web")
        .hasMessageContaining("Deployment/shop/etl");
    assertThat(ClusterSnapshot.of(source.client)).isEqualTo(sourceBefore);
    assertThat(timeline.everActiveInBoth(DOWNTIME_OK_ETL)).isFalse();

    assertThat(run(Optional.empty()).complete()).isTrue();
    assertMigrated();
    assertNothingElseChanged(sourceAtStart, targetAtStart);
  }

  @Test
  void aFinishedMigrationNeverSwallowsANewPlan() throws Exception {
    ClusterSnapshot sourceAtStart = ClusterSnapshot.of(source.client);
    ClusterSnapshot targetAtStart = ClusterSnapshot.of(target.client);
    Migrator.Outcome first = run(Optional.empty(), false, line -> {});
    assertThat(first.complete()).isTrue();
    source.create(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: added-later, namespace: shop}\n"
            + "data: {x: y}\n");

    Migrator.Outcome second = run(Optional.empty(), false, line -> {});
    assertThat(second.state().file()).isNotEqualTo(first.state().file());
    assertThat(second.ranNow()).contains(Phase.COPY);
    assertThat(target.client.configMaps().inNamespace("shop").withName("added-later").get())
        .isNotNull();
    assertThat(deployment(target, "shop", "etl").getSpec().getReplicas())
        .as("the second plan reads the stopped source, and still creates what ran before")
        .isEqualTo(2);
    assertThat(timeline.everActiveInBoth(DOWNTIME_OK_ETL)).isFalse();
    assertNothingElseChanged(sourceAtStart, targetAtStart);
  }

  @Test
  void anUnfinishedMigrationIsContinuedWithWhatTheSourceHoldsNow() throws Exception {
    Migrator.Outcome first = run(Optional.of(Phase.COPY), false, line -> {});
    source.create(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: added-later, namespace: shop}\n"
            + "data: {x: y}\n");

    Migrator.Outcome second = run(Optional.empty(), false, line -> {});

    assertThat(progress).anyMatch(line -> line.startsWith("continuing the unfinished migration"));
    assertThat(first.state().file()).doesNotExist();
    assertThat(second.state().file()).exists();
    assertThat(target.client.configMaps().inNamespace("shop").withName("added-later").get())
        .isNotNull();
    assertThat(deployment(target, "shop", "etl").getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void aRepeatedRunOfAFinishedPlanVerifiesAndChangesNothing() throws Exception {
    run(Optional.empty(), false, line -> {});
    ClusterSnapshot sourceBefore = ClusterSnapshot.of(source.client);
    ClusterSnapshot targetBefore = ClusterSnapshot.of(target.client);
    Migrator.Outcome again = run(Optional.empty(), false, line -> {});
    assertThat(again.complete()).isTrue();
    assertThat(again.ranNow()).isEmpty();
    assertThat(ClusterSnapshot.of(source.client)).isEqualTo(sourceBefore);
    assertThat(ClusterSnapshot.of(target.client)).isEqualTo(targetBefore);
  }

  @Test
  void theStateHoldsReferencesAndHashesNeverContentAndIsOwnerOnly() throws Exception {
    run(Optional.of(Phase.CREATE));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(stateHome())) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).hasSize(1);
    Path state = files.get(0);
    String text = Files.readString(state);
    String base64 =
        java.util.Base64.getEncoder()
            .encodeToString(PLANTED.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(text).doesNotContain(PLANTED, base64, "app:1", "data", "spec");
    assertThat(text).contains("v1 Secret shop/db supporting");
    assertThat(Files.getPosixFilePermissions(state))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(state.getParent()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(state.getParent().getFileName().toString())
        .isEqualTo(source.emulator.clusterUid() + "--" + target.emulator.clusterUid());
  }

  @Test
  void oneClusterUnderTwoNamesIsRefusedBeforeAnythingIsRead() throws Exception {
    ClusterSnapshot before = ClusterSnapshot.of(source.client);
    ClusterSide alias =
        new ClusterSide(
            "alias",
            new ClusterIdentity(
                "http://localhost:" + source.emulator.port() + "/",
                Optional.of(source.emulator.clusterUid())),
            new LiveObjects(source.client),
            ResourceCatalog.discover(source.client));
    assertThatThrownBy(
            () ->
                new Migrator(side("source", source), alias)
                    .run(
                        plan(Optional.empty()),
                        new MigrationOptions(
                            true,
                            Optional.empty(),
                            Duration.ofSeconds(5),
                            Optional.empty(),
                            stateHome()),
                        progress::add))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("are the same cluster")
        .satisfies(
            e ->
                assertThat(((ClusterException) e).reason())
                    .isEqualTo(ClusterException.Reason.INVALID_INPUT));
    assertThat(ClusterSnapshot.of(source.client)).isEqualTo(before);
    assertThat(stateHome()).doesNotExist();
  }

  @Test
  void aClusterWhoseIdentityCannotBeReadIsRefusedSayingWhy() throws Exception {
    ClusterSide unproven =
        new ClusterSide(
            "target",
            new ClusterIdentity(target.emulator.url() + "/", Optional.empty()),
            new LiveObjects(target.client),
            ResourceCatalog.discover(target.client));
    assertThatThrownBy(() -> Migrator.requireTwoClusters(side("source", source), unproven))
        .hasMessageContaining("cannot prove which cluster target is")
        .hasMessageContaining("kube-system is not readable");
  }

  @Test
  void theTimelineDetectsAWorkloadActiveInBothClusters() {
    target.create(deployment("etl", "shop", 2, "downtime-ok"));
    assertThat(timeline.everActiveInBoth(DOWNTIME_OK_ETL)).isTrue();
  }

  @Test
  void aStateFileOfAnotherPairOfClustersIsRefusedNamingThem() throws Exception {
    Path file = dir.resolve("state.json");
    new Migrator(side("source", source), side("target", target))
        .run(
            plan(Optional.empty()),
            new MigrationOptions(
                false,
                Optional.of(Phase.COPY),
                Duration.ofSeconds(5),
                Optional.of(file),
                stateHome()),
            progress::add);
    Migrator swapped = new Migrator(side("target", target), side("source", source));
    assertThatThrownBy(
            () ->
                swapped.run(
                    plan(Optional.empty()),
                    new MigrationOptions(
                        false,
                        Optional.empty(),
                        Duration.ofSeconds(5),
                        Optional.of(file),
                        stateHome()),
                    progress::add))
        .hasMessageContaining("records a migration from " + source.emulator.url())
        .hasMessageContaining(target.emulator.clusterUid())
        .hasMessageContaining("use another --state file");
  }
}
