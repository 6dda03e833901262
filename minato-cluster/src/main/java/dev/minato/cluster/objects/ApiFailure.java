package dev.minato.cluster.objects;

import dev.minato.cluster.connect.ClusterException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Turns an API call that failed outside any single object into a message for the user. */
public final class ApiFailure {

  private ApiFailure() {}

  public static ClusterException of(KubernetesClientException e) {
    int code = e.getCode();
    String message =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    if (code == 401 || code == 403) {
      return ClusterException.environment(
          "the API server refused access (HTTP "
              + code
              + "): "
              + message
              + "; the context's user needs read and write access to these objects",
          e);
    }
    if (code == 0) {
      return ClusterException.environment("lost the connection to the API server: " + message, e);
    }
    return ClusterException.environment("the API server answered HTTP " + code + ": " + message, e);
  }
}
