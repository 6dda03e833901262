package dev.minato.cli.cluster;

import static dev.minato.cli.cluster.ApplyJourneyTest.app;
import static dev.minato.cli.cluster.ApplyJourneyTest.changed;
import static dev.minato.cli.cluster.ApplyJourneyTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.Snapshots;
import dev.minato.cluster.sandbox.Emulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain, once, as a team walks it: {@code generate} → {@code check} → {@code apply} with
 * prune → an edited spec, {@code apply --diff}, apply → {@code backup} and {@code check} of it →
 * {@code migrate plan} and an interrupted {@code migrate run} resumed, into a second cluster →
 * {@code drift} there. Each command is fed what the one before wrote, a natural mistake is made at
 * each step, and full backups of both clusters show that nothing outside the intent changed: the
 * neighbour app in the same namespace is never touched, and the source keeps everything except what
 * the migration policy says (its downtime-ok CronJob is suspended).
 */
class SpecToSecondClusterJourneyTest {

  /** A nightly job that must never run in two clusters at once: migrate stops it first. */
  static final String REPORTS =
      """
      apiVersion: minato.dev/v1
      kind: App
      metadata:
        name: reports
        team: shop
      spec:
        image: registry.example.com/shop/reports:3.0.1
        resources: {cpu: 100m, memory: 128Mi}
        jobs:
          - name: nightly
            schedule: "0 3 * * *"
            command: ["report", "--yesterday"]
      environments:
        prd: {namespace: shop}
      """;

  @TempDir Path dir;
  Path repo;
  Emulator old;
  Emulator next;
  Path oldConfig;
  Path newConfig;
  Path strict;
  int snapshots;

  @BeforeEach
  void start() throws IOException {
    repo = Files.createDirectories(dir.resolve("repo"));
    Files.createDirectories(repo.resolve(".git"));
    write("specs/storefront/minato.yaml", spec("storefront", true));
    write("specs/ledger/minato.yaml", spec("ledger", true));
    write("specs/reports/minato.yaml", REPORTS);
    write("platform/namespaces.yaml", ApplyJourneyTest.NAMESPACES);
    strict = write(".minato/check.yaml", "profile: strict\n");
    old = Emulator.start(0);
    next = Emulator.start(0);
    oldConfig = dir.resolve("old.kubeconfig");
    newConfig = dir.resolve("new.kubeconfig");
    old.writeKubeconfig(oldConfig, "old");
    next.writeKubeconfig(newConfig, "new");
  }

  @AfterEach
  void stop() {
    old.close();
    next.close();
  }

  @Test
  void fromSpecsToASecondClusterEachOutputFeedsTheNextCommand() throws IOException {
    // generate, then check what it wrote; a mistyped path is an error, never a pass.
    generate();
    CliRun typo = check(repo.resolve("manifest"));
    assertThat(typo.exitCode()).as(typo.out() + typo.err()).isEqualTo(2);
    assertThat(typo.out() + typo.err()).contains("no such file or directory");
    noFindings(check(repo.resolve("manifests")));

    // apply: the platform's namespaces, the neighbour app, then storefront and reports with prune.
    ok(
        onOld(
            "apply",
            "-f",
            path("platform"),
            "--inventory",
            "platform",
            "--inventory-namespace",
            "default"));
    ok(onOld("apply", "-k", overlay("ledger")));
    Map<String, String> beforeStorefront = snapshot(oldConfig, "old");
    CliRun wrongContext =
        CliRun.of(
            "apply",
            "-k",
            overlay("storefront"),
            "--prune",
            "--yes",
            "--kubeconfig",
            oldConfig.toString(),
            "--context",
            "olld");
    assertThat(wrongContext.exitCode()).as(wrongContext.err()).isEqualTo(2);
    assertThat(wrongContext.err()).contains("olld");
    assertThat(changed(beforeStorefront, snapshot(oldConfig, "old"))).isEmpty();
    onlyChanged(
        app("shop", "storefront"), "apply", "-k", overlay("storefront"), "--prune", "--yes");
    onlyChanged(app("shop", "reports"), "apply", "-k", overlay("reports"), "--prune", "--yes");
    Map<String, String> beforeAgain = snapshot(oldConfig, "old");
    CliRun again = ok(onOld("apply", "-k", overlay("storefront"), "--prune", "--yes"));
    assertThat(again.out()).contains("0 created, 0 configured").contains("nothing to delete");
    assertThat(changed(beforeAgain, snapshot(oldConfig, "old"))).isEmpty();

    // A new release that no longer autoscales: the diff says so and changes nothing; the apply
    // changes storefront only, its HPA pruned.
    write("specs/storefront/minato.yaml", spec("storefront", false).replace(":1.4.2", ":1.5.0"));
    generate();
    Map<String, String> beforeDiff = snapshot(oldConfig, "old");
    CliRun diff = onOld("apply", "-k", overlay("storefront"), "--diff", "--prune");
    assertThat(diff.exitCode()).as(diff.out() + diff.err()).isEqualTo(1);
    assertThat(diff.out())
        .contains("storefront:1.4.2 → registry.example.com/shop/storefront:1.5.0")
        .contains("- HorizontalPodAutoscaler/shop/storefront (deleted by --prune)");
    assertThat(changed(beforeDiff, snapshot(oldConfig, "old"))).isEmpty();
    SortedSet<String> released =
        onlyChanged(
            app("shop", "storefront"), "apply", "-k", overlay("storefront"), "--prune", "--yes");
    assertThat(released)
        .contains(
            "shop/Deployment.apps/storefront.yaml",
            "shop/HorizontalPodAutoscaler.autoscaling/storefront.yaml");

    // backup, and the backup passes check like the manifests it came from.
    Path backup = dir.resolve("backups/old");
    ok(onOld("backup", "-o", backup.toString()));
    noFindings(check(backup));

    // migrate: a mistyped target, the same cluster twice, a run without --yes, then a plan and a
    // run stopped after its first phase and resumed.
    Map<String, String> sourceBefore = snapshot(oldConfig, "old");
    Map<String, String> targetBefore = snapshot(newConfig, "new");
    CliRun noSuchTarget = migrate("plan", "--to", "nwe");
    assertThat(noSuchTarget.exitCode()).as(noSuchTarget.err()).isEqualTo(2);
    assertThat(noSuchTarget.err()).contains("nwe");
    Path alias = dir.resolve("alias.kubeconfig");
    Files.writeString(alias, old.kubeconfig("new"));
    CliRun sameCluster =
        CliRun.of(
            "migrate",
            "plan",
            "--from",
            "old",
            "--from-kubeconfig",
            oldConfig.toString(),
            "--to",
            "new",
            "--to-kubeconfig",
            alias.toString());
    assertThat(sameCluster.exitCode()).as(sameCluster.err()).isEqualTo(2);
    assertThat(sameCluster.err()).contains("same cluster");
    CliRun plan = migrate("plan");
    assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
    assertThat(plan.out())
        .contains("duplicate-ok  Deployment/shop/storefront")
        .contains("duplicate-ok  Deployment/shop/ledger")
        .contains("CronJob/shop/reports-nightly")
        .doesNotContain("label it");
    assertThat(changed(sourceBefore, snapshot(oldConfig, "old"))).isEmpty();
    assertThat(changed(targetBefore, snapshot(newConfig, "new"))).isEmpty();
    CliRun unconfirmed = migrate("run", "--state-dir", state());
    assertThat(unconfirmed.exitCode()).as(unconfirmed.err()).isEqualTo(1);
    assertThat(unconfirmed.err()).contains("--yes");
    assertThat(changed(sourceBefore, snapshot(oldConfig, "old"))).isEmpty();
    assertThat(changed(targetBefore, snapshot(newConfig, "new"))).isEmpty();
    CliRun interrupted = migrate("run", "--yes", "--until", "copy", "--state-dir", state());
    assertThat(interrupted.exitCode()).as(interrupted.err()).isZero();
    assertThat(interrupted.out()).contains("Stopped after phase copy");
    // Copying touches only the target: the source is as it was, the CronJob still scheduled.
    assertThat(changed(sourceBefore, snapshot(oldConfig, "old"))).isEmpty();
    CliRun resumed = migrate("run", "--yes", "--state-dir", state());
    assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
    assertThat(resumed.out()).contains("resuming").contains("Migration complete");

    // The source changed only as the policy says: its downtime-ok CronJob is suspended.
    Map<String, String> sourceAfter = snapshot(oldConfig, "old");
    assertThat(changed(sourceBefore, sourceAfter))
        .containsExactly("shop/CronJob.batch/reports-nightly.yaml");
    assertThat(sourceAfter.get("shop/CronJob.batch/reports-nightly.yaml"))
        .contains("suspend: true");

    // drift on the target: the repository, and the backup taken before the move, are what runs.
    CliRun drift =
        onNew(
            "drift",
            "-k",
            overlay("storefront"),
            "-k",
            overlay("ledger"),
            "-k",
            overlay("reports"));
    assertThat(drift.exitCode()).as(drift.out() + drift.err()).isZero();
    assertThat(drift.out()).contains("No drift");
    CliRun backupDrift = onNew("drift", "--backup", backup.toString());
    assertThat(backupDrift.exitCode()).as(backupDrift.out() + backupDrift.err()).isZero();

    // Applying to the target as if it were the old cluster is refused: its inventory was copied.
    Map<String, String> targetAfter = snapshot(newConfig, "new");
    CliRun moved = onNew("apply", "-k", overlay("storefront"), "--prune", "--yes");
    assertThat(moved.exitCode()).as(moved.out() + moved.err()).isEqualTo(2);
    assertThat(moved.err()).contains("was written in another cluster");
    assertThat(changed(targetAfter, snapshot(newConfig, "new"))).isEmpty();
  }

  Path write(String name, String text) throws IOException {
    Path file = repo.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  String path(String name) {
    return repo.resolve(name).toString();
  }

  String overlay(String app) {
    return path("manifests/" + app + "/overlays/prd");
  }

  String state() {
    return dir.resolve("state").toString();
  }

  void generate() {
    ok(CliRun.of("generate", "-f", path("specs"), "-o", path("manifests"), "-q"));
  }

  CliRun check(Path input) {
    return CliRun.of("check", input.toString(), "--fail-on", "info", "--config", strict.toString());
  }

  static void noFindings(CliRun run) {
    ok(run);
    assertThat(run.out()).contains("0 errors, 0 warnings, 0 info");
  }

  static CliRun ok(CliRun run) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    return run;
  }

  CliRun onOld(String... args) {
    return on(oldConfig, args);
  }

  CliRun onNew(String... args) {
    return on(newConfig, args);
  }

  static CliRun on(Path kubeconfig, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--kubeconfig", kubeconfig.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  /** {@code migrate SUBCOMMAND} from the old cluster to the new one; a later --to wins. */
  CliRun migrate(String... args) {
    List<String> all = new ArrayList<>(List.of("migrate"));
    all.addAll(List.of(args));
    if (!all.contains("--to")) {
      all.addAll(List.of("--to", "new"));
    }
    all.addAll(
        List.of(
            "--from",
            "old",
            "--from-kubeconfig",
            oldConfig.toString(),
            "--to-kubeconfig",
            newConfig.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  /**
   * Runs a command on the old cluster and asserts that only backup files {@code intent} names
   * changed.
   */
  SortedSet<String> onlyChanged(Predicate<String> intent, String... args) throws IOException {
    Map<String, String> before = snapshot(oldConfig, "old");
    CliRun run = ok(onOld(args));
    SortedSet<String> changed = changed(before, snapshot(oldConfig, "old"));
    assertThat(changed).as(run.out()).allMatch(intent);
    return changed;
  }

  /** Every file of a full backup of a cluster, by path (the index left out). */
  Map<String, String> snapshot(Path kubeconfig, String context) throws IOException {
    Path out = dir.resolve("snapshots/" + snapshots++);
    ok(
        CliRun.of(
            "backup",
            "-o",
            out.toString(),
            "--kubeconfig",
            kubeconfig.toString(),
            "--context",
            context));
    Map<String, String> files = Snapshots.files(out);
    files.remove("index.yaml");
    return files;
  }
}
