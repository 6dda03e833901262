package dev.minato.cluster.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.manifest.ObjectKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The workloads whose replica count an autoscaler owns: the target of every HorizontalPodAutoscaler
 * (KEDA's included, as KEDA scales through an HPA it makes). Their live {@code spec.replicas} is
 * the autoscaler's last decision, not what their author wrote (a manifest for an autoscaled
 * workload leaves it out, and {@code check}'s {@code hpa-replicas-conflict} says so): a backup
 * leaves it out too, so that re-applied it neither resets the scale nor fights the autoscaler.
 */
final class AutoscaledWorkloads {

  private final Set<ObjectKey> targets;

  private AutoscaledWorkloads(Set<ObjectKey> targets) {
    this.targets = targets;
  }

  /** The targets of the HPAs in {@code namespaces} (every namespace when empty). */
  static AutoscaledWorkloads in(
      LiveObjects live, ResourceCatalog catalog, List<String> namespaces) {
    Optional<ResourceType> hpas =
        catalog.types().stream()
            .filter(t -> t.group().equals("autoscaling"))
            .filter(t -> t.kind().equals("HorizontalPodAutoscaler"))
            .findFirst();
    Set<ObjectKey> targets = new HashSet<>();
    if (hpas.isPresent() && hpas.get().can("list")) {
      List<String> scopes = namespaces.isEmpty() ? nullScope() : namespaces;
      for (String namespace : scopes) {
        live.forEach(hpas.get(), namespace, null, 500, hpa -> targets.add(targetOf(hpa)));
      }
    }
    return new AutoscaledWorkloads(targets);
  }

  private static List<String> nullScope() {
    List<String> all = new ArrayList<>();
    all.add(null); // LiveObjects lists every namespace for null
    return all;
  }

  private static ObjectKey targetOf(JsonNode hpa) {
    JsonNode ref = hpa.path("spec").path("scaleTargetRef");
    String apiVersion = ref.path("apiVersion").asText("");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return new ObjectKey(
        group,
        ref.path("kind").asText(""),
        hpa.path("metadata").path("namespace").asText(""),
        ref.path("name").asText(""));
  }

  /** Removes {@code spec.replicas} from {@code object} when an autoscaler owns it. */
  void forgetReplicas(ObjectKey key, ObjectNode object) {
    if (targets.contains(key) && object.get("spec") instanceof ObjectNode spec) {
      spec.remove("replicas");
    }
  }
}
