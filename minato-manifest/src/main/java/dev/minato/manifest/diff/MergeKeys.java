package dev.minato.manifest.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which field names the elements of a list, after Kubernetes' {@code patchMergeKey}s: a container
 * is the same container when its {@code name} is, whatever its position. Where Kubernetes' key is
 * not the most readable one (container ports are merged on {@code containerPort}, but most have a
 * {@code name}), the readable key comes first and is used when every element has it.
 */
final class MergeKeys {

  private static final List<String> NAME = List.of("name");

  /** Candidate keys by the list's field name, the first one all elements carry uniquely wins. */
  private static final Map<String, List<String>> BY_FIELD =
      Map.ofEntries(
          Map.entry("containers", NAME),
          Map.entry("initContainers", NAME),
          Map.entry("ephemeralContainers", NAME),
          Map.entry("env", NAME),
          Map.entry("volumes", NAME),
          Map.entry("volumeMounts", List.of("name", "mountPath")),
          Map.entry("volumeDevices", List.of("devicePath")),
          Map.entry("ports", List.of("name", "containerPort", "port")),
          Map.entry("imagePullSecrets", NAME),
          Map.entry("secrets", NAME),
          Map.entry("resourceClaims", NAME),
          Map.entry("hostAliases", List.of("ip")),
          Map.entry("conditions", List.of("type")),
          Map.entry("ownerReferences", List.of("uid")),
          Map.entry("topologySpreadConstraints", List.of("topologyKey")));

  private MergeKeys() {}

  /**
   * The key that pairs the elements of two versions of the list {@code field}, when both sides are
   * lists of objects each carrying that key as a scalar, unique within its side; otherwise empty
   * (pair by index).
   */
  static Optional<String> of(String field, JsonNode before, JsonNode after) {
    for (String key : BY_FIELD.getOrDefault(field, List.of())) {
      if (identifies(key, before) && identifies(key, after)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  /** The value of {@code key} in an element, as text. */
  static String valueOf(JsonNode element, String key) {
    return element.get(key).asText();
  }

  private static boolean identifies(String key, JsonNode list) {
    if (!list.isArray()) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    for (JsonNode element : list) {
      JsonNode value = element.get(key);
      if (!element.isObject() || value == null || !value.isValueNode() || value.isNull()) {
        return false;
      }
      if (!seen.add(value.asText())) {
        return false;
      }
    }
    return true;
  }
}
