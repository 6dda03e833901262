package dev.minato.cluster.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renames namespaces on restore ({@code --namespace-map a:b}): the namespace of objects, the
 * Namespace object itself, and the namespace of (Cluster)RoleBinding subjects.
 */
public record NamespaceMap(Map<String, String> renames) {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public static NamespaceMap none() {
    return new NamespaceMap(Map.of());
  }

  /** Parses {@code from:to} pairs. */
  public static NamespaceMap parse(List<String> pairs) throws ClusterException {
    Map<String, String> renames = new LinkedHashMap<>();
    for (String pair : pairs) {
      String[] parts = pair.split(":", -1);
      if (parts.length != 2
          || !DNS_LABEL.matcher(parts[0]).matches()
          || !DNS_LABEL.matcher(parts[1]).matches()) {
        throw ClusterException.invalidInput(
            "--namespace-map '" + pair + "': expected FROM:TO, two namespace names (DNS labels)");
      }
      if (renames.put(parts[0], parts[1]) != null) {
        throw ClusterException.invalidInput("--namespace-map maps '" + parts[0] + "' twice");
      }
    }
    return new NamespaceMap(Map.copyOf(renames));
  }

  public String map(String namespace) {
    return renames.getOrDefault(namespace, namespace);
  }

  /** A copy of {@code object} with its namespaces renamed. */
  public ObjectNode apply(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    if (renames.isEmpty()) {
      return copy;
    }
    ObjectNode metadata = copy.withObject("/metadata");
    String kind = copy.path("kind").asText();
    if (kind.equals("Namespace")) {
      metadata.put("name", map(metadata.path("name").asText()));
    }
    if (metadata.has("namespace")) {
      metadata.put("namespace", map(metadata.path("namespace").asText()));
    }
    if (kind.equals("RoleBinding") || kind.equals("ClusterRoleBinding")) {
      for (JsonNode subject : copy.path("subjects")) {
        if (subject instanceof ObjectNode s && s.has("namespace")) {
          s.put("namespace", map(s.path("namespace").asText()));
        }
      }
    }
    return copy;
  }
}
