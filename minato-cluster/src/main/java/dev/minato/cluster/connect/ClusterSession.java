package dev.minato.cluster.connect;

import dev.minato.cluster.objects.LiveObjects;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * An open connection to one cluster with what every operation needs: the client, the types the
 * server serves, and the default namespace of the context. Callers outside this module see no
 * Kubernetes client types, so commands that never reach a cluster never load them.
 */
public final class ClusterSession implements AutoCloseable {

  private final ClusterTarget target;
  private final KubernetesClient client;
  private final ResourceCatalog catalog;

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
