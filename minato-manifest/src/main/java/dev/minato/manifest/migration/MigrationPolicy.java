package dev.minato.manifest.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.JsonPointers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a workload tolerates while it moves between clusters, written as {@value #KEY}. The one
 * definition of the key, its values and where it may be written, read alike by the renderer (which
 * writes it), the checker (which requires it) and migration (which obeys it).
 *
 * <p>Where it is read ({@link #of}), first found wins, so a more specific statement is never
 * overridden by a more general one written elsewhere on the same object:
 *
 * <ol>
 *   <li>the object's {@code metadata.labels},
 *   <li>the object's {@code metadata.annotations},
 *   <li>its pod template's {@code metadata.labels} ({@code spec.template}, or {@code
 *       spec.jobTemplate.spec.template} for a CronJob),
 *   <li>its pod template's {@code metadata.annotations}.
 * </ol>
 *
 * An object that states nothing may inherit its namespace's label ({@link #ofNamespace}); that is a
 * separate call because only migration, which reads whole namespaces, has the namespace.
 */
public enum MigrationPolicy {
  /** It may briefly run in both clusters: start it on the target first, remove it last. */
  DUPLICATE_OK("duplicate-ok"),
  /** It must never run twice (a daily ETL, a notifier): stop it first and accept a gap. */
  DOWNTIME_OK("downtime-ok");

  /** The label (or annotation) key. */
  public static final String KEY = "minato.dev/migration-policy";

  private final String spelling;

  MigrationPolicy(String spelling) {
    this.spelling = spelling;
  }

  /** The value as written in the label: {@code duplicate-ok} or {@code downtime-ok}. */
  public String spelling() {
    return spelling;
  }

  /**
   * The policy a label value names.
   *
   * @throws InvalidValueException naming the value and the two that are expected
   */
  public static MigrationPolicy parse(String value) throws InvalidValueException {
    for (MigrationPolicy policy : values()) {
      if (policy.spelling.equals(value)) {
        return policy;
      }
    }
    throw new InvalidValueException(
        KEY + " '" + value + "' is not a migration policy; expected duplicate-ok or downtime-ok");
  }

  /** What the object states about itself, in the order of precedence documented above. */
  public static PolicyReading of(JsonNode object) {
    for (String metadata : metadataPointers(object)) {
      for (String field : List.of("/labels", "/annotations")) {
        String pointer = JsonPointers.child(metadata + field, KEY);
        JsonNode node = object.at(pointer);
        if (node.isValueNode()) {
          return read(node.asText(), pointer);
        }
      }
    }
    return PolicyReading.ABSENT;
  }

  /**
   * What a namespace's labels state for the objects in it that state nothing themselves; combine
   * with {@link PolicyReading#or}.
   */
  public static PolicyReading ofNamespace(Map<String, String> namespaceLabels) {
    String value = namespaceLabels.get(KEY);
    return value == null
        ? PolicyReading.ABSENT
        : read(value, JsonPointers.child("/metadata/labels", KEY));
  }

  private static PolicyReading read(String value, String pointer) {
    try {
      return new PolicyReading.Found(parse(value), pointer);
    } catch (InvalidValueException e) {
      return new PolicyReading.Invalid(value, pointer, e.getMessage());
    }
  }

  /** The object's metadata, then its pod template's when it has one. */
  private static List<String> metadataPointers(JsonNode object) {
    List<String> pointers = new ArrayList<>(List.of("/metadata"));
    String kind = object.path("kind").asText("");
    String template = kind.equals("CronJob") ? "/spec/jobTemplate/spec/template" : "/spec/template";
    if (!kind.equals("Pod") && object.at(template).isObject()) {
      pointers.add(template + "/metadata");
    }
    return pointers;
  }
}
