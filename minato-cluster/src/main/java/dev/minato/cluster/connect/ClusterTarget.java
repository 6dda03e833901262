package dev.minato.cluster.connect;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which cluster to talk to, as kubectl chooses it: a kubeconfig file (else {@code $KUBECONFIG},
 * else {@code ~/.kube/config}) and a context of it (else its current context).
 */
public record ClusterTarget(Optional<Path> kubeconfig, Optional<String> context) {

  public static ClusterTarget of(Path kubeconfig, String context) {
    return new ClusterTarget(Optional.ofNullable(kubeconfig), Optional.ofNullable(context));
  }

  /** For messages: {@code context 'x' of /path/config}. */
  public String describe() {
    String where = kubeconfig.map(Path::toString).orElse("the default kubeconfig");
    return context
        .map(c -> "context '" + c + "' of " + where)
        .orElse("current context of " + where);
  }
}
