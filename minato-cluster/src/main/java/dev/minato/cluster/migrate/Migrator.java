package dev.minato.cluster.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterIdentity;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.ApiFailure;
import dev.minato.cluster.objects.CrdEstablishment;
import dev.minato.cluster.objects.DependencyOrder;
import dev.minato.cluster.objects.Pause;
import dev.minato.cluster.objects.Readiness;
import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.migration.MigrationPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Runs a migration phase by phase, honouring each resource's policy: duplicate-ok resources are
 * copied and ready on the target before anything leaves the source; downtime-ok workloads are
 * stopped on the source, verified stopped (no pod of them runs), and only then created on the
 * target.
 *
 * <p>Every run re-checks every phase against what both clusters hold now, whatever the state file
 * says: a phase verified before is verified again and repaired when the world changed since (the
 * target lost a copy, a stopped workload was re-applied on the source). The state file only tells
 * which phases and contents were verified before, so that a repair is recognised as one: a run that
 * had to repair the target deletes nothing from the source, and {@code remove} deletes a source
 * object only after reading that the target holds its content (and, for a workload, that it is
 * ready there).
 */
public final class Migrator {

  private static final Duration CRD_TIMEOUT = Duration.ofSeconds(60);

  private final ClusterSide source;
  private final ClusterSide target;

  public Migrator(ClusterSide source, ClusterSide target) {
    this.source = source;
    this.target = target;
  }

  /**
   * What a run did: the phases in which it changed a cluster (the others were verified as they
   * were), the state, and whether the migration is complete.
   */
  public record Outcome(List<Phase> ranNow, MigrationState state, boolean complete) {}

  /**
   * Refuses a migration that is not between two clusters proven distinct: the identity of each (the
   * {@code kube-system} UID) must be readable, and they must differ, whatever the context names or
   * URLs. Checked before anything is read or written.
   */
  public static void requireTwoClusters(ClusterSide source, ClusterSide target)
      throws ClusterException {
    for (ClusterSide side : List.of(source, target)) {
      if (side.identity().uid().isEmpty()) {
        throw ClusterException.invalidInput(
            "cannot prove which cluster "
                + side.name()
                + " is ("
                + side.identity().server()
                + "): the UID of its namespace "
                + ClusterIdentity.ANCHOR_NAMESPACE
                + " is not readable with these credentials; migrate needs it to tell the two"
                + " clusters apart. Allow 'get' on namespaces/"
                + ClusterIdentity.ANCHOR_NAMESPACE
                + " for this user.");
      }
    }
    if (source.identity().sameClusterAs(target.identity())) {
      throw ClusterException.invalidInput(
          "--from "
              + source.name()
              + " and --to "
              + target.name()
              + " are the same cluster ("
              + source.identity().describe()
              + "): a migration onto itself would remove what it copies. Nothing was changed.");
    }
  }

  /** Runs every phase (verifying again those verified before) on the plan made from the source. */
  public Outcome run(MigrationPlan plan, MigrationOptions options, Consumer<String> progress)
      throws ClusterException {
    requireTwoClusters(source, target);
    try {
      return runChecked(plan, options, progress);
    } catch (KubernetesClientException e) {
      throw ApiFailure.of(e);
    }
  }

  private Outcome runChecked(
      MigrationPlan plan, MigrationOptions options, Consumer<String> progress)
      throws ClusterException {
    if (!plan.runnable()) {
      throw ClusterException.invalidInput("the plan cannot run: " + blockers(plan));
    }
    MigrationState state =
        StateLocation.open(options, source.identity(), target.identity(), plan, progress);
    if (state.verifiedPhases().isEmpty()) {
      progress.accept("state: " + state.file());
    } else {
      progress.accept("resuming " + state.file() + " (verified before: " + words(state) + ")");
    }
    state.save();
    Run run = new Run(plan, state, options.timeout(), progress);
    List<Phase> ranNow = new ArrayList<>();
    Phase last = options.removeFromSource() ? Phase.REMOVE : Phase.CREATE;
    for (Phase phase : Phase.values()) {
      if (phase.compareTo(last) > 0) {
        break;
      }
      progress.accept(
          "phase " + phase.word() + (state.verified(phase) ? " (verified before: checking)" : ""));
      if (run.phase(phase)) {
        ranNow.add(phase);
      }
      state.verify(phase);
      state.save();
      progress.accept("phase " + phase.word() + " verified");
      if (phase != last && options.until().isPresent() && options.until().get() == phase) {
        return new Outcome(ranNow, state, false);
      }
    }
    return new Outcome(ranNow, state, true);
  }

  static String blockers(MigrationPlan plan) {
    StringJoiner text = new StringJoiner("\n  ", "\n  ", "");
    plan.unlabeled()
        .forEach(
            k ->
                text.add(
                    k
                        + ": no "
                        + MigrationPolicy.KEY
                        + " label (label it, or pass --default-policy)"));
    plan.invalid().forEach(text::add);
    return text.toString();
  }

  private static String words(MigrationState state) {
    StringJoiner joiner = new StringJoiner(", ");
    state.verifiedPhases().forEach(p -> joiner.add(p.word()));
    return joiner.length() == 0 ? "none" : joiner.toString();
  }

  /** One run's phases over one plan: what they repaired decides whether remove may delete. */
  private final class Run {

    private final MigrationPlan plan;
    private final MigrationState state;
    private final Duration timeout;
    private final Consumer<String> progress;
    private final List<String> repaired = new ArrayList<>();

    Run(MigrationPlan plan, MigrationState state, Duration timeout, Consumer<String> progress) {
      this.plan = plan;
      this.state = state;
      this.timeout = timeout;
      this.progress = progress;
    }

    /** Runs (or verifies again) one phase; answers whether it changed a cluster. */
    boolean phase(Phase phase) throws ClusterException {
      List<MigrationItem> downtime = plan.with(MigrationPolicy.DOWNTIME_OK);
      switch (phase) {
        case COPY -> {
          List<MigrationItem> copied =
              plan.items().stream().filter(i -> !i.is(MigrationPolicy.DOWNTIME_OK)).toList();
          boolean changed = onTarget(copied);
          awaitReady(plan.with(MigrationPolicy.DUPLICATE_OK));
          verifyHeld(copied);
          return changed;
        }
        case STOP -> {
          SourceStop stop = new SourceStop(source);
          boolean changed = false;
          for (MigrationItem item : downtime) {
            changed |= stop.stop(item, progress);
          }
          stop.awaitStopped(downtime, timeout);
          return changed;
        }
        case CREATE -> {
          // Read that none runs on the source right before starting them on the target.
          boolean stopped = new SourceStop(source).ensureStopped(downtime, timeout, progress);
          boolean changed = onTarget(downtime);
          awaitReady(downtime);
          verifyHeld(downtime);
          return stopped || changed;
        }
        case REMOVE -> {
          return remove();
        }
      }
      throw new IllegalStateException("unknown phase " + phase);
    }

    /**
     * Makes the target hold each item's content, applying only those it does not hold; a copy
     * verified before that the target lost (or that changed there) is a repair.
     */
    private boolean onTarget(List<MigrationItem> items) throws ClusterException {
      boolean crdsAwaited = false;
      boolean changed = false;
      List<String> failures = new ArrayList<>();
      for (MigrationItem item : items) {
        ObjectKey key = item.key();
        if (!crdsAwaited && DependencyOrder.rank(key) > 1) {
          awaitCrds(items);
          crdsAwaited = true;
        }
        Optional<ResourceType> type = target.catalog().find(item.apiVersion(), key.kind());
        if (type.isEmpty()) {
          failures.add(key + ": the target does not serve " + item.apiVersion() + " " + key.kind());
          continue;
        }
        Optional<ObjectNode> live = target.live().get(type.get(), key.namespace(), key.name());
        Optional<String> difference =
            live.isEmpty()
                ? Optional.of("missing")
                : ContentHash.firstDifference(live.get(), item.object())
                    .map(d -> "differs at " + d);
        if (difference.isEmpty()) {
          continue;
        }
        Optional<String> before = state.verifiedOnTarget(item);
        if (before.isPresent()
            && (live.isEmpty() || before.get().equals(ContentHash.of(item.object())))) {
          repaired.add(key + " (" + difference.get() + " on the target since it was verified)");
          progress.accept("  lost on target since verified, copying again  " + key);
        }
        try {
          target.live().apply(type.get(), item.object(), false);
          progress.accept("  created on target  " + key);
          changed = true;
        } catch (KubernetesClientException e) {
          failures.add(key + ": " + e.getMessage());
        }
      }
      if (!failures.isEmpty()) {
        throw ClusterException.failed(
            "objects could not be created on the target:\n  "
                + String.join("\n  ", failures)
                + "\nre-run to resume");
      }
      return changed;
    }

    /**
     * The phase's verification: reads each object back from the target (a target that restarted
     * meanwhile has lost some) and records the content it holds.
     */
    private void verifyHeld(List<MigrationItem> items) throws ClusterException {
      List<String> missing = new ArrayList<>();
      for (MigrationItem item : items) {
        held(item).ifPresent(why -> missing.add(item.key() + ": " + why));
      }
      if (!missing.isEmpty()) {
        throw ClusterException.failed(
            "the target does not hold what was just created:\n  "
                + String.join("\n  ", missing)
                + "\nre-run to resume");
      }
      items.forEach(item -> state.recordOnTarget(item, ContentHash.of(item.object())));
    }

    private void awaitCrds(List<MigrationItem> items) throws ClusterException {
      Optional<ResourceType> crds =
          target.catalog().find("apiextensions.k8s.io/v1", "CustomResourceDefinition");
      boolean any = false;
      for (MigrationItem item : items) {
        if (item.key().kind().equals("CustomResourceDefinition") && crds.isPresent()) {
          CrdEstablishment.await(target.live(), crds.get(), item.key().name(), CRD_TIMEOUT);
          any = true;
        }
      }
      if (any) {
        target.catalog().refresh();
      }
    }

    private void awaitReady(List<MigrationItem> items) throws ClusterException {
      long deadline = System.nanoTime() + timeout.toNanos();
      List<MigrationItem> pending = new ArrayList<>(items);
      while (true) {
        List<MigrationItem> still = new ArrayList<>();
        for (MigrationItem item : pending) {
          ResourceType type = typeOn(target, item);
          Optional<ObjectNode> live =
              target.live().get(type, item.key().namespace(), item.key().name());
          if (live.isEmpty() || !Readiness.isReady(live.get())) {
            still.add(item);
          } else if (Readiness.hasRollout(item.key().kind())) {
            progress.accept("  ready on target  " + item.key());
          }
        }
        pending = still;
        if (pending.isEmpty()) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw ClusterException.failed(
              "not ready on the target after "
                  + timeout
                  + ": "
                  + keys(pending)
                  + "; re-run to resume");
        }
        Pause.briefly();
      }
    }

    /**
     * Deletes the migrated objects from the source, last created first, each only after reading
     * that the target holds its content (ready, for a workload), and nothing at all when one fails
     * that or when this run had to repair the target. Namespaces and CRDs stay: deleting them would
     * also delete what was not migrated (objects outside the plan, custom resources of other
     * namespaces).
     */
    private boolean remove() throws ClusterException {
      if (!repaired.isEmpty()) {
        throw ClusterException.failed(
            "nothing was deleted from the source: the target had lost or changed what was"
                + " verified there before, and this run copied it again:\n  "
                + String.join("\n  ", repaired)
                + "\nCheck the target (who removed or changed it?), then re-run with"
                + " --remove-from-source.");
      }
      List<MigrationItem> removed =
          plan.items().stream()
              .filter(
                  i ->
                      !i.key().kind().equals("Namespace")
                          && !i.key().kind().equals("CustomResourceDefinition"))
              .sorted(Comparator.comparing(MigrationItem::key, DependencyOrder.CREATION).reversed())
              .toList();
      List<String> unproven = new ArrayList<>();
      for (MigrationItem item : removed) {
        held(item).ifPresent(why -> unproven.add(item.key() + ": " + why));
      }
      if (!unproven.isEmpty()) {
        throw ClusterException.failed(
            "nothing was deleted from the source: the target does not hold\n  "
                + String.join("\n  ", unproven)
                + "\nRe-run without --remove-from-source to copy them again, check the target,"
                + " then remove.");
      }
      state.startRemoving();
      state.save();
      boolean changed = false;
      for (MigrationItem item : removed) {
        ResourceType type = typeOn(source, item);
        if (source.live().delete(type, item.key().namespace(), item.key().name(), false)) {
          progress.accept("  removed from source  " + item.key());
          changed = true;
        }
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      for (MigrationItem item : removed) {
        ResourceType type = typeOn(source, item);
        while (source.live().get(type, item.key().namespace(), item.key().name()).isPresent()) {
          if (System.nanoTime() > deadline) {
            throw ClusterException.failed(
                "still on the source after " + timeout + ": " + item.key());
          }
          Pause.briefly();
        }
      }
      return changed;
    }

    /** Why the target does not hold {@code item} as migrated, or empty when it does. */
    private Optional<String> held(MigrationItem item) throws ClusterException {
      Optional<ResourceType> type = target.catalog().find(item.apiVersion(), item.key().kind());
      if (type.isEmpty()) {
        return Optional.of("the target does not serve " + item.apiVersion());
      }
      Optional<ObjectNode> live =
          target.live().get(type.get(), item.key().namespace(), item.key().name());
      if (live.isEmpty()) {
        return Optional.of("missing on the target");
      }
      String sent = ContentHash.of(item.object());
      if (!ContentHash.ofMigratedFields(live.get(), item.object()).equals(sent)) {
        return Optional.of(
            "differs on the target at "
                + ContentHash.firstDifference(live.get(), item.object()).orElse("/"));
      }
      if (Readiness.hasRollout(item.key().kind()) && !Readiness.isReady(live.get())) {
        return Optional.of("not ready on the target");
      }
      return Optional.empty();
    }
  }

  static ResourceType typeOn(ClusterSide side, MigrationItem item) throws ClusterException {
    return side.catalog()
        .find(item.apiVersion(), item.key().kind())
        .orElseThrow(
            () ->
                ClusterException.failed(
                    side.name()
                        + " does not serve "
                        + item.apiVersion()
                        + " "
                        + item.key().kind()));
  }

  static String keys(List<MigrationItem> items) {
    StringJoiner joiner = new StringJoiner(", ");
    items.forEach(i -> joiner.add(i.key().toString()));
    return joiner.toString();
  }
}
