package dev.minato.cluster.connect;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource types a cluster serves, found through discovery (so custom resources are included),
 * one entry per group and kind at the group's preferred version. Other versions are looked up on
 * demand, for manifests that name them.
 */
public final class ResourceCatalog {

  private final KubernetesClient client;
  private final List<ResourceType> preferred;
  private final Map<String, List<ResourceType>> byGroupVersion = new HashMap<>();

  private ResourceCatalog(KubernetesClient client, List<ResourceType> preferred) {
    this.client = client;
    this.preferred = preferred;
  }

  /** Asks the API server what it serves. */
  public static ResourceCatalog discover(KubernetesClient client) throws ClusterException {
    try {
      List<String> groupVersions = new ArrayList<>();
      groupVersions.add("v1");
      for (APIGroup group : client.getApiGroups().getGroups()) {
        groupVersions.add(group.getPreferredVersion().getGroupVersion());
      }
      ResourceCatalog catalog = new ResourceCatalog(client, new ArrayList<>());
      for (String groupVersion : groupVersions) {
        catalog.preferred.addAll(catalog.typesOf(groupVersion));
      }
      catalog.preferred.sort(
          Comparator.comparing(ResourceType::group).thenComparing(ResourceType::kind));
      return catalog;
    } catch (KubernetesClientException e) {
      throw ClusterException.environment("API discovery failed: " + e.getMessage(), e);
    }
  }

  /** A new catalog from a new discovery, after types were added (CRDs restored). */
  public ResourceCatalog rediscover() throws ClusterException {
    return discover(client);
  }

  /** Every type at its preferred version, sorted by group and kind. */
  public List<ResourceType> types() {
    return List.copyOf(preferred);
  }

  /** The type for an apiVersion and kind, if the server serves it. */
  public Optional<ResourceType> find(String apiVersion, String kind) {
    return typesOf(apiVersion).stream().filter(t -> t.kind().equals(kind)).findFirst();
  }

  /** The kinds served in one group version, for suggestions. */
  public List<String> kindsOf(String apiVersion) {
    return typesOf(apiVersion).stream().map(ResourceType::kind).sorted().toList();
  }

  /** Forgets what was learnt per version, after CRDs were created. */
  public void refresh() {
    byGroupVersion.clear();
  }

  private List<ResourceType> typesOf(String groupVersion) {
    return byGroupVersion.computeIfAbsent(groupVersion, this::load);
  }

  private List<ResourceType> load(String groupVersion) {
    APIResourceList list;
    try {
      list = client.getApiResources(groupVersion);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      throw e;
    }
    if (list == null) {
      return List.of();
    }
    int slash = groupVersion.indexOf('/');
    String group = slash < 0 ? "" : groupVersion.substring(0, slash);
    String version = groupVersion.substring(slash + 1);
    List<ResourceType> types = new ArrayList<>();
    for (APIResource resource : list.getResources()) {
      if (resource.getName().contains("/")) {
        continue; // a subresource such as deployments/scale
      }
      types.add(
          new ResourceType(
              group,
              version,
              resource.getKind(),
              resource.getName(),
              Boolean.TRUE.equals(resource.getNamespaced()),
              resource.getVerbs() == null ? List.of() : List.copyOf(resource.getVerbs())));
    }
    return types;
  }
}
