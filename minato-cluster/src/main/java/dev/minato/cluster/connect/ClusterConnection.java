package dev.minato.cluster.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a fabric8 client for a {@link ClusterTarget} and proves the API server answers, so that an
 * unreachable cluster is reported once, clearly, as an environment error.
 */
public final class ClusterConnection {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ClusterConnection() {}

  /** A client for the target whose API server answered {@code /version}. */
  public static KubernetesClient connect(ClusterTarget target) throws ClusterException {
    Config config = config(target);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    try {
      client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      client.close();
      throw ClusterException.environment(
          "cannot reach the API server at "
              + config.getMasterUrl()
              + " ("
              + target.describe()
              + "): "
              + rootMessage(e)
              + "; check the context with 'kubectl --context <name> version'",
          e);
    }
    return client;
  }

  static Config config(ClusterTarget target) throws ClusterException {
    Config base;
    if (target.kubeconfig().isPresent()) {
      Path file = target.kubeconfig().get();
      if (!Files.isRegularFile(file)) {
        throw ClusterException.invalidInput(file + ": no such kubeconfig file");
      }
      List<String> contexts = contexts(file);
      String context = target.context().orElse(null);
      if (context != null && !contexts.contains(context)) {
        throw ClusterException.invalidInput(
            file + ": no context '" + context + "'; the contexts are " + contexts);
      }
      base = Config.fromKubeconfig(context, file.toFile());
    } else {
      base = Config.autoConfigure(target.context().orElse(null));
      if (target.context().isPresent()
          && (base.getCurrentContext() == null
              || !target.context().get().equals(base.getCurrentContext().getName()))) {
        throw ClusterException.invalidInput(
            "no context '" + target.context().get() + "' in the default kubeconfig");
      }
    }
    // Fail fast instead of fabric8's ten retries with back-off: the user is waiting.
    // Over cleartext HTTP (the sandbox, kubectl proxy) there is no ALPN to agree on HTTP/2.
    boolean cleartext = base.getMasterUrl() != null && base.getMasterUrl().startsWith("http://");
    return new ConfigBuilder(base)
        .withHttp2Disable(cleartext || base.isHttp2Disable())
        .withRequestRetryBackoffLimit(1)
        .withRequestRetryBackoffInterval(200)
        .withConnectionTimeout(5_000)
        .withRequestTimeout(30_000)
        .build();
  }

  private static List<String> contexts(Path file) throws ClusterException {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw ClusterException.invalidInput(file + ": not a readable kubeconfig: " + e.getMessage());
    }
    List<String> names = new ArrayList<>();
    for (JsonNode context : root.path("contexts")) {
      names.add(context.path("name").asText());
    }
    return names;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
