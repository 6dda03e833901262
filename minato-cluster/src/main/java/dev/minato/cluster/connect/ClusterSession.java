package dev.minato.cluster.connect;

import dev.minato.cluster.objects.ApiFailure;
import dev.minato.cluster.objects.LiveObjects;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * An open connection to one cluster with what every operation needs: the client, the types the
 * server serves, and the default namespace of the context. Callers outside this module see no
 * Kubernetes client types, so commands that never reach a cluster never load them.
 */
public final class ClusterSession implements AutoCloseable {

  private final ClusterTarget target;
  private final KubernetesClient client;
  private final ResourceCatalog catalog;
  private ClusterIdentity identity;

  private ClusterSession(ClusterTarget target, KubernetesClient client, ResourceCatalog catalog) {
    this.target = target;
    this.client = client;
    this.catalog = catalog;
  }

  public static ClusterSession open(ClusterTarget target) throws ClusterException {
    KubernetesClient client = ClusterConnection.connect(target);
    try {
      return new ClusterSession(target, client, ResourceCatalog.discover(client));
    } catch (ClusterException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  public LiveObjects live() {
    return new LiveObjects(client);
  }

  public ResourceCatalog catalog() {
    return catalog;
  }

  /** The namespace of the context, else {@code default}, as kubectl uses it. */
  public String defaultNamespace() {
    String namespace = client.getNamespace();
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }

  /**
   * Which cluster this is: the URL and the UID of {@code kube-system}. A user who may not read
   * namespaces gets the URL alone; commands that need a proven identity ({@code migrate}) refuse
   * that.
   */
  public ClusterIdentity identity() throws ClusterException {
    if (identity == null) {
      identity = new ClusterIdentity(server(), anchorUid());
    }
    return identity;
  }

  private Optional<String> anchorUid() throws ClusterException {
    try {
      Namespace anchor = client.namespaces().withName(ClusterIdentity.ANCHOR_NAMESPACE).get();
      if (anchor == null || anchor.getMetadata().getUid() == null) {
        return Optional.empty();
      }
      return Optional.of(anchor.getMetadata().getUid());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 401 || e.getCode() == 403) {
        return Optional.empty();
      }
      throw ApiFailure.of(e);
    }
  }

  /** The API server URL, for messages and plans. */
  public String server() {
    return client.getMasterUrl().toString();
  }

  public ClusterTarget target() {
    return target;
  }

  @Override
  public void close() {
    client.close();
  }
}
