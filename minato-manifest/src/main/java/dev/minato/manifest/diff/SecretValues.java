package dev.minato.manifest.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.TreeSet;

/**
 * Hides a Secret's values before two versions of it are compared, keeping whether each value
 * changed: an equal value becomes {@code ***} on both sides, a changed one {@code *** (before)} and
 * {@code *** (after)}, as kubectl diff shows them. Whatever shape {@code data} and {@code
 * stringData} have (a map, or something malformed), nothing under them survives; nor does the
 * last-applied-configuration annotation, which holds the whole Secret as kubectl last applied it.
 */
final class SecretValues {

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private SecretValues() {}

  /** Masks both trees in place when either is a Secret; a side may be a MissingNode. */
  static void mask(JsonNode before, JsonNode after) {
    if (!isSecret(before) && !isSecret(after)) {
      return;
    }
    for (String field : List.of("data", "stringData")) {
      maskField(before, after, field, true);
    }
    maskField(
        before.path("metadata").path("annotations"),
        after.path("metadata").path("annotations"),
        LAST_APPLIED,
        false);
  }

  static boolean isSecret(JsonNode object) {
    return "Secret".equals(object.path("kind").asText());
  }

  private static void maskField(
      JsonNode beforeParent, JsonNode afterParent, String field, boolean eachKey) {
    JsonNode old = beforeParent.isObject() ? beforeParent.get(field) : null;
    JsonNode now = afterParent.isObject() ? afterParent.get(field) : null;
    if (eachKey && (old == null || old.isObject()) && (now == null || now.isObject())) {
      TreeSet<String> keys = new TreeSet<>();
      if (old != null) {
        old.fieldNames().forEachRemaining(keys::add);
      }
      if (now != null) {
        now.fieldNames().forEachRemaining(keys::add);
      }
      for (String key : keys) {
        maskField(
            old == null ? MissingNode.getInstance() : old,
            now == null ? MissingNode.getInstance() : now,
            key,
            false);
      }
      return;
    }
    boolean same = old != null && now != null && old.equals(now);
    if (old != null) {
      ((ObjectNode) beforeParent).put(field, same ? "***" : "*** (before)");
    }
    if (now != null) {
      ((ObjectNode) afterParent).put(field, same ? "***" : "*** (after)");
    }
  }
}
