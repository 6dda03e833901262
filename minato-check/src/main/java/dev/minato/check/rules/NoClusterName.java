package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;
import dev.minato.check.suppression.SuppressionAnnotation;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.KubeObject;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * No label, annotation or env value names a configured cluster. A hard-coded cluster name is the
 * usual reason a workload cannot move: it keeps pointing at (or claiming to be in) the old one.
 */
final class NoClusterName implements Rule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "no-cluster-name",
          Severity.ERROR,
          "no label, annotation or env value contains a configured cluster name");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return true;
  }

  @Override
  public void check(KubeObject object, RuleContext context) {
    List<String> clusters = context.config().clusterNames();
    if (clusters.isEmpty()) {
      return;
    }
    Optional<Workload> workload = context.inventory().workload(object);
    String pod = workload.map(Workload::podMetadataPointer).orElse(null);
    for (String metadata :
        pod == null || pod.equals("/metadata") ? List.of("/metadata") : List.of("/metadata", pod)) {
      metadataEntries(object, metadata + "/labels", "label", clusters, context);
      metadataEntries(object, metadata + "/annotations", "annotation", clusters, context);
    }
    if (workload.isEmpty()) {
      return;
    }
    for (Container container : workload.get().allContainers()) {
      JsonNode env = container.path("env");
      for (int i = 0; i < env.size(); i++) {
        JsonNode value = env.get(i).path("value");
        if (value.isValueNode()) {
          String pointer = container.pointer("/env/" + i + "/value");
          String name = env.get(i).path("name").asText("");
          match(value.asText(), clusters)
              .ifPresent(
                  cluster ->
                      context.report(
                          object,
                          pointer,
                          WorkloadRule.subject(workload.get(), container)
                              + " env "
                              + name
                              + "='"
                              + value.asText()
                              + "' names cluster '"
                              + cluster
                              + "'; read it from the environment the cluster provides instead"));
        }
      }
    }
  }

  private static void metadataEntries(
      KubeObject object, String pointer, String what, List<String> clusters, RuleContext context) {
    Iterator<Map.Entry<String, JsonNode>> entries = object.at(pointer).fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      if (entry.getKey().startsWith(SuppressionAnnotation.PREFIX)) {
        continue; // a suppression's reason may well name the cluster it is about
      }
      String text = entry.getKey() + "=" + entry.getValue().asText("");
      match(text, clusters)
          .ifPresent(
              cluster ->
                  context.report(
                      object,
                      JsonPointers.child(pointer, entry.getKey()),
                      object.key()
                          + " "
                          + what
                          + " '"
                          + text
                          + "' names cluster '"
                          + cluster
                          + "'; the object cannot move to another cluster unchanged"));
    }
  }

  private static Optional<String> match(String text, List<String> clusters) {
    String lower = text.toLowerCase(Locale.ROOT);
    return clusters.stream()
        .filter(cluster -> lower.contains(cluster.toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
