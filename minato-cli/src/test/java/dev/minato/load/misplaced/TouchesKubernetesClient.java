package dev.minato.load.misplaced;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Breaks a rule on purpose: load must never touch the Kubernetes client (see ModuleRulesTest). */
public final class TouchesKubernetesClient {

  private TouchesKubernetesClient() {}

  static String version(KubernetesClient client) {
    return client.getApiVersion();
  }
}
