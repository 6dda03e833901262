package dev.minato.cli.edge.misplaced;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Breaks a rule on purpose: only dev.minato.cli.cluster may touch the Kubernetes client in the CLI,
 * even though the CLI may depend on every module (see ModuleRulesTest).
 */
public final class TouchesKubernetesClient {

  private TouchesKubernetesClient() {}

  static void close(KubernetesClient client) {
    client.close();
  }
}
