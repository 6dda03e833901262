package dev.minato.cluster.objects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a live object already holds everything a desired object says. The server adds defaults
 * and status, so equality would report a change where there is none; maps are compared key by key,
 * lists and scalars exactly.
 */
public final class Subset {

  private Subset() {}

  public static boolean contains(JsonNode live, JsonNode desired) {
    if (desired.isObject()) {
      if (!live.isObject()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> it = desired.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode actual = live.get(field.getKey());
        if (actual == null || !contains(actual, field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isNumber() && live.isNumber()) {
      return desired.decimalValue().compareTo(live.decimalValue()) == 0;
    }
    return desired.equals(live);
  }
}
