package dev.minato.cluster.restore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.backup.BackupContents;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.ApiFailure;
import dev.minato.cluster.objects.CrdEstablishment;
import dev.minato.cluster.objects.DependencyOrder;
import dev.minato.cluster.objects.GenericObjects;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.objects.Subset;
import dev.minato.manifest.ObjectKey;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Restores a backup in dependency order (namespaces, CRDs, then, once they are established, RBAC,
 * config, storage, services, workloads and the rest). Idempotent: objects already as the backup
 * says are left untouched and reported unchanged; others are created or updated with server-side
 * apply. One object failing does not stop the others.
 */
public final class Restorer {

  private static final Duration CRD_TIMEOUT = Duration.ofSeconds(60);

  private final LiveObjects live;
  private final ResourceCatalog catalog;

  public Restorer(LiveObjects live, ResourceCatalog catalog) {
    this.live = live;
    this.catalog = catalog;
  }

  public RestoreReport restore(
      List<BackupContents.Entry> entries,
      NamespaceMap namespaces,
      boolean dryRun,
      Consumer<String> progress)
      throws ClusterException {
    try {
      return restoreChecked(entries, namespaces, dryRun, progress);
    } catch (KubernetesClientException e) {
      throw ApiFailure.of(e);
    }
  }

  private RestoreReport restoreChecked(
      List<BackupContents.Entry> entries,
      NamespaceMap namespaces,
      boolean dryRun,
      Consumer<String> progress)
      throws ClusterException {
    List<ObjectNode> objects = new ArrayList<>();
    for (BackupContents.Entry entry : entries) {
      objects.add(namespaces.apply(entry.object()));
    }
    objects.sort(Comparator.comparing(GenericObjects::keyOf, DependencyOrder.CREATION));
    List<String> crdNames = new ArrayList<>();
    boolean crdsAwaited = false;
    List<RestoredObject> results = new ArrayList<>();
    for (ObjectNode object : objects) {
      ObjectKey key = GenericObjects.keyOf(object);
      if (!crdsAwaited && DependencyOrder.rank(key) > 1) {
        awaitCrds(crdNames, dryRun);
        crdsAwaited = true;
      }
      RestoredObject result = restoreOne(object, key, dryRun);
      if (key.kind().equals("CustomResourceDefinition")
          && result.outcome() != RestoreOutcome.FAILED) {
        crdNames.add(key.name());
      }
      results.add(result);
      progress.accept(
          String.format(
              "%-10s %s%s",
              result.outcome().word(),
              key,
              result.message().isEmpty() ? "" : ": " + result.message()));
    }
    return new RestoreReport(results, dryRun);
  }

  private RestoredObject restoreOne(ObjectNode object, ObjectKey key, boolean dryRun) {
    String apiVersion = object.path("apiVersion").asText();
    Optional<ResourceType> type = catalog.find(apiVersion, key.kind());
    if (type.isEmpty()) {
      return new RestoredObject(
          key,
          RestoreOutcome.FAILED,
          "the server does not serve "
              + key.kind()
              + " in "
              + apiVersion
              + (dryRun ? " (in a dry run, CRDs from the backup are not created)" : ""));
    }
    try {
      Optional<ObjectNode> current = live.get(type.get(), key.namespace(), key.name());
      if (current.isPresent() && Subset.contains(current.get(), object)) {
        return new RestoredObject(key, RestoreOutcome.UNCHANGED, "");
      }
      live.apply(type.get(), object, dryRun);
      return new RestoredObject(
          key, current.isPresent() ? RestoreOutcome.UPDATED : RestoreOutcome.CREATED, "");
    } catch (KubernetesClientException e) {
      String message =
          e.getStatus() != null && e.getStatus().getMessage() != null
              ? e.getStatus().getMessage()
              : e.getMessage();
      return new RestoredObject(key, RestoreOutcome.FAILED, message);
    }
  }

  private void awaitCrds(List<String> names, boolean dryRun) throws ClusterException {
    if (names.isEmpty() || dryRun) {
      return;
    }
    ResourceType crds =
        catalog
            .find("apiextensions.k8s.io/v1", "CustomResourceDefinition")
            .orElseThrow(
                () ->
                    ClusterException.environment(
                        "the API server does not serve CustomResourceDefinitions", null));
    for (String name : names) {
      CrdEstablishment.await(live, crds, name, CRD_TIMEOUT);
    }
    catalog.refresh();
  }
}
