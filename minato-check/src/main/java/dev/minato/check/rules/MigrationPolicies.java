package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.JsonPointers;
import java.util.List;
import java.util.Optional;

/**
 * Where a workload states its migration policy: a label or an annotation {@code
 * minato.dev/migration-policy} on the object or on its pod template.
 */
final class MigrationPolicies {

  static final String KEY = "minato.dev/migration-policy";
  static final List<String> VALUES = List.of("duplicate-ok", "downtime-ok");

  private MigrationPolicies() {}

  /** The pointer and value of the first place the policy is written, if any. */
  record Found(String pointer, String value) {}

  static Optional<Found> of(Workload workload) {
    for (String metadata : List.of("/metadata", workload.podMetadataPointer())) {
      for (String field : List.of("/labels", "/annotations")) {
        String pointer = JsonPointers.child(metadata + field, KEY);
        JsonNode node = workload.object().at(pointer);
        if (node.isValueNode()) {
          return Optional.of(new Found(pointer, node.asText()));
        }
      }
    }
    return Optional.empty();
  }
}
