package dev.minato.cluster.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ResourceType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads and writes objects of any type through fabric8's generic client, as trees. Writes are
 * server-side applies with field manager {@code minato}, optionally as server-side dry runs.
 */
public final class LiveObjects {

  /** The field manager every minato write uses. */
  public static final String FIELD_MANAGER = "minato";

  private final KubernetesClient client;

  public LiveObjects(KubernetesClient client) {
    this.client = client;
  }

  public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
    GenericKubernetesResource live = scoped(type, namespace).withName(name).get();
    return Optional.ofNullable(live).map(GenericObjects::toTree);
  }

  /** Server-side applies {@code tree}; with {@code dryRun} the server answers but keeps nothing. */
  public ObjectNode apply(ResourceType type, ObjectNode tree, boolean dryRun) {
    return apply(type, tree, dryRun, FIELD_MANAGER);
  }

  /**
   * Server-side applies {@code tree} as {@code manager}. A manager owns exactly the fields it sent
   * last: a partial change (scaling to zero) needs its own manager, or the fields the main manager
   * applied before and does not send now would be removed.
   */
  public ObjectNode apply(ResourceType type, ObjectNode tree, boolean dryRun, String manager) {
    String namespace = tree.path("metadata").path("namespace").asText("");
    GenericKubernetesResource resource = GenericObjects.toResource(tree);
    Resource<GenericKubernetesResource> target = scoped(type, namespace).resource(resource);
    GenericKubernetesResource result =
        dryRun
            ? target.dryRun().fieldManager(manager).forceConflicts().serverSideApply()
            : target.fieldManager(manager).forceConflicts().serverSideApply();
    return GenericObjects.toTree(result);
  }

  /** Deletes one object; answers whether it existed. */
  public boolean delete(ResourceType type, String namespace, String name, boolean dryRun) {
    Resource<GenericKubernetesResource> target = scoped(type, namespace).withName(name);
    if (dryRun) {
      return target.get() != null;
    }
    return !target.delete().isEmpty();
  }

  /**
   * Streams every object of a type, page by page ({@code limit}/{@code continue}), so memory holds
   * one page at a time. {@code namespace} null means all namespaces; {@code labelSelector} may be
   * null.
   */
  public void forEach(
      ResourceType type,
      String namespace,
      String labelSelector,
      int pageSize,
      Consumer<ObjectNode> each) {
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        all = client.genericKubernetesResources(type.context());
    String token = null;
    do {
      ListOptionsBuilder options =
          new ListOptionsBuilder().withLimit((long) pageSize).withContinue(token);
      if (labelSelector != null) {
        options.withLabelSelector(labelSelector);
      }
      GenericKubernetesResourceList page =
          type.namespaced() && namespace != null
              ? all.inNamespace(namespace).list(options.build())
              : type.namespaced()
                  ? all.inAnyNamespace().list(options.build())
                  : all.list(options.build());
      List<GenericKubernetesResource> items = page.getItems();
      for (GenericKubernetesResource item : items) {
        ObjectNode tree = GenericObjects.toTree(item);
        // Lists leave out each item's apiVersion and kind on some servers; put them back.
        tree.put("apiVersion", type.apiVersion());
        tree.put("kind", type.kind());
        each.accept(tree);
      }
      token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (token != null && !token.isEmpty());
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      scoped(ResourceType type, String namespace) {
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        all = client.genericKubernetesResources(type.context());
    return type.namespaced() ? all.inNamespace(namespace) : all;
  }
}
