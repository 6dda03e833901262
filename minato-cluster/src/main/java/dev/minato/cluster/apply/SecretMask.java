package dev.minato.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hides Secret values before a diff is printed, keeping whether each value changed: equal values
 * become {@code ***}, changed ones {@code *** (before)} and {@code *** (after)}, as kubectl does.
 */
final class SecretMask {

  private SecretMask() {}

  /** Masks {@code data} and {@code stringData} of both sides (either may be null) in place. */
  static void mask(ObjectNode before, ObjectNode after) {
    if (!isSecret(before) && !isSecret(after)) {
      return;
    }
    for (String field : List.of("data", "stringData")) {
      ObjectNode old = objectAt(before, field);
      ObjectNode now = objectAt(after, field);
      Set<String> keys = new TreeSet<>();
      if (old != null) {
        old.fieldNames().forEachRemaining(keys::add);
      }
      if (now != null) {
        now.fieldNames().forEachRemaining(keys::add);
      }
      for (String key : keys) {
        JsonNode oldValue = old == null ? null : old.get(key);
        JsonNode newValue = now == null ? null : now.get(key);
        boolean same = oldValue != null && oldValue.equals(newValue);
        if (oldValue != null) {
          old.put(key, same ? "***" : "*** (before)");
        }
        if (newValue != null) {
          now.put(key, same ? "***" : "*** (after)");
        }
      }
    }
  }

  private static boolean isSecret(ObjectNode object) {
    return object != null && "Secret".equals(object.path("kind").asText());
  }

  private static ObjectNode objectAt(ObjectNode object, String field) {
    return object != null && object.get(field) instanceof ObjectNode node ? node : null;
  }
}
