package dev.minato.cluster.migrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The content of a migrated object as a hash, and whether a target object holds it. A target server
 * adds defaults and other controllers add labels, so a target copy holds the migrated content when
 * every field minato sent has the same value there: the comparison looks only at those fields
 * (their projection), in key order, with numbers compared by value.
 */
final class ContentHash {

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ContentHash() {}

  /** SHA-256 of {@code node} in canonical JSON (keys sorted), hex; names no value it hashed. */
  static String of(JsonNode node) {
    try {
      byte[] text =
          CANONICAL
              .writeValueAsString(CANONICAL.treeToValue(node, Object.class))
              .getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash a JSON tree", e);
    }
  }

  /** The hash of {@code live}'s values at the fields {@code sent} has. */
  static String ofMigratedFields(JsonNode live, JsonNode sent) {
    return of(projection(live, sent));
  }

  /** The first field (a JSON pointer) where {@code live} does not hold what {@code sent} has. */
  static Optional<String> firstDifference(JsonNode live, JsonNode sent) {
    return difference(live, sent, "");
  }

  private static JsonNode projection(JsonNode live, JsonNode shape) {
    if (shape.isObject() && live.isObject()) {
      ObjectNode kept = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = shape.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (live.has(field.getKey())) {
          kept.set(field.getKey(), projection(live.get(field.getKey()), field.getValue()));
        }
      }
      return kept;
    }
    if (shape.isArray() && live.isArray() && shape.size() == live.size()) {
      ArrayNode kept = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < shape.size(); i++) {
        kept.add(projection(live.get(i), shape.get(i)));
      }
      return kept;
    }
    return live;
  }

  private static Optional<String> difference(JsonNode live, JsonNode sent, String at) {
    if (sent.isObject() && live.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String path = at + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
        if (!live.has(field.getKey())) {
          return Optional.of(path);
        }
        Optional<String> inner = difference(live.get(field.getKey()), field.getValue(), path);
        if (inner.isPresent()) {
          return inner;
        }
      }
      return Optional.empty();
    }
    if (sent.isArray() && live.isArray() && sent.size() == live.size()) {
      for (int i = 0; i < sent.size(); i++) {
        Optional<String> inner = difference(live.get(i), sent.get(i), at + "/" + i);
        if (inner.isPresent()) {
          return inner;
        }
      }
      return Optional.empty();
    }
    return of(live).equals(of(sent)) ? Optional.empty() : Optional.of(at.isEmpty() ? "/" : at);
  }
}
