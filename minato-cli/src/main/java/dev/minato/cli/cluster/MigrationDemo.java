package dev.minato.cli.cluster;

import dev.minato.cli.ExitCodes;
import dev.minato.cluster.apply.Applier;
import dev.minato.cluster.apply.ApplyOptions;
import dev.minato.cluster.apply.Inventory;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.connect.ClusterTarget;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.migrate.ClusterSide;
import dev.minato.cluster.migrate.MigrationOptions;
import dev.minato.cluster.migrate.MigrationPlan;
import dev.minato.cluster.migrate.Migrator;
import dev.minato.cluster.sandbox.Emulator;
import dev.minato.manifest.Document;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.YamlReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The migration walk-through of {@code minato demo}: two API emulators (clearly not clusters), a
 * shop applied to the first, then a migration to the second that honours each workload's policy,
 * printing the plan, every step, and where each workload runs at the end.
 */
public final class MigrationDemo {

  static final String SHOP =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: web-settings, namespace: shop}
      data: {greeting: hello}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        labels: {app: web, minato.dev/migration-policy: duplicate-ok}
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: web, image: "nginx:1.27"}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      spec: {selector: {app: web}, ports: [{port: 80}]}
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: nightly-invoices
        namespace: shop
        labels: {minato.dev/migration-policy: downtime-ok}
      spec:
        schedule: "0 2 * * *"
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: Never
                containers: [{name: invoices, image: "shop/invoices:4"}]
      """;

  private MigrationDemo() {}

  /** Runs the walk-through; returns an exit code. */
  public static int run(PrintWriter out) {
    Path scratch = null;
    try (Emulator old = Emulator.start(0);
        Emulator fresh = Emulator.start(0)) {
      scratch = Files.createTempDirectory("minato-migration-demo-");
      old.writeKubeconfig(scratch.resolve("old.kubeconfig"), "old");
      fresh.writeKubeconfig(scratch.resolve("new.kubeconfig"), "new");
      out.println(
          "Migration walk-through on two API EMULATORS (not clusters: nothing runs in them)");
      out.println("  old: " + old.url() + "    new: " + fresh.url());
      try (ClusterSession source =
              ClusterSession.open(ClusterTarget.of(scratch.resolve("old.kubeconfig"), "old"));
          ClusterSession target =
              ClusterSession.open(ClusterTarget.of(scratch.resolve("new.kubeconfig"), "new"))) {
        out.println();
        out.println("1. minato apply (to old): the shop");
        Applier.of(source)
            .apply(
                objects(),
                ApplyOptions.into(new Inventory("shop", "default")),
                line -> out.println("   " + line));
        out.println();
        out.println("2. minato migrate plan --from old --to new --remove-from-source");
        MigrationPlan plan =
            MigrationPlan.of(source.live(), source.catalog(), List.of("shop"), Optional.empty());
        MigrationPlanText.print(plan, "old", "new", true, out);
        out.println();
        out.println("3. minato migrate run --from old --to new --remove-from-source --yes");
        new Migrator(ClusterSide.of("old", source), ClusterSide.of("new", target))
            .run(
                plan,
                new MigrationOptions(
                    true,
                    Optional.empty(),
                    Duration.ofSeconds(30),
                    Optional.of(scratch.resolve("state.json")),
                    scratch),
                line -> out.println("   " + line));
        out.println();
        out.println("4. Where the workloads are now");
        describe("old", source, out);
        describe("new", target, out);
        out.println();
        out.println("web (duplicate-ok) was ready on new before anything left old;");
        out.println(
            "nightly-invoices (downtime-ok) was suspended on old before it existed on new.");
        out.flush();
        return ExitCodes.OK;
      }
    } catch (ClusterException e) {
      out.println("minato: " + e.getMessage());
      out.flush();
      return ExitCodes.ENVIRONMENT;
    } catch (IOException e) {
      out.println("minato: " + e.getMessage());
      out.flush();
      return ExitCodes.ENVIRONMENT;
    } finally {
      deleteQuietly(scratch);
    }
  }

  private static List<KubeObject> objects() throws ClusterException {
    List<KubeObject> objects = new ArrayList<>();
    try {
      for (Document document : YamlReader.read("demo/shop.yaml", SHOP)) {
        KubeObject.of(document).ifPresent(objects::add);
      }
    } catch (ManifestException e) {
      throw ClusterException.invalidInput(e.getMessage());
    }
    return objects;
  }

  private static void describe(String name, ClusterSession session, PrintWriter out) {
    ResourceType deployments = session.catalog().find("apps/v1", "Deployment").orElseThrow();
    ResourceType cronJobs = session.catalog().find("batch/v1", "CronJob").orElseThrow();
    String web =
        session
            .live()
            .get(deployments, "shop", "web")
            .map(
                d ->
                    "Deployment web with "
                        + d.path("status").path("readyReplicas").asInt(0)
                        + " ready replicas")
            .orElse("no Deployment web");
    String invoices =
        session
            .live()
            .get(cronJobs, "shop", "nightly-invoices")
            .map(
                c ->
                    "CronJob nightly-invoices "
                        + (c.path("spec").path("suspend").asBoolean(false)
                            ? "suspended"
                            : "scheduled"))
            .orElse("no CronJob nightly-invoices");
    out.println("   " + name + ": " + web + "; " + invoices);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // a leftover directory in the system temp dir is harmless
    }
  }
}
