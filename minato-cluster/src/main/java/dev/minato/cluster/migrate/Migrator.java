package dev.minato.cluster.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.ApiFailure;
import dev.minato.cluster.objects.CrdEstablishment;
import dev.minato.cluster.objects.DependencyOrder;
import dev.minato.cluster.objects.Pause;
import dev.minato.cluster.objects.Readiness;
import dev.minato.manifest.ObjectKey;
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
 * target. Progress is saved after every verified phase, so a run interrupted anywhere resumes where
 * it stopped; every phase is idempotent, so repeating a half-done one is safe.
 */
public final class Migrator {

  private static final Duration CRD_TIMEOUT = Duration.ofSeconds(60);

  private final ClusterSide source;
  private final ClusterSide target;

  public Migrator(ClusterSide source, ClusterSide target) {
    this.source = source;
    this.target = target;
  }

  /** What a run did: the phases done now and in earlier runs, and whether it is complete. */
  public record Outcome(List<Phase> ranNow, MigrationState state, boolean complete) {}

  /**
   * Runs the phases not yet completed. {@code plan} is used only when there is no state file; the
   * plan must then be runnable.
   */
  public Outcome run(MigrationPlan plan, MigrationOptions options, Consumer<String> progress)
      throws ClusterException {
    try {
      return runChecked(plan, options, progress);
    } catch (KubernetesClientException e) {
      throw ApiFailure.of(e);
    }
  }

  private Outcome runChecked(
      MigrationPlan plan, MigrationOptions options, Consumer<String> progress)
      throws ClusterException {
    Optional<MigrationState> saved =
        MigrationState.load(options.stateFile(), source.name(), target.name());
    MigrationState state;
    if (saved.isPresent()) {
      state = saved.get();
      progress.accept("resuming " + options.stateFile() + " (completed: " + words(state) + ")");
    } else {
      if (!plan.runnable()) {
        throw ClusterException.invalidInput("the plan cannot run: " + blockers(plan));
      }
      state =
          new MigrationState(
              source.name(), target.name(), plan.items(), java.util.EnumSet.noneOf(Phase.class));
      state.save(options.stateFile()); // the plan as it was before anything changed
    }
    List<Phase> ranNow = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      if (phase == Phase.REMOVE && !options.removeFromSource()) {
        break;
      }
      if (!state.done(phase)) {
        progress.accept("phase " + phase.word());
        runPhase(phase, state.items(), options.timeout(), progress);
        state.complete(phase);
        state.save(options.stateFile());
        ranNow.add(phase);
        progress.accept("phase " + phase.word() + " verified");
      }
      if (options.until().isPresent() && options.until().get() == phase) {
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
                        + MigrationPolicy.LABEL
                        + " label (label it, or pass --default-policy)"));
    plan.invalid().forEach(text::add);
    return text.toString();
  }

  private static String words(MigrationState state) {
    StringJoiner joiner = new StringJoiner(", ");
    state.completed().forEach(p -> joiner.add(p.word()));
    return joiner.length() == 0 ? "none" : joiner.toString();
  }

  private void runPhase(
      Phase phase, List<MigrationItem> items, Duration timeout, Consumer<String> progress)
      throws ClusterException {
    switch (phase) {
      case COPY -> {
        List<MigrationItem> copied =
            items.stream().filter(i -> !i.is(MigrationPolicy.DOWNTIME_OK)).toList();
        create(copied, progress);
        awaitReady(
            items.stream().filter(i -> i.is(MigrationPolicy.DUPLICATE_OK)).toList(),
            timeout,
            progress);
      }
      case STOP -> {
        List<MigrationItem> stopped =
            items.stream().filter(i -> i.is(MigrationPolicy.DOWNTIME_OK)).toList();
        SourceStop stop = new SourceStop(source);
        for (MigrationItem item : stopped) {
          stop.stop(item, progress);
        }
        stop.awaitStopped(stopped, timeout);
      }
      case CREATE -> {
        List<MigrationItem> created =
            items.stream().filter(i -> i.is(MigrationPolicy.DOWNTIME_OK)).toList();
        create(created, progress);
        awaitReady(created, timeout, progress);
      }
      case REMOVE -> remove(items, timeout, progress);
    }
  }

  private void create(List<MigrationItem> items, Consumer<String> progress)
      throws ClusterException {
    boolean crdsAwaited = false;
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
      try {
        target.live().apply(type.get(), item.object(), false);
        progress.accept("  created on target  " + key);
      } catch (KubernetesClientException e) {
        failures.add(key + ": " + e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw ClusterException.failed(
          "objects could not be created on the target:\n  " + String.join("\n  ", failures));
    }
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

  private void awaitReady(List<MigrationItem> items, Duration timeout, Consumer<String> progress)
      throws ClusterException {
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
   * Deletes the migrated objects from the source, last created first. Namespaces and CRDs stay:
   * deleting them would also delete what was not migrated (objects outside the plan, custom
   * resources of other namespaces).
   */
  private void remove(List<MigrationItem> items, Duration timeout, Consumer<String> progress)
      throws ClusterException {
    List<MigrationItem> removed =
        items.stream()
            .filter(
                i ->
                    !i.key().kind().equals("Namespace")
                        && !i.key().kind().equals("CustomResourceDefinition"))
            .sorted(Comparator.comparing(MigrationItem::key, DependencyOrder.CREATION).reversed())
            .toList();
    for (MigrationItem item : removed) {
      ResourceType type = typeOn(source, item);
      if (source.live().delete(type, item.key().namespace(), item.key().name(), false)) {
        progress.accept("  removed from source  " + item.key());
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (MigrationItem item : removed) {
      ResourceType type = typeOn(source, item);
      while (source.live().get(type, item.key().namespace(), item.key().name()).isPresent()) {
        if (System.nanoTime() > deadline) {
          throw ClusterException.failed("still on the source after " + timeout + ": " + item.key());
        }
        Pause.briefly();
      }
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
