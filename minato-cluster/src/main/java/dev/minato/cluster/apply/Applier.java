package dev.minato.cluster.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.ApiFailure;
import dev.minato.cluster.objects.CrdEstablishment;
import dev.minato.cluster.objects.DependencyOrder;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.objects.Readiness;
import dev.minato.cluster.objects.ServerFields;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.Suggestions;
import dev.minato.manifest.diff.ObjectDiff;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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

  public Applier(LiveObjects live, ResourceCatalog catalog) {
    this.live = live;
    this.catalog = catalog;
  }

  /** One input object, ready to send: its tree with namespace and label, and its type. */
  private record Planned(KubeObject source, ObjectNode tree, ObjectKey key, ResourceType type) {}

  public ApplyReport apply(
      List<KubeObject> objects, ApplyOptions options, Consumer<String> progress)
      throws ClusterException {
    try {
      return applyChecked(objects, options, progress);
    } catch (KubernetesClientException e) {
      throw ApiFailure.of(e);
    }
  }

  private ApplyReport applyChecked(
      List<KubeObject> objects, ApplyOptions options, Consumer<String> progress)
      throws ClusterException {
    List<Planned> plan = plan(objects, options);
    ResourceType configMaps = required("v1", "ConfigMap");
    Inventory inventory = new Inventory(options.inventory(), options.inventoryNamespace());
    SortedSet<Inventory.Entry> recorded = inventory.load(live, configMaps);
    Map<ObjectKey, Optional<ObjectNode>> before = new LinkedHashMap<>();
    SortedSet<Inventory.Entry> creating = new TreeSet<>(recorded);
    for (Planned planned : plan) {
      Optional<ObjectNode> current =
          planned.type() == null
              ? Optional.empty()
              : live.get(planned.type(), planned.key().namespace(), planned.key().name());
      before.put(planned.key(), current);
      if (current.isEmpty()) {
        creating.add(entryOf(planned.tree()));
      }
    }

    List<ObjectResult> results = new ArrayList<>();
    StringBuilder diff = new StringBuilder();
    Set<ObjectKey> created = new HashSet<>();
    List<ObjectNode> rollouts = new ArrayList<>();
    boolean inventorySaved = options.storesNothing();
    boolean crdsReady = false;
    for (Planned planned : plan) {
      if (!inventorySaved && DependencyOrder.rank(planned.key()) > 0) {
        // Record what is about to be created before creating it (namespaces aside, since the
        // inventory may live in one), so an interrupted apply leaves nothing untracked.
        inventory.save(live, configMaps, creating);
        inventorySaved = true;
      }
      ResourceType type = planned.type();
      if (type == null && !options.storesNothing() && !crdsReady) {
        awaitCrds(plan);
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
      } else {
        result = applyOne(planned, type, before.get(planned.key()), options, diff, rollouts);
      }
      if (result.outcome() == Outcome.CREATED) {
        created.add(planned.key());
      }
      results.add(result);
      progress.accept(line(result, options));
    }

    Set<ObjectKey> inputKeys = new HashSet<>();
    plan.forEach(p -> inputKeys.add(p.key()));
    SortedSet<Inventory.Entry> kept = new TreeSet<>();
    for (Inventory.Entry entry : creating) {
      boolean wasRecorded = recorded.contains(entry);
      if (wasRecorded || created.contains(entry.key())) {
        kept.add(entry);
      }
    }
    if (options.prune()) {
      Map<Inventory.Entry, ObjectResult> pruned =
          new Pruner(live, catalog).prune(recorded, inputKeys, options);
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
      inventory.save(live, configMaps, kept);
    }
    List<String> notReady =
        options.rolloutTimeout().isPresent() && !options.storesNothing()
            ? new RolloutWait(live, catalog)
                .await(rollouts, options.rolloutTimeout().get(), progress)
            : List.of();
    return new ApplyReport(results, diff.toString(), notReady);
  }

  private List<Planned> plan(List<KubeObject> objects, ApplyOptions options)
      throws ClusterException {
    Set<String> definedByInput = new HashSet<>();
    for (KubeObject object : objects) {
      if (object.kind().equals("CustomResourceDefinition")) {
        definedByInput.add(
            object.at("/spec/group").asText() + "/" + object.at("/spec/names/kind").asText());
      }
    }
    List<String> errors = new ArrayList<>();
    List<Planned> plan = new ArrayList<>();
    for (KubeObject object : objects) {
      Optional<ResourceType> type = catalog.find(object.apiVersion(), object.kind());
      if (type.isEmpty() && !definedByInput.contains(object.group() + "/" + object.kind())) {
        String suggestion =
            Suggestions.closest(object.kind(), catalog.kindsOf(object.apiVersion()))
                .map(k -> ", did you mean '" + k + "'?")
                .orElse("; is its CustomResourceDefinition installed?");
        errors.add(
            object.positionOf("/kind")
                + ": kind '"
                + object.kind()
                + "' is not served in "
                + object.apiVersion()
                + suggestion);
        continue;
      }
      ObjectNode tree = object.tree().deepCopy();
      ObjectNode metadata = tree.withObject("/metadata");
      boolean namespaced =
          type.map(ResourceType::namespaced)
              .orElse(!"Cluster".equals(object.at("/spec/scope").asText("")));
      if (type.isEmpty()) {
        namespaced = true;
      }
      if (namespaced && metadata.path("namespace").asText("").isEmpty()) {
        metadata.put("namespace", options.defaultNamespace());
      }
      if (!namespaced) {
        metadata.remove("namespace");
      }
      metadata.withObject("/labels").put(Inventory.LABEL, options.inventory());
      plan.add(new Planned(object, tree, keyOf(object, tree), type.orElse(null)));
    }
    if (!errors.isEmpty()) {
      throw ClusterException.invalidInput(String.join("\n", errors));
    }
    plan.sort(Comparator.comparing(Planned::key, DependencyOrder.CREATION));
    return plan;
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
        Inventory.owns(current.get(), options.inventory())
            ? ""
            : "existed before minato applied it: prune will never delete it";
    return new ObjectResult(planned.key(), same ? Outcome.UNCHANGED : Outcome.CONFIGURED, note);
  }

  private void awaitCrds(List<Planned> plan) throws ClusterException {
    ResourceType crds = required("apiextensions.k8s.io/v1", "CustomResourceDefinition");
    for (Planned planned : plan) {
      if (planned.key().kind().equals("CustomResourceDefinition")) {
        CrdEstablishment.await(live, crds, planned.key().name(), CRD_TIMEOUT);
      }
    }
    catalog.refresh();
  }

  private ResourceType required(String apiVersion, String kind) throws ClusterException {
    return catalog
        .find(apiVersion, kind)
        .orElseThrow(
            () ->
                ClusterException.environment(
                    "the API server does not serve " + kind + " (" + apiVersion + ")", null));
  }

  private static Inventory.Entry entryOf(ObjectNode tree) {
    return new Inventory.Entry(
        tree.path("apiVersion").asText(),
        tree.path("kind").asText(),
        tree.path("metadata").path("namespace").asText(""),
        tree.path("metadata").path("name").asText());
  }

  private static ObjectKey keyOf(KubeObject object, ObjectNode tree) {
    return new ObjectKey(
        object.group(),
        object.kind(),
        tree.path("metadata").path("namespace").asText(""),
        object.name());
  }

  private static ObjectKey keyOf(ObjectNode tree) {
    return dev.minato.cluster.objects.GenericObjects.keyOf(tree);
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
