package dev.minato.cli.cluster;

import dev.minato.cluster.migrate.MigrationItem;
import dev.minato.cluster.migrate.MigrationPlan;
import dev.minato.manifest.migration.MigrationPolicy;
import java.io.PrintWriter;
import java.util.List;

/** Prints a migration plan phase by phase, the way a person checks it before saying yes. */
final class MigrationPlanText {

  private MigrationPlanText() {}

  static void print(MigrationPlan plan, String from, String to, boolean remove, PrintWriter out) {
    out.println("Migration plan: " + from + " -> " + to);
    List<MigrationItem> duplicate = plan.with(MigrationPolicy.DUPLICATE_OK);
    List<MigrationItem> downtime = plan.with(MigrationPolicy.DOWNTIME_OK);
    out.println(
        "  1. copy       "
            + plan.supporting().size()
            + " supporting objects and "
            + duplicate.size()
            + " duplicate-ok resources to the target; wait until ready there");
    duplicate.forEach(i -> out.println("       duplicate-ok  " + i.key()));
    out.println(
        "  2. stop       "
            + downtime.size()
            + " downtime-ok resources on the source; wait until no pod of them runs");
    downtime.forEach(i -> out.println("       " + stopAction(i) + "  " + i.key()));
    out.println("  3. create     the downtime-ok resources on the target; wait until ready there");
    if (remove) {
      long removed =
          plan.items().stream()
              .filter(
                  i ->
                      !i.key().kind().equals("Namespace")
                          && !i.key().kind().equals("CustomResourceDefinition"))
              .count();
      out.println(
          "  4. remove     "
              + removed
              + " migrated objects from the source (Namespaces and CRDs stay)");
    } else {
      out.println(
          "  4. remove     not requested (--remove-from-source): the source keeps its objects");
    }
    if (!plan.runnable()) {
      out.println("Blocked: these resources have no usable " + MigrationPolicy.KEY + ":");
      plan.unlabeled()
          .forEach(k -> out.println("  " + k + "  (label it, or pass --default-policy)"));
      plan.invalid().forEach(k -> out.println("  " + k));
    }
    out.flush();
  }

  private static String stopAction(MigrationItem item) {
    return switch (item.key().kind()) {
      case "Deployment", "StatefulSet", "ReplicaSet" -> "scale to 0 ";
      case "CronJob" -> "suspend    ";
      case "DaemonSet" -> "unschedule ";
      case "Job" -> "wait done  ";
      default -> "nothing runs";
    };
  }
}
