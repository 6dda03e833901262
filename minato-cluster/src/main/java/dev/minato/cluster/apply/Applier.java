package dev.minato.cluster.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.apply.ApplyPlan.Planned;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterIdentity;
import dev.minato.cluster.connect.ClusterSession;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.ApiFailure;
import dev.minato.cluster.objects.CrdEstablishment;
import dev.minato.cluster.objects.DependencyOrder;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.objects.Readiness;
import dev.minato.cluster.objects.ServerFields;
import dev.minato.cluster.objects.Subset;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.diff.ObjectDiff;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Applies a set of objects with server-side apply (field manager {@code minato}), in dependency
 * order, records what it created in an {@link Inventory}, prunes what left the input, and waits for
 * rollouts. Every object is checked against discovery before anything is written, so invalid input
 * changes nothing.
 */
public final class Applier {

  private static final Duration CRD_TIMEOUT = Duration.ofSeconds(60);

  private final LiveObjects live;
  private final ResourceCatalog catalog;
  private final ClusterIdentity identity;

  /**
   * {@code identity}: the cluster {@code live} reaches, recorded in and checked against
   * inventories.
   */
  public Applier(LiveObjects live, ResourceCatalog catalog, ClusterIdentity identity) {
    this.live = live;
    this.catalog = catalog;
    this.identity = identity;
  }

  /** An applier for an open session. */
  public static Applier of(ClusterSession session) throws ClusterException {
    return new Applier(session.live(), session.catalog(), session.identity());
  }

  /**
   * Plans and applies: {@link #plan} then {@link #apply(ApplyPlan, Consumer)}, for callers that
   * need not show the plan first.
   */
  public ApplyReport apply(
      List<KubeObject> objects, ApplyOptions options, Consumer<String> progress)
      throws ClusterException {
    return apply(plan(objects, options), progress);
  }

  /**
   * Works out what an apply will do by reading the cluster, and proves it may: every kind is
   * served, {@code -n} overrides no namespace an object names, the inventory was written in this
   * cluster for this input, and no object to create, configure or prune is claimed by another
   * inventory, app or environment. Writes nothing; a failed proof is invalid input.
   */
  public ApplyPlan plan(List<KubeObject> objects, ApplyOptions options) throws ClusterException {
    try {
      return new ApplyPlanner(live, catalog, identity).plan(objects, options);
    } catch (KubernetesClientException e) {
      throw ApiFailure.of(e);
    }
  }

  /** Carries out a plan: applies in dependency order, records, prunes, waits. */
  public ApplyReport apply(ApplyPlan plan, Consumer<String> progress) throws ClusterException {
    try {
      return applyChecked(plan, progress);
    } catch (KubernetesClientException e) {
      throw ApiFailure.of(e);
    }
  }

  private ApplyReport applyChecked(ApplyPlan plan, Consumer<String> progress)
      throws ClusterException {
    ApplyOptions options = plan.options();
    ResourceType configMaps = ApplyPlanner.required(catalog, "v1", "ConfigMap");
    Inventory inventory = plan.inventory();
    SortedSet<Inventory.Entry> recorded = plan.recorded().entries();
    SortedSet<Inventory.Entry> creating = new TreeSet<>(recorded);
    for (Planned planned : plan.objects()) {
      if (plan.before().get(planned.key()).isEmpty()) {
        creating.add(Inventory.Entry.of(planned.tree()));
      }
    }

    List<ObjectResult> results = new ArrayList<>();
    StringBuilder diff = new StringBuilder();
    Set<ObjectKey> created = new HashSet<>();
    List<ObjectNode> rollouts = new ArrayList<>();
    boolean inventorySaved = options.storesNothing();
    boolean crdsReady = false;
    for (Planned planned : plan.objects()) {
      if (!inventorySaved && DependencyOrder.rank(planned.key()) > 0) {
        // Record what is about to be created before creating it (namespaces aside, since the
        // inventory may live in one), so an interrupted apply leaves nothing untracked.
        inventory.save(
            live, configMaps, Inventory.Record.fresh(identity, options.input(), creating));
        inventorySaved = true;
      }
      ResourceType type = planned.type();
      if (type == null && !options.storesNothing() && !crdsReady) {
        awaitCrds(plan.objects());
        crdsReady = true;
      }
      if (type == null) {
        type =
            catalog
                .find(planned.tree().path("apiVersion").asText(), planned.key().kind())
                .orElse(null);
      }
      ObjectResult result;
      if (type == null) {
        result =
            options.storesNothing()
                ? new ObjectResult(
                    planned.key(),
                    Outcome.CREATED,
                    "not checked: its CustomResourceDefinition is created by this apply")
                : new ObjectResult(
                    planned.key(), Outcome.FAILED, "the server does not serve this kind");
      } else if (options.dryRun() == DryRun.CLIENT && !options.diff()) {
        result = compareLocally(planned, plan.before().get(planned.key()), inventory);
      } else {
        result = applyOne(planned, type, plan.before().get(planned.key()), options, diff, rollouts);
      }
      if (result.outcome() == Outcome.CREATED) {
        created.add(planned.key());
      }
      results.add(result);
      progress.accept(line(result, options));
    }

    SortedSet<Inventory.Entry> kept = new TreeSet<>();
    for (Inventory.Entry entry : creating) {
      boolean wasRecorded = recorded.contains(entry);
      if (wasRecorded || created.contains(entry.key())) {
        kept.add(entry);
      }
    }
    if (options.prune()) {
      for (ObjectResult skipped : plan.kept()) {
        // Gone, handed over, or of a kind no longer served: nothing left to record.
        kept.removeIf(e -> e.key().equals(skipped.key()));
        results.add(skipped);
        progress.accept(line(skipped, options));
      }
      Map<Inventory.Entry, ObjectResult> pruned = new LinkedHashMap<>();
      if (options.dryRun() == DryRun.CLIENT && !options.diff()) {
        plan.deletions().forEach(e -> pruned.put(e, ObjectResult.of(e.key(), Outcome.PRUNED)));
      } else {
        pruned.putAll(new Pruner(live, catalog).prune(plan.deletions(), inventory, options));
      }
      for (Map.Entry<Inventory.Entry, ObjectResult> outcome : pruned.entrySet()) {
        Inventory.Entry entry = outcome.getKey();
        ObjectResult result = outcome.getValue();
        if (result.outcome() == Outcome.PRUNED || result.outcome() == Outcome.SKIPPED) {
          kept.remove(entry);
        }
        if (result.outcome() == Outcome.PRUNED && options.diff()) {
          diff.append(ObjectDiff.deleted(entry.key().toString(), "deleted by --prune").render());
        }
        results.add(result);
        progress.accept(line(result, options));
      }
    }
    if (!options.storesNothing()) {
      inventory.save(live, configMaps, Inventory.Record.fresh(identity, options.input(), kept));
    }
    List<String> notReady =
        options.rolloutTimeout().isPresent() && !options.storesNothing()
            ? new RolloutWait(live, catalog)
                .await(rollouts, options.rolloutTimeout().get(), progress)
            : List.of();
    return new ApplyReport(results, diff.toString(), notReady);
  }

  /**
   * {@code --dry-run=client}: nothing is sent, so the change is judged by whether the live object
   * already holds every field the input sets.
   */
  private static ObjectResult compareLocally(
      Planned planned, Optional<ObjectNode> current, Inventory inventory) {
    if (current.isEmpty()) {
      return ObjectResult.of(planned.key(), Outcome.CREATED);
    }
    boolean same = Subset.contains(current.get(), planned.tree());
    String note =
        inventory.owns(current.get())
            ? ""
            : "existed before minato applied it: prune will never delete it";
    return new ObjectResult(planned.key(), same ? Outcome.UNCHANGED : Outcome.CONFIGURED, note);
  }

  private ObjectResult applyOne(
      Planned planned,
      ResourceType type,
      Optional<ObjectNode> current,
      ApplyOptions options,
      StringBuilder diff,
      List<ObjectNode> rollouts) {
    ObjectNode result;
    try {
      result = live.apply(type, planned.tree(), options.storesNothing());
    } catch (KubernetesClientException e) {
      return new ObjectResult(planned.key(), Outcome.FAILED, serverMessage(e));
    }
    ObjectNode after = ServerFields.strip(result);
    ObjectNode was = current.map(ServerFields::strip).orElse(null);
    // Content, not resourceVersion: a dry run answers with the old resourceVersion even when
    // the object would change.
    boolean same = after.equals(was);
    if (options.diff()) {
      String name = planned.key().toString();
      diff.append(
          (was == null ? ObjectDiff.created(name) : ObjectDiff.changed(name, was, after)).render());
    }
    if (Readiness.hasRollout(planned.key().kind())) {
      rollouts.add(result);
    }
    if (current.isEmpty()) {
      return ObjectResult.of(planned.key(), Outcome.CREATED);
    }
    String note =
        options.inventory().owns(current.get())
            ? ""
            : "existed before minato applied it: prune will never delete it";
    return new ObjectResult(planned.key(), same ? Outcome.UNCHANGED : Outcome.CONFIGURED, note);
  }

  private void awaitCrds(List<Planned> plan) throws ClusterException {
    ResourceType crds =
        ApplyPlanner.required(catalog, "apiextensions.k8s.io/v1", "CustomResourceDefinition");
    for (Planned planned : plan) {
      if (planned.key().kind().equals("CustomResourceDefinition")) {
        CrdEstablishment.await(live, crds, planned.key().name(), CRD_TIMEOUT);
      }
    }
    catalog.refresh();
  }

  private static String line(ObjectResult result, ApplyOptions options) {
    String word =
        result.outcome().word()
            + (options.storesNothing() && result.outcome() != Outcome.FAILED ? " (dry run)" : "");
    return String.format(
        "%-20s %s%s",
        word, result.key(), result.note().isEmpty() ? "" : "  (" + result.note() + ")");
  }

  static String serverMessage(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }
}
